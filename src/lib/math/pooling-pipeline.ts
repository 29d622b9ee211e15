/**
 * The pooling explorer's pipeline, framework-free: filter output → activation → gray levels →
 * pooling. We pool the gray levels the filtered canvas shows, so every pooled pixel can be
 * checked against the pixels on screen, as a network pools what its activation let through.
 */
import type { GrayImage } from './conv2d';
import { pool2d, pooledSize, type PoolOptions } from './pooling';

/** relu: negatives become 0 (what a network does before pooling); abs: the sign is dropped. Both cap at 255. */
export type Activation = 'relu' | 'abs';

export const ACTIVATIONS: readonly { id: Activation; name: string; description: string }[] = [
  { id: 'relu', name: 'ReLU', description: 'Negative responses become 0, as in a network; above 255 shows white.' },
  { id: 'abs', name: 'Absolute value', description: 'Edges of both directions count; above 255 shows white.' },
];

/** Gray levels 0–255 of filter responses, rounded half up (the same numbers the canvas shows). */
export function toGrayLevels(values: ArrayLike<number>, activation: Activation, out?: Uint8Array): Uint8Array {
  const n = values.length;
  const gray = out && out.length === n ? out : new Uint8Array(n);
  const abs = activation === 'abs';
  for (let i = 0; i < n; i++) {
    const raw = values[i]!;
    const v = Math.round(abs && raw < 0 ? -raw : raw);
    gray[i] = v <= 0 ? 0 : v > 255 ? 255 : v;
  }
  return gray;
}

/**
 * Pools `image` `times` times with the same options. Stops early when the window no longer
 * fits. Returns one image per pooling: [once, twice, …].
 */
export function poolRepeatedly(image: GrayImage, options: PoolOptions, times: number): (GrayImage & { pixels: Float32Array })[] {
  const stages: (GrayImage & { pixels: Float32Array })[] = [];
  let current: GrayImage = image;
  for (let i = 0; i < times; i++) {
    if (pooledSize(Math.min(current.width, current.height), options.window, options.stride) === 0) break;
    const next = pool2d(current, options);
    stages.push(next);
    current = next;
  }
  return stages;
}

/** "512 × 512 → 256 × 256 → 128 × 128" for a chain of square-or-not sizes. */
export function formatSizes(sizes: readonly { width: number; height: number }[]): string {
  return sizes.map((s) => `${s.width} × ${s.height}`).join(' → ');
}

/** Where one pooled pixel came from: its window in the image before pooling, and that window's values. */
export interface PooledSource {
  x: number;
  y: number;
  /** Top-left corner and side of the window in the image before pooling. */
  left: number;
  top: number;
  size: number;
  values: number[];
  value: number;
}

/** The window behind pooled pixel (x, y): the arithmetic the explorer's inspector spells out. */
export function pooledSource(before: GrayImage, options: PoolOptions, x: number, y: number): PooledSource {
  const { window, stride, mode } = options;
  const left = x * stride;
  const top = y * stride;
  if (left + window > before.width || top + window > before.height || x < 0 || y < 0) {
    throw new Error(`pooled pixel (${x}, ${y}) has no whole window in a ${before.width} × ${before.height} image`);
  }
  const values: number[] = [];
  for (let dy = 0; dy < window; dy++) for (let dx = 0; dx < window; dx++) values.push(Number(before.pixels[(top + dy) * before.width + left + dx]));
  const value = mode === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
  return { x, y, left, top, size: window, values, value };
}
