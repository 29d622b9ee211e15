import { describe, expect, it } from 'vitest';
import { meanPsnr, mse, perImageMse, perImagePsnr, psnr, psnrFromMse } from '../../../src/lib/math/reconstruction';
import { mulberry32 } from '../../../src/lib/ml/random';

describe('mse', () => {
  it('is the mean of squared differences (by hand)', () => {
    // Differences 0, 0.5, −1, 0.5 → squares 0, 0.25, 1, 0.25 → mean 0.375.
    expect(mse([0, 0.5, 1, 0.5], [0, 0, 0, 1])).toBeCloseTo(0.375, 12);
  });

  it('is 0 for identical images and symmetric', () => {
    const a = Float32Array.of(0.1, 0.2, 0.3);
    expect(mse(a, Float32Array.from(a))).toBe(0);
    const b = Float32Array.of(0.3, 0.2, 0.9);
    expect(mse(a, b)).toBe(mse(b, a));
  });

  it('refuses mismatched lengths, empty input and NaN/Infinity', () => {
    expect(() => mse([1, 2], [1])).toThrow(/differ in length \(2 vs 1\)/);
    expect(() => mse([], [])).toThrow(/empty/);
    expect(() => mse([0, NaN], [0, 0])).toThrow(/pixel 1 is not a finite number/);
    expect(() => mse([0, 0], [Infinity, 0])).toThrow(/pixel 0/);
  });
});

describe('psnr', () => {
  it('MSE 0.01 → 20 dB, 0.001 → 30 dB, 1 → 0 dB with peak 1', () => {
    expect(psnrFromMse(0.01)).toBeCloseTo(20, 10);
    expect(psnrFromMse(0.001)).toBeCloseTo(30, 10);
    expect(psnrFromMse(1)).toBeCloseTo(0, 10);
  });

  it('an image off by 0.1 everywhere has MSE 0.01, so 20 dB', () => {
    const a = new Float64Array(100).fill(0.5);
    const b = new Float64Array(100).fill(0.6);
    expect(psnr(a, b)).toBeCloseTo(20, 9);
  });

  it('scales with the peak: 0–255 pixels off by 25.5 give 20 dB at peak 255', () => {
    expect(psnr([100, 200], [125.5, 174.5], 255)).toBeCloseTo(20, 9);
    expect(psnrFromMse(0.01, 2)).toBeCloseTo(20 + 20 * Math.log10(2), 10);
  });

  it('identical images give +Infinity', () => {
    expect(psnr([0.2, 0.4], [0.2, 0.4])).toBe(Infinity);
    expect(psnrFromMse(0)).toBe(Infinity);
  });

  it('refuses a bad peak or MSE', () => {
    expect(() => psnr([0], [1], 0)).toThrow(/peak/);
    expect(() => psnr([0], [1], NaN)).toThrow(/peak/);
    expect(() => psnrFromMse(-1)).toThrow(/MSE/);
    expect(() => psnrFromMse(NaN)).toThrow(/MSE/);
  });
});

describe('per-image errors over a flat batch', () => {
  // Three 2×2 images: exact, off by 0.1, off by 0.5 in one pixel of four.
  const clean = Float32Array.of(0, 0, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0);
  const recon = Float32Array.of(0, 0, 1, 1, 0.6, 0.4, 0.6, 0.4, 0.5, 0, 0, 0);

  it('perImageMse gives one MSE per image (by hand)', () => {
    const errors = perImageMse(clean, recon, 4);
    expect(errors).toBeInstanceOf(Float32Array);
    expect(errors.length).toBe(3);
    expect(errors[0]).toBe(0);
    expect(errors[1]).toBeCloseTo(0.01, 6);
    expect(errors[2]).toBeCloseTo(0.0625, 6);
  });

  it('matches mse on each slice, on random data', () => {
    const random = mulberry32(7);
    const a = Float32Array.from({ length: 5 * 784 }, random);
    const b = Float32Array.from({ length: 5 * 784 }, random);
    const errors = perImageMse(a, b, 784);
    for (let n = 0; n < 5; n++) {
      expect(errors[n]).toBeCloseTo(mse(a.subarray(n * 784, (n + 1) * 784), b.subarray(n * 784, (n + 1) * 784)), 6);
    }
  });

  it('perImagePsnr and meanPsnr average per image, unlike the PSNR of the pooled MSE', () => {
    const values = perImagePsnr(clean, recon, 4);
    expect(values[0]).toBe(Infinity);
    expect(values[1]).toBeCloseTo(20, 4);
    expect(values[2]).toBeCloseTo(10 * Math.log10(1 / 0.0625), 4);
    expect(meanPsnr(clean, recon, 4)).toBe(Infinity);
    // Capping each image at 40 dB: (40 + 20 + 12.04) / 3.
    expect(meanPsnr(clean, recon, 4, 1, 40)).toBeCloseTo((40 + 20 + 10 * Math.log10(16)) / 3, 4);
    const last8 = [clean.subarray(4), recon.subarray(4)] as const;
    const pooled = psnr(last8[0], last8[1]);
    expect(meanPsnr(last8[0], last8[1], 4)).not.toBeCloseTo(pooled, 2);
    expect(pooled).toBeCloseTo(10 * Math.log10(1 / ((0.01 + 0.0625) / 2)), 4);
  });

  it('refuses a batch that is not whole images', () => {
    expect(() => perImageMse(clean, recon, 5)).toThrow(/not a whole number of 5-pixel images/);
    expect(() => perImageMse(clean, recon, 0)).toThrow(/positive integer/);
    expect(() => perImageMse(clean, recon.subarray(1), 4)).toThrow(/differ in length/);
    expect(() => perImagePsnr([], [], 4)).toThrow(/empty/);
    expect(() => meanPsnr(clean, recon, 4, 1, NaN)).toThrow(/maxDb/);
  });
});
