import { describe, expect, it } from 'vitest';
import { MAX_SEED, parseSeed } from '../../../../src/widgets/training-cell/settings';
import { parseRequest } from '../../../../src/lib/workers/protocol';
import { trainRequest } from '../../../../src/widgets/training-cell/run-payload';
import { DEFAULT_SETTINGS } from '../../../../src/widgets/training-cell/settings';

// The Seed field: what a reader types is refused at the field in plain words, never sent to the worker.
describe('the seed field', () => {
  it('takes whole numbers from 0 to the maximum, spaces around them ignored', () => {
    expect(parseSeed('42')).toEqual({ ok: true, value: 42 });
    expect(parseSeed(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(parseSeed(String(MAX_SEED))).toEqual({ ok: true, value: MAX_SEED });
  });

  it('refuses what the worker would reject, saying what to type', () => {
    for (const text of ['', '-1', 'abc', '1e309', '12345678901234567890', '4.5', String(MAX_SEED + 1), '0x10']) {
      const parsed = parseSeed(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/whole number from 0 to 999,999/);
    }
    // A very long paste is quoted shortened.
    const long = parseSeed('9'.repeat(40));
    expect(!long.ok && long.reason.startsWith('“999999999999…”')).toBe(true);
  });

  it('every accepted seed makes a start message the worker accepts', () => {
    for (const seed of [0, 42, MAX_SEED]) {
      const r = trainRequest({ model: 'dense-784-128-10', dataset: 'fashion-mnist', storeKey: 'cls', baseUrl: '' }, { ...DEFAULT_SETTINGS, seed }, 'cp', {}, 'auto');
      expect(parseRequest({ type: 'start', payload: { ...r, baseUrl: '' } }).ok).toBe(true);
    }
  });
});
