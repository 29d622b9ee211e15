import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaussianBlur3x3, medianFilter3x3 } from '../../../../src/lib/math/classical-denoise';
import { psnr } from '../../../../src/lib/math/reconstruction';
import { mulberry32 } from '../../../../src/lib/ml/random';
import { denoiseRows, formatDb, meanStagePsnr, PIXELS, PSNR_CAP, toBytes, toUnit } from '../../../../src/widgets/denoise-explorer/denoise';
import { readSplit } from '../../../../scripts/pretrain/common';

const HAVE_DATA = existsSync('public/data/manifest.json');

/** A bright bar on black, n copies. */
function bars(n: number): Uint8Array {
  const out = new Uint8Array(n * PIXELS);
  for (let k = 0; k < n; k++) for (let y = 6; y < 22; y++) for (let x = 12; x < 16; x++) out[k * PIXELS + y * 28 + x] = 255;
  return out;
}

describe('denoise explorer: rows', () => {
  it('converts bytes and floats both ways, clipping', () => {
    expect([...toUnit([0, 51, 255])]).toEqual([0, 0.2, 1].map((v) => Math.fround(v)));
    expect([...toBytes([-0.5, 0.2, 1.7])]).toEqual([0, 51, 255]);
  });

  it('scores each stage against the clean image, the filters being lesson 2\'s 3×3 operations', async () => {
    const clean = bars(3);
    const rows = await denoiseRows(clean, 3, { kind: 'salt-pepper', rate: 0.1 }, mulberry32(5));
    expect(rows).toHaveLength(3);
    for (const [n, row] of rows.entries()) {
      expect([...row.clean]).toEqual([...clean.subarray(n * PIXELS, (n + 1) * PIXELS)]);
      const noisy = toUnit(row.noisy);
      // The shown median and blur are the filters applied to the shown noisy image (to byte rounding).
      const median = medianFilter3x3({ width: 28, height: 28, pixels: noisy });
      const blur = gaussianBlur3x3({ width: 28, height: 28, pixels: noisy });
      expect([...row.median].map((v, i) => Math.abs(v - Math.round(median[i]! * 255))).every((d) => d <= 1)).toBe(true);
      expect([...row.blur].map((v, i) => Math.abs(v - Math.round(blur[i]! * 255))).every((d) => d <= 1)).toBe(true);
      expect(row.psnr.noisy).toBeCloseTo(psnr(toUnit(row.clean), noisy), 1);
      expect(row.denoised).toBeNull();
      expect(row.psnr.denoised).toBeNull();
      // Salt and pepper on a clean bar: the median removes nearly all of it.
      expect(row.psnr.median!).toBeGreaterThan(row.psnr.noisy! + 5);
    }
    expect(meanStagePsnr(rows, 'denoised')).toBeNull();
  });

  it('runs the denoiser on the same noisy images and scores its output', async () => {
    const clean = bars(2);
    const seen: Float32Array[] = [];
    // An oracle that returns the clean images: infinite PSNR, capped in the mean.
    const oracle = (noisy: Float32Array, count: number): Float32Array => {
      seen.push(noisy.slice());
      expect(count).toBe(2);
      return toUnit(clean);
    };
    const rows = await denoiseRows(clean, 2, { kind: 'gaussian', sigma: 0.3 }, mulberry32(9), oracle);
    expect(seen).toHaveLength(1);
    expect([...toBytes(seen[0]!.subarray(0, PIXELS))]).toEqual([...rows[0]!.noisy]);
    expect(rows[0]!.psnr.denoised).toBe(Infinity);
    expect(meanStagePsnr(rows, 'denoised')).toBe(PSNR_CAP);
    // The identity "denoiser" scores exactly as the noisy input.
    const same = await denoiseRows(clean, 2, { kind: 'gaussian', sigma: 0.3 }, mulberry32(9), (noisy) => noisy.slice());
    expect(same[1]!.psnr.denoised).toBeCloseTo(same[1]!.psnr.noisy!, 6);
    await expect(denoiseRows(clean, 2, { kind: 'none' }, mulberry32(1), () => new Float32Array(3))).rejects.toThrow(/returned 3 values/);
    await expect(denoiseRows(clean, 3, { kind: 'none' }, mulberry32(1))).rejects.toThrow(/need 3 images/);
  });

  it('formats decibels', () => {
    expect(formatDb(17.26)).toBe('17.3 dB');
    expect(formatDb(Infinity)).toBe('identical');
    expect(formatDb(null)).toBe('–');
    expect(formatDb(NaN)).toBe('–');
  });

  it.skipIf(!HAVE_DATA)('on real MNIST digits: stronger noise, lower PSNR; blur beats raw Gaussian noise at σ = 0.5', async () => {
    const { images } = readSplit('mnist', 'test', 20);
    const at = async (sigma: number) => meanStagePsnr(await denoiseRows(images, 20, { kind: 'gaussian', sigma }, mulberry32(3)), 'noisy')!;
    expect(await at(0.1)).toBeGreaterThan(await at(0.3));
    expect(await at(0.3)).toBeGreaterThan(await at(0.6));
    const rows = await denoiseRows(images, 20, { kind: 'gaussian', sigma: 0.5 }, mulberry32(3));
    expect(meanStagePsnr(rows, 'blur')!).toBeGreaterThan(meanStagePsnr(rows, 'noisy')!);
  });
});
