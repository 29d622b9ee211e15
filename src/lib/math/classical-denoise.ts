/**
 * Classical 3×3 denoisers, the baseline a denoising autoencoder has to beat.
 *
 * - Gaussian blur is literally the convolution of lesson 2 (convolve3x3 with the
 *   "gaussian-blur" preset, [1 2 1; 2 4 2; 1 2 1] / 16): it averages noise away, and edges with it.
 * - The median filter replaces each pixel by the median of its 3×3 neighbourhood: an isolated
 *   salt or pepper pixel is an outlier among nine, so it vanishes while edges stay sharp.
 *
 * Border rule, same as convolve3x3: pixels outside the image count as 0 (zero padding), so the
 * output has the input's size. On MNIST the border is black anyway; on a bright photo both
 * filters darken the outermost pixels (the median of a corner, 4 pixels and 5 zeros, is 0).
 */
import { convolve3x3, type GrayImage, type Kernel3x3 } from './conv2d';
import { KERNEL_PRESETS } from './kernel-presets';

/** The 3×3 Gaussian blur of lesson 2's filter editor, taken from its preset so the two cannot drift apart. */
export const GAUSSIAN_BLUR_3X3: Kernel3x3 = (() => {
  const preset = KERNEL_PRESETS.find((p) => p.id === 'gaussian-blur');
  if (!preset) throw new Error('classical-denoise: the "gaussian-blur" kernel preset is missing');
  return preset.kernel;
})();

function checkImage(name: string, img: GrayImage): void {
  const { width, height, pixels } = img;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new Error(`${name}: width and height must be positive integers, got ${width}×${height}`);
  }
  if (pixels.length !== width * height) {
    throw new Error(`${name}: a ${width}×${height} image needs ${width * height} pixels, got ${pixels.length}`);
  }
  for (let i = 0; i < pixels.length; i++) {
    if (Number.isNaN(pixels[i])) throw new Error(`${name}: pixel ${i} is NaN`);
  }
}

/**
 * 3×3 Gaussian blur: convolve3x3(img, GAUSSIAN_BLUR_3X3), zero padding.
 * Returns Float32Array of width × height, in the input's units.
 */
export function gaussianBlur3x3(img: GrayImage): Float32Array {
  checkImage('gaussianBlur3x3', img);
  return convolve3x3(img, GAUSSIAN_BLUR_3X3);
}

/**
 * 3×3 median filter: each output pixel is the 5th smallest of the nine values around it,
 * neighbours outside the image counting as 0 (convolve3x3's border rule).
 * Returns Float32Array of width × height, in the input's units.
 */
export function medianFilter3x3(img: GrayImage): Float32Array {
  checkImage('medianFilter3x3', img);
  const { width: w, height: h, pixels } = img;
  const out = new Float32Array(w * h);
  const window = new Float64Array(9);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          const inside = xx >= 0 && yy >= 0 && xx < w && yy < h;
          window[n++] = inside ? pixels[yy * w + xx]! : 0;
        }
      }
      // Insertion sort: nine values, no allocation; fast enough for a 256×256 patch per frame.
      for (let i = 1; i < 9; i++) {
        const v = window[i]!;
        let j = i - 1;
        while (j >= 0 && window[j]! > v) {
          window[j + 1] = window[j]!;
          j--;
        }
        window[j + 1] = v;
      }
      out[y * w + x] = window[4]!;
    }
  }
  return out;
}

/**
 * Applies a per-image filter to a batch stored image after image in one flat array
 * (length = count × width × height), e.g. the whole noisy test set for a PSNR table.
 * Returns a new Float32Array of the same length.
 */
export function filterBatch(
  images: ArrayLike<number>,
  width: number,
  height: number,
  filter: (img: GrayImage) => Float32Array,
): Float32Array {
  const size = width * height;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new Error(`filterBatch: width and height must be positive integers, got ${width}×${height}`);
  }
  if (images.length === 0 || images.length % size !== 0) {
    throw new Error(`filterBatch: ${images.length} pixels are not a whole, non-zero number of ${width}×${height} images`);
  }
  const all = Float32Array.from(images);
  const out = new Float32Array(all.length);
  for (let start = 0; start < all.length; start += size) {
    out.set(filter({ width, height, pixels: all.subarray(start, start + size) }), start);
  }
  return out;
}
