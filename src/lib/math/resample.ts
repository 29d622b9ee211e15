/**
 * Making an image bigger the classical way, for lesson 10's baselines: nearest, bilinear and
 * bicubic upsampling by a whole factor, and the degradation the network learns to undo (average
 * pooling from lesson 3, math/pooling.ts).
 *
 * Output pixel o sits at source coordinate x = (o + ½) / factor − ½ (pixel centres line up, as in
 * TensorFlow's resize with half-pixel centres and in most image editors). Each method weighs a few
 * source pixels around x; beyond the border the edge pixel repeats. All three are separable: one
 * pass along the rows, then one along the columns.
 */
import type { GrayImage } from './conv2d';
import { pool2d } from './pooling';

export type Upsampler = 'nearest' | 'bilinear' | 'bicubic';
export const UPSAMPLERS: readonly Upsampler[] = ['nearest', 'bilinear', 'bicubic'];
/** Scales lesson 10 offers: 28 → 14 → 28, or 28 → 7 → 28. */
export const SCALES = [2, 4] as const;

export function checkScale(factor: number): void {
  if (!(SCALES as readonly number[]).includes(factor)) throw new Error(`The scale must be 2 or 4, got ${factor}.`);
}

/** Keys' cubic convolution kernel with a = −0.5: 1 at 0, 0 at every other whole number, and a straight line is kept exactly. */
export function cubicWeight(t: number, a = -0.5): number {
  const x = Math.abs(t);
  if (x <= 1) return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1;
  if (x < 2) return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a;
  return 0;
}

interface Tap { index: number; weight: number }

/** The source pixels (clamped to 0 … n − 1) and weights for each of n × factor output positions. */
export function taps(n: number, factor: number, method: Upsampler): Tap[][] {
  const clamp = (i: number): number => Math.min(n - 1, Math.max(0, i));
  return Array.from({ length: n * factor }, (_, o) => {
    const x = (o + 0.5) / factor - 0.5;
    if (method === 'nearest') return [{ index: clamp(Math.floor((o + 0.5) / factor)), weight: 1 }];
    const x0 = Math.floor(x);
    const f = x - x0;
    if (method === 'bilinear') return [{ index: clamp(x0), weight: 1 - f }, { index: clamp(x0 + 1), weight: f }];
    return [-1, 0, 1, 2].map((d) => ({ index: clamp(x0 + d), weight: cubicWeight(f - d) }));
  });
}

// #region upsample
/**
 * The image `factor` times wider and higher. Bicubic can overshoot the input's range at sharp
 * edges (a dark rim beside a bright stroke); `range` clips it, e.g. [0, 1] for pixels in 0…1.
 */
export function upsample(image: GrayImage, factor: number, method: Upsampler, range?: [number, number]): GrayImage & { pixels: Float32Array } {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`The factor must be a whole number of at least 1, got ${factor}.`);
  const { width, height, pixels: src } = image;
  const across = taps(width, factor, method);
  const down = taps(height, factor, method);
  const W = width * factor;
  const H = height * factor;
  // Rows first: height × W, then columns: H × W.
  const rows = new Float32Array(height * W);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (const t of across[x]!) s += t.weight * src[y * width + t.index]!;
      rows[y * W + x] = s;
    }
  }
  const out = new Float32Array(H * W);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (const t of down[y]!) s += t.weight * rows[t.index * W + x]!;
      out[y * W + x] = range ? Math.min(range[1], Math.max(range[0], s)) : s;
    }
  }
  return { width: W, height: H, pixels: out };
}
// #endregion

/** The low-resolution image: each factor × factor block averaged into one pixel (lesson 3's average pooling). */
export function downsample(image: GrayImage, factor: number): GrayImage & { pixels: Float32Array } {
  checkScale(factor);
  if (image.width % factor || image.height % factor) throw new Error(`A ${image.width} × ${image.height} image cannot be cut into ${factor} × ${factor} blocks.`);
  return pool2d(image, { mode: 'avg', window: factor, stride: factor });
}
