import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCurves, curveSeries, curveSummary, pointAt, type CurvePoint } from '../../../../src/widgets/denoise-chart/curves';
import { PIXELS, PSNR_CAP, toUnit } from '../../../../src/widgets/denoise-explorer/denoise';
import { readSplit } from '../../../../scripts/pretrain/common';

const HAVE_DATA = existsSync('public/data/manifest.json');

function bars(n: number): Uint8Array {
  const out = new Uint8Array(n * PIXELS);
  for (let k = 0; k < n; k++) for (let y = 5; y < 23; y++) for (let x = 10 + (k % 5); x < 15 + (k % 5); x++) out[k * PIXELS + y * 28 + x] = 255;
  return out;
}

describe('denoise chart: curves', () => {
  it('computes one point per level with progress and a pause between, the noise seeded', async () => {
    const clean = bars(8);
    const progress: string[] = [];
    let pauses = 0;
    const options = { clean, count: 8, kind: 'gaussian' as const, levels: [0.1, 0.3, 0.5], seed: 7 };
    const points = await computeCurves({ ...options, onProgress: (d, t) => progress.push(`${d}/${t}`), pause: async () => void pauses++ });
    expect(points.map((p) => p.level)).toEqual([0.1, 0.3, 0.5]);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(pauses).toBe(3);
    // More noise, lower PSNR; no denoiser, no denoiser values.
    expect(points[0]!.noisy).toBeGreaterThan(points[1]!.noisy);
    expect(points[1]!.noisy).toBeGreaterThan(points[2]!.noisy);
    expect(points.every((p) => p.denoiser === null)).toBe(true);
    expect(await computeCurves(options)).toEqual(points);
    expect((await computeCurves({ ...options, seed: 8 }))[0]!.noisy).not.toBe(points[0]!.noisy);
  });

  it('scores the denoiser on the same noisy images as the filters', async () => {
    const clean = bars(4);
    const identity = await computeCurves({ clean, count: 4, kind: 'salt-pepper', levels: [0.1, 0.2], seed: 1, denoise: (noisy) => noisy.slice() });
    for (const p of identity) expect(p.denoiser).toBeCloseTo(p.noisy, 9);
    const oracle = await computeCurves({ clean, count: 4, kind: 'mask', levels: [0.2], seed: 1, denoise: () => toUnit(clean) });
    expect(oracle[0]!.denoiser).toBe(PSNR_CAP);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = computeCurves({ clean: bars(2), count: 2, kind: 'gaussian', levels: [0.1, 0.2, 0.3], seed: 1, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow();
  });

  const points: CurvePoint[] = [
    { level: 0.1, noisy: 20, median: 22, blur: 23, denoiser: 24 },
    { level: 0.5, noisy: 8, median: 12, blur: 13, denoiser: 17 },
  ];

  it('draws the four curves and the trained level as a vertical line over the plotted range', () => {
    const series = curveSeries(points, 'gaussian', 0.5);
    expect(series.map((s) => s.label)).toEqual(['Noisy input', 'Median 3×3', 'Gaussian blur 3×3', 'Your denoiser', 'Trained on σ = 0.5']);
    expect(series[4]!.points).toEqual([{ x: 0.5, y: 8 }, { x: 0.5, y: 24 }]);
    expect(series[4]!.dashed).toBe(true);
    const classical = curveSeries(points.map((p) => ({ ...p, denoiser: null })), 'gaussian');
    expect(classical.map((s) => s.label)).toEqual(['Noisy input', 'Median 3×3', 'Gaussian blur 3×3']);
    expect(curveSeries([], 'gaussian', 0.5)).toHaveLength(3);
  });

  it('sums up the trained level in one sentence', () => {
    expect(pointAt(points, 0.5)?.noisy).toBe(8);
    expect(curveSummary(points, 'gaussian', 0.5)).toBe('Gaussian noise at σ = 0.5, the level it was trained on: noisy input 8.0 dB, median 3×3 12.0 dB, Gaussian blur 3×3 13.0 dB, your denoiser 17.0 dB.');
    expect(curveSummary([], 'gaussian')).toBe('');
    // Without a trained level: the kind's usual level (σ = 0.5), else the middle point.
    expect(curveSummary(points, 'gaussian')).toMatch(/^Gaussian noise at σ = 0\.5: noisy input 8\.0 dB/);
    expect(curveSummary(points, 'mask')).toMatch(/^Random mask at 50% masked: noisy input 8\.0 dB/);
  });

  it.skipIf(!HAVE_DATA)('on 100 real MNIST digits: the classical filters beat strong Gaussian noise, and the median wins on salt-and-pepper', async () => {
    const { images } = readSplit('mnist', 'test', 100);
    const gauss = await computeCurves({ clean: images, count: 100, kind: 'gaussian', levels: [0.5], seed: 7 });
    expect(gauss[0]!.blur).toBeGreaterThan(gauss[0]!.noisy);
    const sp = await computeCurves({ clean: images, count: 100, kind: 'salt-pepper', levels: [0.1], seed: 7 });
    expect(sp[0]!.median).toBeGreaterThan(sp[0]!.blur);
    expect(sp[0]!.median).toBeGreaterThan(sp[0]!.noisy + 5);
  });
});
