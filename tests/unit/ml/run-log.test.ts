import { describe, expect, it } from 'vitest';
import { RUN_LOG_BACKUP_KEY, RUN_LOG_KEY, RUN_LOG_LIMIT, logRun, readRuns, type RunSummary } from '../../../src/lib/ml/run-log';

function memory(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const RUN: RunSummary = { storeKey: 'ae-dense', model: 'dense-autoencoder', dataset: 'mnist', trainExamples: 1000, epochs: 2, bottleneck: 16, testMse: 0.02, testPsnr: 17, at: '2026-11-23T00:00:00Z' };

describe('run log', () => {
  it('keeps runs in order and caps their number', () => {
    const s = memory();
    for (let k = 0; k < RUN_LOG_LIMIT + 5; k++) expect(logRun(s, { ...RUN, bottleneck: k + 1 })).toEqual({ kind: 'saved' });
    const runs = readRuns(s);
    expect(runs).toHaveLength(RUN_LOG_LIMIT);
    expect(runs[0]!.bottleneck).toBe(6);
    expect(runs.at(-1)!.bottleneck).toBe(RUN_LOG_LIMIT + 5);
  });

  it('survives damaged storage and drops entries that are not runs', () => {
    const s = memory();
    s.data.set(RUN_LOG_KEY, '{not json');
    expect(readRuns(s)).toEqual([]);
    const loaded = { ...RUN, source: 'pretrained' as const };
    s.data.set(RUN_LOG_KEY, JSON.stringify([RUN, { ...RUN, model: 'evil' }, { ...RUN, testPsnr: 'x' }, { ...RUN, source: 'stolen' }, null, 3, loaded]));
    expect(readRuns(s)).toEqual([RUN, loaded]);
    const damaged = s.data.get(RUN_LOG_KEY)!;
    expect(logRun(s, RUN)).toEqual({ kind: 'repaired', backupKey: RUN_LOG_BACKUP_KEY });
    expect(readRuns(s)).toHaveLength(3);
    // The damaged text was kept before the readable runs were written back.
    expect(s.data.get(RUN_LOG_BACKUP_KEY)).toBe(damaged);
    // New damage goes to a key of its own: the earlier backup is never overwritten.
    s.data.set(RUN_LOG_KEY, '{not json either');
    const second = logRun(s, RUN);
    expect(second.kind).toBe('repaired');
    const secondKey = second.kind === 'repaired' ? second.backupKey : '';
    expect(secondKey.startsWith(`${RUN_LOG_BACKUP_KEY}:`)).toBe(true);
    expect(s.data.get(secondKey)).toBe('{not json either');
    expect(s.data.get(RUN_LOG_BACKUP_KEY)).toBe(damaged);
    expect(readRuns(s)).toEqual([RUN]);
  });

  it('does not copy the same damaged text twice', () => {
    const s = memory();
    s.data.set(RUN_LOG_KEY, '[1]');
    s.data.set(RUN_LOG_BACKUP_KEY, '[1]');
    expect(logRun(s, RUN)).toEqual({ kind: 'repaired', backupKey: RUN_LOG_BACKUP_KEY });
    expect([...s.data.keys()].sort()).toEqual([RUN_LOG_KEY, RUN_LOG_BACKUP_KEY].sort());
  });

  it('keeps the runs of a newer version that it can read, and their extra fields', () => {
    const s = memory();
    const newer = { ...RUN, futureField: { x: 1 } };
    s.data.set(RUN_LOG_KEY, JSON.stringify([newer]));
    expect(logRun(s, RUN)).toEqual({ kind: 'saved' });
    expect(JSON.parse(s.data.get(RUN_LOG_KEY)!)[0]).toEqual(newer);
  });

  it('backs up nothing when the log is whole', () => {
    const s = memory();
    logRun(s, RUN);
    logRun(s, RUN);
    expect(s.data.has(RUN_LOG_BACKUP_KEY)).toBe(false);
  });

  it('reports refused storage instead of throwing', () => {
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(logRun(full, RUN)).toEqual({ kind: 'failed' });
    expect(logRun(null, RUN)).toEqual({ kind: 'failed' });
    expect(logRun(memory(), { ...RUN, testPsnr: Number.NaN })).toEqual({ kind: 'failed' });
  });
});
