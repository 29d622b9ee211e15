import { describe, expect, it } from 'vitest';
import { debugConfig, TEST_HOOKS_KEY } from '../../../src/lib/workers/debug-hooks';

const flagged = { getItem: (k: string) => (k === TEST_HOOKS_KEY ? '1' : null) };
const plain = { getItem: () => null };
const blocked = { getItem: (): string | null => { throw new Error('SecurityError'); } };

// No link can switch the worker's test hooks on: they also need a flag only tests put in storage.
describe('test hooks', () => {
  it('stay off for a crafted link on a reader’s browser', () => {
    expect(debugConfig('?debug-worker=f16&debug-stall-ms=5', plain)).toEqual({ enabled: false, f16: false, stallMs: null });
    expect(debugConfig('?debug-worker=1', blocked).enabled).toBe(false);
    expect(debugConfig('?debug-worker=1', null).enabled).toBe(false);
  });

  it('turn on for the tests, which set the flag', () => {
    expect(debugConfig('?debug-worker=f16&debug-stall-ms=5', flagged)).toEqual({ enabled: true, f16: true, stallMs: 5 });
    expect(debugConfig('', flagged).enabled).toBe(false);
  });
});
