import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/lib/ml/run-log';
import { bestMethod, describeTable, formatGain, latestRuns, parseSuperresTable, rowKey } from '../../../src/widgets/superres-table/superres-table';

const file = {
  script: 'scripts/pretrain-superres.ts', testImages: 10000, model: 'sr-upsample', settings: { trainSize: 20000, epochs: 3, batchSize: 64 },
  rows: [
    { dataset: 'mnist', scale: 2, nearest: 17.86, bilinear: 18.35, bicubic: 19.92, network: 27.42 },
    { dataset: 'fashion-mnist', scale: 4, nearest: 14.8, bilinear: 15.25, bicubic: 15.61, network: 15.2 },
  ],
};
const run = (over: Partial<RunSummary>): RunSummary => ({ storeKey: 'sr', model: 'sr-upsample', dataset: 'mnist', trainExamples: 5000, epochs: 2, scale: 2, testPsnr: 25, at: '2026-12-06T10:00:00Z', ...over });

describe('the super-resolution results table', () => {
  it('accepts the script’s file and refuses a damaged one', () => {
    expect(parseSuperresTable(file)?.rows).toHaveLength(2);
    expect(parseSuperresTable({ ...file, rows: [{ ...file.rows[0], scale: 3 }] })).toBeNull();
    expect(parseSuperresTable({ ...file, rows: [{ ...file.rows[0], network: null }] })).toBeNull();
    expect(parseSuperresTable(null)).toBeNull();
  });

  it('marks the best method of each row, the network or a classical one', () => {
    const parsed = parseSuperresTable(file)!;
    expect(parsed.rows.map(bestMethod)).toEqual(['network', 'bicubic']);
    expect(formatGain(27.42 - 19.92)).toBe('+7.5');
    expect(formatGain(15.2 - 15.61)).toBe('−0.4');
  });

  it('keeps the reader’s latest trained run per data set and scale, not loaded weights or other cells', () => {
    const runs = [
      run({ testPsnr: 24, at: '2026-12-06T09:00:00Z' }),
      run({ testPsnr: 25.5, at: '2026-12-06T11:00:00Z' }),
      run({ scale: 4, testPsnr: 16 }),
      run({ source: 'pretrained', testPsnr: 27.4, at: '2026-12-06T12:00:00Z' }),
      run({ storeKey: 'sr-tc', testPsnr: 30, at: '2026-12-06T12:00:00Z' }),
      run({ testPsnr: NaN, at: '2026-12-06T13:00:00Z' }),
    ];
    const mine = latestRuns(runs, 'sr', 'sr-upsample');
    expect([...mine.keys()].sort()).toEqual([rowKey('mnist', 2), rowKey('mnist', 4)]);
    expect(mine.get(rowKey('mnist', 2))!.testPsnr).toBe(25.5);
    expect(describeTable(parseSuperresTable(file)!, mine)).toMatch(/^MNIST ×2: bicubic 19\.9 dB, shipped network 27\.4 dB, your network 25\.5 dB; Fashion-MNIST ×4/);
    // The other architecture's cell, named.
    const transposed = latestRuns(runs, 'sr-tc', 'sr-upsample');
    expect(describeTable(parseSuperresTable(file)!, mine, { label: 'transposed', runs: transposed })).toMatch(/your network 25\.5 dB, your transposed network 30\.0 dB;/);
  });
});
