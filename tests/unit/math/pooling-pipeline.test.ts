import { describe, expect, it } from 'vitest';
import { pool2d } from '../../../src/lib/math/pooling';
import { formatSizes, pooledSource, poolRepeatedly, toGrayLevels } from '../../../src/lib/math/pooling-pipeline';

describe('toGrayLevels', () => {
  it('ReLU drops negatives, abs keeps their size; both round half up and cap at 255', () => {
    const values = new Float32Array([-300, -12.5, -0.4, 0, 2.5, 254.6, 900]);
    expect(Array.from(toGrayLevels(values, 'relu'))).toEqual([0, 0, 0, 0, 3, 255, 255]);
    expect(Array.from(toGrayLevels(values, 'abs'))).toEqual([255, 13, 0, 0, 3, 255, 255]);
  });

  it('reuses the output buffer when it fits', () => {
    const out = new Uint8Array(2);
    expect(toGrayLevels([1, 2], 'relu', out)).toBe(out);
  });
});

describe('poolRepeatedly', () => {
  const image = { width: 28, height: 28, pixels: Array.from({ length: 784 }, (_, i) => (i * 37) % 256) };

  it('28 → 14 → 7 with 2×2 windows, each stage the pooling of the one before', () => {
    const options = { mode: 'max', window: 2, stride: 2 } as const;
    const stages = poolRepeatedly(image, options, 2);
    expect(stages.map((s) => [s.width, s.height])).toEqual([[14, 14], [7, 7]]);
    expect(Array.from(stages[1]!.pixels)).toEqual(Array.from(pool2d(stages[0]!, options).pixels));
    expect(formatSizes([image, ...stages])).toBe('28 × 28 → 14 × 14 → 7 × 7');
  });

  it('stops when the window no longer fits', () => {
    const tiny = { width: 4, height: 4, pixels: new Array(16).fill(1) };
    expect(poolRepeatedly(tiny, { mode: 'avg', window: 3, stride: 3 }, 3)).toHaveLength(1);
  });
});

describe('pooledSource', () => {
  const image = { width: 4, height: 4, pixels: [1, 3, 2, 0, 4, 2, 1, 5, 0, 0, 7, 1, 6, 1, 2, 2] };

  it('names the window and values behind a pooled pixel, matching pool2d', () => {
    for (const mode of ['max', 'avg'] as const) {
      const options = { mode, window: 2, stride: 2 };
      const pooled = pool2d(image, options);
      for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) expect(pooledSource(image, options, x, y).value).toBeCloseTo(pooled.pixels[y * 2 + x]!, 5);
    }
    expect(pooledSource(image, { mode: 'max', window: 2, stride: 2 }, 1, 0)).toMatchObject({ left: 2, top: 0, size: 2, values: [2, 0, 1, 5], value: 5 });
    expect(pooledSource(image, { mode: 'max', window: 3, stride: 1 }, 1, 1)).toMatchObject({ left: 1, top: 1, values: [2, 1, 5, 0, 7, 1, 1, 2, 2], value: 7 });
  });

  it('refuses a pixel without a whole window', () => {
    expect(() => pooledSource(image, { mode: 'max', window: 2, stride: 2 }, 2, 0)).toThrow();
  });
});
