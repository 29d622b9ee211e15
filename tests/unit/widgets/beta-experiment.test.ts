import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBetaReference, readerRows } from '../../../src/widgets/beta-experiment/experiment';
import type { RunSummary } from '../../../src/lib/ml/run-log';

describe('the β experiment', () => {
  it('reads the shipped references: β = 0, 1, 4, evenness rising with β', () => {
    const rows = parseBetaReference(JSON.parse(readFileSync('public/models/vae-mnist/beta-experiment.json', 'utf8')));
    expect(rows.map((r) => r.beta)).toEqual([0, 1, 4]);
    expect(rows[0]!.evenness).toBeLessThan(rows[1]!.evenness);
    expect(rows[1]!.evenness).toBeLessThan(rows[2]!.evenness);
    expect(rows[0]!.kl).toBeGreaterThan(rows[2]!.kl);
    expect(parseBetaReference({ runs: [{ beta: 'x' }] })).toEqual([]);
    expect(parseBetaReference(null)).toEqual([]);
  });

  it('keeps only the reader’s complete VAE runs of this cell', () => {
    const base = { model: 'vae-dense', dataset: 'mnist', trainExamples: 500, epochs: 1, at: '2026-01-01T00:00:00Z' } as const;
    const runs: RunSummary[] = [
      { ...base, storeKey: 'vae', latent: 2, beta: 0, testReconstruction: 200, testKl: 90, evenness: 0.3 },
      { ...base, storeKey: 'vae', latent: 2, beta: 1 },
      { ...base, storeKey: 'other', latent: 2, beta: 1, testReconstruction: 1, testKl: 1, evenness: 1 },
      { ...base, storeKey: 'vae', latent: 2, beta: 1, testReconstruction: 170, testKl: 5, evenness: 0.8, source: 'pretrained' },
    ];
    const rows = readerRows(runs, 'vae');
    expect(rows.map((r) => [r.beta, r.source])).toEqual([[0, 'yours'], [1, 'pretrained']]);
  });
});
