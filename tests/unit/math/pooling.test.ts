import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, useCpuBackend } from '../helpers/compare';
import type { GrayImage } from '../../../src/lib/math/conv2d';
import { mulberry32 } from '../../../src/lib/ml/random';
import { computeGrid } from '../../../src/lib/exercises/grid-ops';
import { pool2d, pooledSize, poolGrid, poolWindows, sizeChain, POOL_STRIDES, POOL_WINDOWS, type PoolMode } from '../../../src/lib/math/pooling';

function randomImage(width: number, height: number, random: () => number): GrayImage {
  const pixels = new Float32Array(width * height);
  // Negative values too: pooling after a convolution sees them.
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round((random() * 600 - 300) * 4) / 4;
  return { width, height, pixels };
}

/** tf.maxPool / tf.avgPool on NHWC [1, h, w, 1] with padding 'valid': returns [outH, outW, values]. */
function tfPool(image: GrayImage, mode: PoolMode, window: number, stride: number): [number, number, Float32Array] {
  return tf.tidy(() => {
    const x = tf.tensor4d(Array.from(image.pixels), [1, image.height, image.width, 1]);
    const y = mode === 'max' ? tf.maxPool(x, window, stride, 'valid') : tf.avgPool(x, window, stride, 'valid');
    return [y.shape[1]!, y.shape[2]!, y.dataSync() as Float32Array];
  });
}

useCpuBackend();

describe('pool2d agrees with tf.maxPool and tf.avgPool (padding valid)', () => {
  const sizes: [number, number][] = [[4, 4], [5, 7], [28, 28], [29, 31], [64, 48]];
  for (const [w, h] of sizes) {
    for (const mode of ['max', 'avg'] as const) {
      it(`${w}×${h}, ${mode}, every window and stride`, () => {
        const random = mulberry32(w * 1000 + h + (mode === 'max' ? 0 : 7));
        for (const window of POOL_WINDOWS) {
          for (const stride of POOL_STRIDES) {
            const image = randomImage(w, h, random);
            const [outH, outW, expected] = tfPool(image, mode, window, stride);
            const ours = pool2d(image, { mode, window, stride });
            expect([ours.height, ours.width], `${window}/${stride}`).toEqual([outH, outW]);
            expect([pooledSize(h, window, stride), pooledSize(w, window, stride)]).toEqual([outH, outW]);
            expect(maxAbsDiff(ours.pixels, expected), `${window}/${stride}`).toBeLessThan(1e-3);
          }
        }
      });
    }
  }

  it('poolGrid (the step-through) gives the same numbers as pool2d', () => {
    const random = mulberry32(5);
    for (const mode of ['max', 'avg'] as const) {
      const image = randomImage(6, 6, random);
      const rows = Array.from({ length: 6 }, (_, r) => Array.from(image.pixels).slice(r * 6, r * 6 + 6));
      for (const window of POOL_WINDOWS) {
        for (const stride of POOL_STRIDES) {
          const flat = poolGrid(rows, { mode, window, stride }).flat();
          expect(maxAbsDiff(flat, pool2d(image, { mode, window, stride }).pixels)).toBeLessThan(1e-4);
        }
      }
    }
  });

  it('a wrong value is caught (the comparison can fail)', () => {
    const image = randomImage(8, 8, mulberry32(11));
    const wrong = pool2d(image, { mode: 'max', window: 2, stride: 2 }).pixels;
    wrong[3] = wrong[3]! + 0.01;
    expect(maxAbsDiff(wrong, tfPool(image, 'max', 2, 2)[2])).toBeGreaterThan(1e-3);
  });
});

describe('hand-made cases', () => {
  const grid = [
    [1, 3, 2, 0],
    [4, 2, 1, 5],
    [0, 0, 7, 1],
    [6, 1, 2, 2],
  ];

  it('2×2 max pooling keeps the biggest of each four: 16 values become 4', () => {
    expect(poolGrid(grid, { mode: 'max', window: 2, stride: 2 })).toEqual([[4, 5], [6, 7]]);
  });

  it('2×2 average pooling takes the mean of each four', () => {
    expect(poolGrid(grid, { mode: 'avg', window: 2, stride: 2 })).toEqual([[2.5, 2], [1.75, 3]]);
  });

  it('agrees with the exercise grader’s own pooling', () => {
    expect(poolGrid(grid, { mode: 'max', window: 2, stride: 2 })).toEqual(computeGrid('maxpool2x2', grid));
    expect(poolGrid(grid, { mode: 'avg', window: 2, stride: 2 })).toEqual(computeGrid('avgpool2x2', grid));
  });

  it('names the winner of each window and counts ties', () => {
    const windows = poolWindows(grid, { mode: 'max', window: 2, stride: 2 });
    expect(windows.map((w) => [w.top, w.left, w.winner])).toEqual([[0, 0, 2], [0, 2, 3], [2, 0, 2], [2, 2, 0]]);
    const flat = poolWindows([[3, 3], [1, 3]], { mode: 'max', window: 2, stride: 2 });
    expect(flat[0]).toMatchObject({ value: 3, winner: 0, ties: 3 });
  });

  it('overlapping windows (3×3, stride 1) on a 4×4 grid give 2×2', () => {
    expect(poolGrid(grid, { mode: 'max', window: 3, stride: 1 })).toEqual([[7, 7], [7, 7]]);
  });

  it('output sizes follow ⌊(n − w) / s⌋ + 1', () => {
    expect(pooledSize(28, 2, 2)).toBe(14);
    expect(pooledSize(26, 2, 2)).toBe(13);
    expect(pooledSize(11, 2, 2)).toBe(5);
    expect(pooledSize(512, 3, 2)).toBe(255);
    expect(pooledSize(28, 3, 3)).toBe(9);
    expect(pooledSize(2, 3, 1)).toBe(0);
    expect(() => pooledSize(10, 0, 1)).toThrow();
    expect(sizeChain(512, 2, 2)).toEqual([512, 256, 128, 64, 32]);
    expect(sizeChain(28, 2, 2)).toEqual([28, 14, 7, 3, 1]);
    expect(sizeChain(4, 3, 3)).toEqual([4, 1]);
  });

  it('a shift inside the window does not change the max (translation tolerance)', () => {
    const a = [[9, 0], [0, 0]];
    const b = [[0, 0], [0, 9]];
    expect(poolGrid(a, { mode: 'max', window: 2, stride: 2 })).toEqual(poolGrid(b, { mode: 'max', window: 2, stride: 2 }));
  });

  it('reuses the output buffer when it fits', () => {
    const image = randomImage(8, 8, mulberry32(2));
    const out = new Float32Array(16);
    expect(pool2d(image, { mode: 'max', window: 2, stride: 2 }, out).pixels).toBe(out);
  });
});
