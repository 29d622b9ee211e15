import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/lib/ml/run-log';
import { describeSweep, distinctSizes, groupSweep, log2Domain, parseSweepReference, psnrDomain, seriesLabel } from '../../../src/widgets/bottleneck-sweep/sweep';

let clock = 0;
function run(fields: Partial<RunSummary>): RunSummary {
  clock += 1;
  return {
    storeKey: 'ae-dense', model: 'dense-autoencoder', dataset: 'mnist', trainExamples: 1000, epochs: 1,
    at: new Date(Date.UTC(2026, 10, 23, 12, 0, clock)).toISOString(), ...fields,
  };
}

describe('bottleneck sweep', () => {
  it('counts loaded pretrained weights as a point, marked', () => {
    const series = groupSweep([run({ bottleneck: 16, testPsnr: 18.64, source: 'pretrained' }), run({ bottleneck: 2, testPsnr: 13 })]);
    expect(series[0]!.points.map((p) => [p.k, p.pretrained])).toEqual([[2, false], [16, true]]);
    expect(describeSweep(series)).toBe('Test PSNR against bottleneck size. Dense · MNIST: k = 2 gives 13.0 dB, k = 16 gives 18.6 dB (pretrained).');
  });

  it('reads the greyed pretrained point from a reference.json, old and new', () => {
    const file = { settings: { epochs: 5, batchSize: 64, trainSize: 30000, bottleneck: 16, dataset: 'mnist' }, trainExamples: 30000, testPsnr: 18.64, curve: [] };
    expect(parseSweepReference(file)).toEqual({ k: 16, psnr: 18.64, trainExamples: 30000, epochs: 5, label: 'Dense · MNIST' });
    expect(parseSweepReference({ ...file, trainExamples: undefined })?.trainExamples).toBe(30000);
    expect(parseSweepReference({ ...file, testPsnr: null })).toBeNull(); // a classifier's reference
    expect(parseSweepReference({ settings: { epochs: 5 }, testPsnr: 18 })).toBeNull();
    expect(parseSweepReference('nonsense')).toBeNull();
  });

  it('groups runs into one series per model and data set, sorted by k', () => {
    const runs = [
      run({ bottleneck: 16, testPsnr: 18, testMse: 0.0158 }),
      run({ bottleneck: 2, testPsnr: 13, testMse: 0.05 }),
      run({ dataset: 'fashion-mnist', bottleneck: 8, testPsnr: 17 }),
      run({ model: 'conv-autoencoder', storeKey: 'ae-conv', bottleneck: 16, testPsnr: 19 }),
    ];
    const series = groupSweep(runs);
    expect(series.map((s) => s.label)).toEqual(['Dense · MNIST', 'Dense · Fashion-MNIST', 'Conv · MNIST']);
    expect(series[0]!.points.map((p) => [p.k, p.psnr])).toEqual([[2, 13], [16, 18]]);
    // A run without an MSE gets it back from its PSNR.
    expect(series[1]!.points[0]!.mse).toBeCloseTo(10 ** -1.7);
    expect(distinctSizes(series)).toEqual([2, 8, 16]);
    expect(seriesLabel({ model: 'conv-autoencoder', dataset: 'fashion-mnist' })).toBe('Conv · Fashion-MNIST');
  });

  it('keeps the latest run per bottleneck size', () => {
    const series = groupSweep([run({ bottleneck: 4, testPsnr: 14 }), run({ bottleneck: 4, testPsnr: 15.5 })]);
    expect(series).toHaveLength(1);
    expect(series[0]!.points).toHaveLength(1);
    expect(series[0]!.points[0]!.psnr).toBe(15.5);
  });

  it('leaves out classifiers, denoisers, runs without a bottleneck or PSNR, and other cells when asked', () => {
    const runs = [
      run({ model: 'dense-784-128-10', storeKey: 'cls-dense', testAccuracy: 0.8 }),
      run({ bottleneck: 16, testPsnr: 20, corruption: { kind: 'gaussian', sigma: 0.3 } }),
      run({ bottleneck: 16 }),
      run({ testPsnr: 18 }),
      run({ bottleneck: 0, testPsnr: 18 }),
      run({ bottleneck: 8, testPsnr: 16, corruption: { kind: 'none' } }),
      run({ bottleneck: 32, testPsnr: 21, storeKey: 'other' }),
    ];
    expect(groupSweep(runs).flatMap((s) => s.points.map((p) => p.k))).toEqual([8, 32]);
    expect(groupSweep(runs, ['ae-dense']).flatMap((s) => s.points.map((p) => p.k))).toEqual([8]);
    expect(groupSweep([])).toEqual([]);
  });

  it('spans the offered sizes on the log2 axis and rounds the dB axis outwards', () => {
    expect(log2Domain([])).toEqual([1, 6]);
    expect(log2Domain([16])).toEqual([1, 6]);
    expect(log2Domain([1, 128])).toEqual([0, 7]);
    expect(psnrDomain([13.2, 19.9])).toEqual([12, 22]);
    expect(psnrDomain([16])).toEqual([14, 18]);
    expect(psnrDomain([])).toEqual([10, 20]);
  });

  it('describes every point for screen readers', () => {
    const text = describeSweep(groupSweep([run({ bottleneck: 2, testPsnr: 13.04 }), run({ bottleneck: 16, testPsnr: 18.26 })]));
    expect(text).toBe('Test PSNR against bottleneck size. Dense · MNIST: k = 2 gives 13.0 dB, k = 16 gives 18.3 dB.');
    expect(describeSweep([])).toContain('no runs yet');
  });
});
