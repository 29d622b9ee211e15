/**
 * Pooling: shrink an image by summarising each small window of pixels with one number.
 *
 * A window of w × w pixels slides over the image in steps of s pixels (the stride), and only
 * windows that fit completely are used (TensorFlow's padding 'valid'). Max pooling keeps the
 * largest value of each window, average pooling their mean. The output side is
 * ⌊(n − w) / s⌋ + 1, so 2 × 2 windows with stride 2 halve each side and quarter the pixels.
 */
import type { GrayImage } from './conv2d';

export type PoolMode = 'max' | 'avg';

export interface PoolOptions {
  mode: PoolMode;
  /** Side of the square window, in pixels. */
  window: number;
  /** How far the window moves between outputs, in pixels. */
  stride: number;
}

export const POOL_WINDOWS = [2, 3] as const;
export const POOL_STRIDES = [1, 2, 3] as const;
export const DEFAULT_POOL: PoolOptions = { mode: 'max', window: 2, stride: 2 };

/** Output side for an input side n: ⌊(n − window) / stride⌋ + 1, or 0 when the window does not fit. */
export function pooledSize(n: number, window: number, stride: number): number {
  if (!(window >= 1 && stride >= 1) || !Number.isInteger(window) || !Number.isInteger(stride)) {
    throw new Error(`window and stride must be whole numbers ≥ 1, got ${window} and ${stride}`);
  }
  return n < window ? 0 : Math.floor((n - window) / stride) + 1;
}

/**
 * Sides after pooling again and again with the same window and stride, starting with n itself,
 * until the window no longer fits or `maxSteps` poolings are done: 512 → 256 → 128 → …
 */
export function sizeChain(n: number, window: number, stride: number, maxSteps = 4): number[] {
  const sizes = [n];
  let side = n;
  for (let i = 0; i < maxSteps; i++) {
    side = pooledSize(side, window, stride);
    if (side === 0) break;
    sizes.push(side);
  }
  return sizes;
}

// #region pool2d
/**
 * Pools a whole image. Returns an image of pooledSize(width) × pooledSize(height) whose pixels
 * are a Float32Array (averages are not whole numbers). `out` is reused when it has the right length.
 */
export function pool2d(image: GrayImage, options: PoolOptions, out?: Float32Array): GrayImage & { pixels: Float32Array } {
  const { mode, window, stride } = options;
  const width = pooledSize(image.width, window, stride);
  const height = pooledSize(image.height, window, stride);
  const pixels = out && out.length === width * height ? out : new Float32Array(width * height);
  const src = image.pixels;
  const w = image.width;
  const area = window * window;
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      const top = oy * stride;
      const left = ox * stride;
      let acc = mode === 'max' ? -Infinity : 0;
      for (let dy = 0; dy < window; dy++) {
        const row = (top + dy) * w + left;
        for (let dx = 0; dx < window; dx++) {
          const v = src[row + dx]!;
          if (mode === 'max') {
            if (v > acc) acc = v;
          } else {
            acc += v;
          }
        }
      }
      pixels[oy * width + ox] = mode === 'max' ? acc : acc / area;
    }
  }
  return { width, height, pixels };
}
// #endregion

/** One window of a small grid, with everything needed to explain its output. */
export interface PoolWindow {
  /** Output cell this window produces (0-based). */
  outRow: number;
  outCol: number;
  /** Input cells it covers: top-left corner and side. */
  top: number;
  left: number;
  size: number;
  /** The values it covers, row by row. */
  values: number[];
  /** The output value: the maximum or the mean. */
  value: number;
  /** For max pooling: index into `values` of the winner (the first one when several tie). */
  winner: number;
  /** How many values equal the maximum (ties). */
  ties: number;
}

/** Every window of a grid (rows of numbers), in reading order: the step-through's script. */
export function poolWindows(grid: readonly (readonly number[])[], options: PoolOptions): PoolWindow[] {
  const height = grid.length;
  const width = grid[0]?.length ?? 0;
  const { mode, window, stride } = options;
  const outH = pooledSize(height, window, stride);
  const outW = pooledSize(width, window, stride);
  const windows: PoolWindow[] = [];
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      const top = r * stride;
      const left = c * stride;
      const values: number[] = [];
      for (let dy = 0; dy < window; dy++) for (let dx = 0; dx < window; dx++) values.push(grid[top + dy]![left + dx]!);
      const max = Math.max(...values);
      const value = mode === 'max' ? max : values.reduce((a, b) => a + b, 0) / values.length;
      windows.push({ outRow: r, outCol: c, top, left, size: window, values, value, winner: values.indexOf(max), ties: values.filter((v) => v === max).length });
    }
  }
  return windows;
}

/** The pooled grid as rows, from poolWindows. */
export function poolGrid(grid: readonly (readonly number[])[], options: PoolOptions): number[][] {
  const outW = pooledSize(grid[0]?.length ?? 0, options.window, options.stride);
  const rows: number[][] = [];
  for (const w of poolWindows(grid, options)) (rows[w.outRow] ??= [])[w.outCol] = w.value;
  return rows.length === 0 ? [] : rows.map((row) => row.slice(0, outW));
}
