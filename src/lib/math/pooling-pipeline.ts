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
