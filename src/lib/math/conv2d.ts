/**
 * A 3×3 convolution of a grayscale image, written out in plain TypeScript.
 *
 * For every output pixel we take the input pixel at the same place and its eight
 * neighbours, multiply each by the filter value in the matching position, and add
 * the nine products. Pixels outside the image count as 0 ("zero padding"), so the
 * output has the same size as the input.
 *
 * Like tf.conv2d (and most deep-learning libraries) the filter is not flipped:
 * strictly speaking this is a cross-correlation, but everyone calls it convolution.
 */

// #region convolve-pixel
/** Nine filter values, row by row: [top-left, top, top-right, left, centre, right, bottom-left, bottom, bottom-right]. */
export type Kernel3x3 = readonly [number, number, number, number, number, number, number, number, number];

/** A grayscale image: `pixels[y * width + x]`, any numeric range (0–255 for photos). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayLike<number>;
}

/** The value of one output pixel, computed the slow, readable way. */
export function convolvePixel(image: GrayImage, kernel: Kernel3x3, x: number, y: number): number {
  let sum = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const weight = kernel[(dy + 1) * 3 + (dx + 1)]!;
      sum += weight * pixelOrZero(image, x + dx, y + dy);
    }
  }
  return sum;
}

/** Input value at (x, y), or 0 outside the image. */
export function pixelOrZero(image: GrayImage, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return 0;
  return image.pixels[y * image.width + x]!;
}
// #endregion

/**
 * Convolves the whole image. Same result as calling convolvePixel for every pixel,
 * but unrolled so a 512×512 photo takes about a millisecond: fast enough to redraw
 * on every keystroke. Pass `out` to reuse a buffer between updates.
 *
 * @returns Float32Array of length width × height (unclamped: values may be negative or above 255).
 */
export function convolve3x3(image: GrayImage, kernel: Kernel3x3, out?: Float32Array): Float32Array {
  const { width: w, height: h, pixels: p } = image;
  const result = out && out.length === w * h ? out : new Float32Array(w * h);
  const [k0, k1, k2, k3, k4, k5, k6, k7, k8] = kernel;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const up = y > 0 ? row - w : -1;
    const down = y < h - 1 ? row + w : -1;
    for (let x = 0; x < w; x++) {
      const hasLeft = x > 0;
      const hasRight = x < w - 1;
      let sum = k4 * p[row + x]!;
      if (hasLeft) sum += k3 * p[row + x - 1]!;
      if (hasRight) sum += k5 * p[row + x + 1]!;
      if (up >= 0) {
        sum += k1 * p[up + x]!;
        if (hasLeft) sum += k0 * p[up + x - 1]!;
        if (hasRight) sum += k2 * p[up + x + 1]!;
      }
      if (down >= 0) {
        sum += k7 * p[down + x]!;
        if (hasLeft) sum += k6 * p[down + x - 1]!;
        if (hasRight) sum += k8 * p[down + x + 1]!;
      }
      result[row + x] = sum;
    }
  }
  return result;
}
