import { describe, expect, it } from 'vitest';
import { cubicWeight, downsample, upsample } from '../../../src/lib/math/resample';

const row = (values: number[]) => ({ width: values.length, height: 1, pixels: values });
const close = (actual: ArrayLike<number>, expected: number[]) => expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));

describe('classical upsampling', () => {
  it('nearest repeats each pixel into a factor × factor block', () => {
    const up = upsample({ width: 2, height: 2, pixels: [1, 2, 3, 4] }, 2, 'nearest');
    expect([up.width, up.height, ...up.pixels]).toEqual([4, 4, 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it('bilinear: [0, 1] × 2 gives 0, ¼, ¾, 1 (pixel centres x = −¼, ¼, ¾, 1¼; the edge repeats)', () => {
    close(upsample(row([0, 1]), 2, 'bilinear').pixels, [0, 0.25, 0.75, 1]);
    // In 2-D, between four pixels: the centre of [[0, 1], [1, 2]] × 2 at (¼, ¼) is 0.5 (¾·¾·0 + ¾·¼·1 + ¼·¾·1 + ¼·¼·2).
    const up = upsample({ width: 2, height: 2, pixels: [0, 1, 1, 2] }, 2, 'bilinear');
    expect(up.pixels[1 * 4 + 1]).toBeCloseTo(0.5, 6);
  });

  it('bicubic: Keys weights, an impulse by hand, straight lines kept, overshoot clipped on request', () => {
    expect([cubicWeight(0), cubicWeight(1), cubicWeight(2), cubicWeight(0.25), cubicWeight(0.75), cubicWeight(1.25), cubicWeight(1.75)])
      .toEqual([1, 0, 0, 0.8671875, 0.2265625, -0.0703125, -0.0234375]);
    const impulse = upsample(row([0, 0, 1, 0, 0]), 2, 'bicubic').pixels;
    close(impulse, [0, -0.0234375, -0.0703125, 0.2265625, 0.8671875, 0.8671875, 0.2265625, -0.0703125, -0.0234375, 0]);
    const clipped = upsample(row([0, 0, 1, 0, 0]), 2, 'bicubic', [0, 1]).pixels;
    expect(Math.min(...clipped)).toBe(0);
    // A ramp 0…7 away from its ends: output pixel o lies at x = (o + ½)/2 − ½, and cubic convolution reproduces x.
    const ramp = upsample(row([0, 1, 2, 3, 4, 5, 6, 7]), 2, 'bicubic').pixels;
    for (let o = 4; o < 12; o++) expect(ramp[o]).toBeCloseTo((o + 0.5) / 2 - 0.5, 6);
  });

  it('keeps a constant image constant, with every method', () => {
    for (const method of ['nearest', 'bilinear', 'bicubic'] as const) {
      const up = upsample({ width: 3, height: 3, pixels: new Array(9).fill(0.4) }, 4, method);
      expect([up.width, up.height]).toEqual([12, 12]);
      up.pixels.forEach((v) => expect(v).toBeCloseTo(0.4, 6));
    }
  });

  it('degrades by averaging blocks, and refuses other scales', () => {
    const low = downsample({ width: 4, height: 2, pixels: [0, 2, 4, 4, 2, 4, 8, 0] }, 2);
    expect([low.width, low.height, ...low.pixels]).toEqual([2, 1, 2, 4]);
    expect(downsample({ width: 28, height: 28, pixels: new Float32Array(784) }, 4).width).toBe(7);
    expect(() => downsample({ width: 28, height: 28, pixels: new Float32Array(784) }, 3)).toThrow(/2 or 4/);
    expect(() => upsample(row([1]), 0, 'nearest')).toThrow(/at least 1/);
  });
});
