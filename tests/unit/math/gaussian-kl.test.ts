import { describe, expect, it } from 'vitest';
import { gaussianKl, gaussianKlPerRow, meanGaussianKl, splitStats } from '../../../src/lib/math/gaussian-kl';

describe('gaussianKl', () => {
  it('is 0 for the prior itself (μ = 0, σ = 1, so log σ² = 0)', () => {
    expect(gaussianKl([0], [0])).toBe(0);
    expect(gaussianKl([0, 0, 0], [0, 0, 0])).toBe(0);
  });

  it('is ½μ² when only the mean moves (by hand: μ = 1 → 0.5, μ = −2 → 2)', () => {
    expect(gaussianKl([1], [0])).toBeCloseTo(0.5, 12);
    expect(gaussianKl([-2], [0])).toBeCloseTo(2, 12);
  });

  it('charges a width other than 1 (by hand: σ = 2 and σ = ½)', () => {
    // σ = 2: ½(0 + 4 − ln 4 − 1) = ½(3 − 1.3862944) = 0.8068528.
    expect(gaussianKl([0], [Math.log(4)])).toBeCloseTo(0.8068528, 6);
    // σ = ½: ½(0 + 0.25 + ln 4 − 1) = ½(0.6362944) = 0.3181472: too narrow costs less than too wide by the same factor.
    expect(gaussianKl([0], [Math.log(0.25)])).toBeCloseTo(0.3181472, 6);
  });

  it('adds over independent dimensions (by hand: μ = (1, 0.5), σ² = (1, e))', () => {
    // ½(1 + 1 − 0 − 1) + ½(0.25 + e − 1 − 1) = 0.5 + ½(e − 1.75) = 0.5 + 0.4841409 = 0.9841409.
    expect(gaussianKl([1, 0.5], [0, 1])).toBeCloseTo(0.9841409, 6);
    expect(gaussianKl([1, 0.5], [0, 1])).toBeCloseTo(gaussianKl([1], [0]) + gaussianKl([0.5], [1]), 12);
  });

  it('is never negative', () => {
    for (const mu of [-3, -0.1, 0, 0.7, 5]) for (const lv of [-6, -1, 0, 0.3, 4]) expect(gaussianKl([mu], [lv])).toBeGreaterThanOrEqual(0);
  });

  it('refuses mismatched, empty or non-finite input', () => {
    expect(() => gaussianKl([0, 1], [0])).toThrow(/length/);
    expect(() => gaussianKl([], [])).toThrow(/empty/);
    expect(() => gaussianKl([NaN], [0])).toThrow(/non-finite/);
    expect(() => gaussianKl([0], [Infinity])).toThrow(/non-finite/);
  });
});

describe('batches', () => {
  it('gives one KL per row and their mean', () => {
    // Rows (latent 2): μ = (0, 0), σ² = (1, 1) → 0; μ = (1, 0), σ² = (1, 1) → 0.5; μ = (0, 0), σ² = (4, 1) → 0.8068528.
    const mu = [0, 0, 1, 0, 0, 0];
    const logVar = [0, 0, 0, 0, Math.log(4), 0];
    const perRow = gaussianKlPerRow(mu, logVar, 2);
    expect(Array.from(perRow).map((v) => +v.toFixed(6))).toEqual([0, 0.5, 0.806853]);
    expect(meanGaussianKl(mu, logVar, 2)).toBeCloseTo((0.5 + 0.8068528) / 3, 6);
    expect(() => gaussianKlPerRow(mu, logVar, 4)).toThrow(/rows of 4/);
  });

  it('splits encoder rows [μ…, log σ²…] into μ and log σ²', () => {
    const { mu, logVar } = splitStats([1, 2, 10, 20, 3, 4, 30, 40], 2);
    expect(Array.from(mu)).toEqual([1, 2, 3, 4]);
    expect(Array.from(logVar)).toEqual([10, 20, 30, 40]);
    expect(() => splitStats([1, 2, 3], 2)).toThrow(/rows of 2/);
  });
});
