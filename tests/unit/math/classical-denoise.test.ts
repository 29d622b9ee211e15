import { describe, expect, it } from 'vitest';
import { filterBatch, GAUSSIAN_BLUR_3X3, gaussianBlur3x3, medianFilter3x3 } from '../../../src/lib/math/classical-denoise';
import { convolve3x3, pixelOrZero, type GrayImage, type Kernel3x3 } from '../../../src/lib/math/conv2d';
import { mse } from '../../../src/lib/math/reconstruction';
import { saltAndPepper } from '../../../src/lib/math/corruption';
import { mulberry32 } from '../../../src/lib/ml/random';

const image = (width: number, height: number, pixels: ArrayLike<number>): GrayImage => ({ width, height, pixels });

/** The slow oracle: sort the nine values (outside = 0, convolve3x3's rule) and take the middle one. */
function slowMedian(img: GrayImage, x: number, y: number): number {
  const values: number[] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) values.push(pixelOrZero(img, x + dx, y + dy));
  return values.sort((a, b) => a - b)[4]!;
}

describe('medianFilter3x3', () => {
  it('removes an isolated salt pixel exactly', () => {
    const clean = new Float32Array(49).fill(0.5);
    const noisy = Float32Array.from(clean);
    noisy[3 * 7 + 3] = 1;
    const out = medianFilter3x3(image(7, 7, noisy));
    expect(out[3 * 7 + 3]).toBe(0.5);
    // Everywhere, including the border, the result is what the clean image gives.
    expect(out).toEqual(medianFilter3x3(image(7, 7, clean)));
  });

  it('uses zero padding like convolve3x3: a corner (4 pixels, 5 zeros) becomes 0, an edge keeps its value', () => {
    const out = medianFilter3x3(image(4, 4, new Float32Array(16).fill(0.8)));
    expect(out[0]).toBe(0);
    expect(out[15]).toBe(0);
    expect(out[1]).toBeCloseTo(0.8, 6);
    expect(out[5]).toBeCloseTo(0.8, 6);
  });

  it('matches the sort-nine-values oracle on random images', () => {
    const random = mulberry32(41);
    for (const [w, h] of [[1, 1], [2, 3], [5, 4], [28, 28]] as const) {
      const img = image(w, h, Float32Array.from({ length: w * h }, random));
      const out = medianFilter3x3(img);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(out[y * w + x]).toBe(Math.fround(slowMedian(img, x, y)));
    }
  });

  it('keeps a straight edge sharp where the blur smears it', () => {
    // Left half 0, right half 1, 8×8; compare inner rows away from the zero border.
    const pixels = Float32Array.from({ length: 64 }, (_, i) => (i % 8 >= 4 ? 1 : 0));
    const img = image(8, 8, pixels);
    const median = medianFilter3x3(img);
    const blur = gaussianBlur3x3(img);
    for (let y = 1; y < 7; y++) {
      for (let x = 0; x < 7; x++) expect(median[y * 8 + x]).toBe(pixels[y * 8 + x]);
      expect(blur[y * 8 + 3]).toBeCloseTo(0.25, 6);
      expect(blur[y * 8 + 4]).toBeCloseTo(0.75, 6);
    }
  });

  it('cleans salt-and-pepper noise better than the blur does', () => {
    const random = mulberry32(42);
    // A smooth 28×28 gradient away from the border, then 10 % salt-and-pepper.
    const clean = Float32Array.from({ length: 784 }, (_, i) => 0.3 + 0.4 * ((i % 28) / 27));
    const noisy = saltAndPepper(clean, 0.1, random);
    const inner = (a: Float32Array) => a.filter((_, i) => i % 28 > 0 && i % 28 < 27 && i >= 28 && i < 756);
    const errMedian = mse(inner(medianFilter3x3(image(28, 28, noisy))), inner(clean));
    const errBlur = mse(inner(gaussianBlur3x3(image(28, 28, noisy))), inner(clean));
    expect(errMedian).toBeLessThan(errBlur / 3);
    expect(errMedian).toBeLessThan(mse(inner(noisy), inner(clean)) / 10);
  });
});

describe('gaussianBlur3x3', () => {
  const HAND: Kernel3x3 = [1 / 16, 2 / 16, 1 / 16, 2 / 16, 4 / 16, 2 / 16, 1 / 16, 2 / 16, 1 / 16];

  it('is convolve3x3 with [1 2 1; 2 4 2; 1 2 1] / 16 (lesson 2’s preset)', () => {
    expect([...GAUSSIAN_BLUR_3X3]).toEqual(HAND);
    const random = mulberry32(43);
    const img = image(9, 6, Float32Array.from({ length: 54 }, random));
    expect(gaussianBlur3x3(img)).toEqual(convolve3x3(img, HAND));
  });

  it('keeps a flat interior flat and spreads a single bright pixel by the kernel', () => {
    const dot = new Float32Array(25);
    dot[12] = 1;
    const out = gaussianBlur3x3(image(5, 5, dot));
    expect(out[12]).toBeCloseTo(0.25, 7);
    expect(out[7]).toBeCloseTo(0.125, 7);
    expect(out[6]).toBeCloseTo(0.0625, 7);
    expect(out[0]).toBe(0);
    expect(gaussianBlur3x3(image(3, 3, new Float32Array(9).fill(0.4)))[4]).toBeCloseTo(0.4, 6);
  });
});

describe('filterBatch and input checks', () => {
  it('applies a filter to each image of a flat batch', () => {
    const random = mulberry32(44);
    const batch = Float32Array.from({ length: 3 * 20 }, random);
    for (const filter of [medianFilter3x3, gaussianBlur3x3]) {
      const out = filterBatch(batch, 5, 4, filter);
      for (let n = 0; n < 3; n++) expect(out.subarray(n * 20, (n + 1) * 20)).toEqual(filter(image(5, 4, batch.subarray(n * 20, (n + 1) * 20))));
    }
  });

  it('refuses bad images and batches', () => {
    expect(() => medianFilter3x3(image(3, 3, new Float32Array(8)))).toThrow(/needs 9 pixels, got 8/);
    expect(() => gaussianBlur3x3(image(0, 3, []))).toThrow(/positive integers/);
    expect(() => medianFilter3x3(image(1, 2, [0, NaN]))).toThrow(/pixel 1 is NaN/);
    expect(() => filterBatch(new Float32Array(21), 5, 4, medianFilter3x3)).toThrow(/not a whole, non-zero number of 5×4 images/);
    expect(() => filterBatch([], 5, 4, medianFilter3x3)).toThrow(/5×4/);
  });
});
