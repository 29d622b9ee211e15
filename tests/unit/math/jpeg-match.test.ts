import { describe, expect, it } from 'vitest';
import { matchJpegSize, type JpegEncoder } from '../../../src/lib/math/jpeg-match';
import { mulberry32 } from '../../../src/lib/ml/random';

/** A fake encoder that records the qualities asked for. */
function fake(size: (q: number) => number): { encode: JpegEncoder; calls: number[] } {
  const calls: number[] = [];
  return { calls, encode: async (q) => { calls.push(q); return size(q); } };
}

// Like a small browser JPEG: ~300 header bytes, then growing with quality.
const smooth = (q: number) => 300 + Math.round(2000 * q * q);
// Plateaus, as a real encoder's whole-percent settings give.
const steps = (q: number) => 400 + 100 * Math.floor(q * 10 + 1e-9);
const GRID = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);

/** Brute force: the highest grid quality whose size fits. */
function bestFit(size: (q: number) => number, target: number): number | undefined {
  return GRID.filter((q) => size(q) <= target).at(-1);
}

describe('matchJpegSize with a monotone encoder', () => {
  it('finds the highest fitting quality (by hand: 300 + 2000q² ≤ 1000 → q = 0.59)', async () => {
    const { encode, calls } = fake(smooth);
    const m = await matchJpegSize(encode, 1000);
    expect(m).toEqual({ quality: 0.59, bytes: smooth(0.59), encodes: calls.length, fitted: true });
    expect(smooth(0.6)).toBeGreaterThan(1000);
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(new Set(calls).size).toBe(calls.length);
    for (const q of calls) expect(Math.round(q * 100) / 100).toBe(q);
  });

  it('agrees with brute force for many targets, smooth and step-like, within 12 encodes', async () => {
    const random = mulberry32(71);
    for (const size of [smooth, steps]) {
      for (let trial = 0; trial < 60; trial++) {
        const target = Math.round(size(0.01) + random() * (size(1) - size(0.01)));
        const { encode, calls } = fake(size);
        const m = await matchJpegSize(encode, target);
        expect(m.fitted).toBe(true);
        expect(m.quality).toBe(bestFit(size, target));
        expect(m.bytes).toBe(size(m.quality));
        expect(m.bytes).toBeLessThanOrEqual(target);
        expect(m.encodes).toBe(calls.length);
        expect(calls.length).toBeLessThanOrEqual(12);
      }
    }
  });

  it('quality 1 fits: one encode', async () => {
    const { encode } = fake(smooth);
    expect(await matchJpegSize(encode, 5000)).toEqual({ quality: 1, bytes: 2300, encodes: 1, fitted: true });
  });

  it('even the lowest quality is too big: fitted false, with that smallest size', async () => {
    const { encode } = fake(smooth);
    // A 24-byte autoencoder code: JPEG cannot go that small (headers alone are ~300 bytes).
    expect(await matchJpegSize(encode, 24)).toEqual({ quality: 0.01, bytes: 300, encodes: 2, fitted: false });
  });

  it('a tighter encode budget still returns a fitting quality', async () => {
    const { encode, calls } = fake(smooth);
    const m = await matchJpegSize(encode, 1000, { maxEncodes: 4 });
    expect(calls.length).toBe(4);
    expect(m.fitted).toBe(true);
    expect(m.bytes).toBeLessThanOrEqual(1000);
    expect(m.quality).toBeLessThanOrEqual(0.59);
  });

  it('honours a custom quality range and grid', async () => {
    const { encode, calls } = fake(smooth);
    const m = await matchJpegSize(encode, 1000, { minQuality: 0.3, maxQuality: 0.9, step: 0.05 });
    expect(m.quality).toBe(0.55);
    expect(Math.min(...calls)).toBe(0.3);
    expect(Math.max(...calls)).toBe(0.9);
  });
});

describe('matchJpegSize with a non-monotone encoder', () => {
  // Grows with quality, but dips by 500 bytes for 0.8–0.85 (real encoders have such bumps).
  const bumpy = (q: number) => (q >= 0.8 && q <= 0.85 ? smooth(q) - 500 : smooth(q));

  it('returns a quality that fits, the highest fitting one among those it tried', async () => {
    const random = mulberry32(72);
    for (let trial = 0; trial < 40; trial++) {
      const target = Math.round(300 + random() * 2000);
      const { encode, calls } = fake(bumpy);
      const m = await matchJpegSize(encode, target);
      if (!m.fitted) continue;
      expect(m.bytes).toBe(bumpy(m.quality));
      expect(m.bytes).toBeLessThanOrEqual(target);
      const triedFits = calls.filter((q) => bumpy(q) <= target);
      expect(m.quality).toBe(Math.max(...triedFits));
      expect(calls.length).toBeLessThanOrEqual(12);
    }
  });
});

describe('matchJpegSize input checks', () => {
  it('refuses a bad target, options or encoder result', async () => {
    const { encode } = fake(smooth);
    await expect(matchJpegSize(encode, NaN)).rejects.toThrow(/target must be a finite number of bytes/);
    await expect(matchJpegSize(encode, -1)).rejects.toThrow(/target/);
    await expect(matchJpegSize(encode, 500, { maxEncodes: 1 })).rejects.toThrow(/maxEncodes must be a whole number ≥ 2/);
    await expect(matchJpegSize(encode, 500, { minQuality: 0 })).rejects.toThrow(/0 < minQuality ≤ maxQuality ≤ 1/);
    await expect(matchJpegSize(encode, 500, { minQuality: 0.5, maxQuality: 0.4 })).rejects.toThrow(/minQuality/);
    await expect(matchJpegSize(encode, 500, { step: 0 })).rejects.toThrow(/step/);
    await expect(matchJpegSize(encode, 500, { minQuality: 0.31, maxQuality: 0.39, step: 0.1 })).rejects.toThrow(/no grid point/);
    await expect(matchJpegSize(async () => NaN, 500)).rejects.toThrow(/encoder returned NaN bytes at quality 1/);
    await expect(matchJpegSize(async () => -3, 500)).rejects.toThrow(/encoder returned -3/);
    await expect(matchJpegSize(async () => { throw new Error('toBlob failed'); }, 500)).rejects.toThrow(/toBlob failed/);
  });
});
