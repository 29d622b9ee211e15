import { describe, expect, it } from 'vitest';
import { admit, isStoredRows } from '../../../src/lib/tasks/features/rows-store';

describe('the feature rows store', () => {
  it('keeps the newest entries within the budget and deletes the rest', () => {
    const index = [{ key: 'a', bytes: 40, at: 1 }, { key: 'b', bytes: 40, at: 2 }, { key: 'c', bytes: 40, at: 3 }];
    expect(admit(index, { key: 'd', bytes: 40, at: 4 }, 100)).toEqual({ kept: [{ key: 'd', bytes: 40, at: 4 }, { key: 'c', bytes: 40, at: 3 }], removed: ['b', 'a'] });
    // The same key again replaces its old entry.
    expect(admit(index, { key: 'a', bytes: 10, at: 5 }, 100).kept.map((e) => e.key)).toEqual(['a', 'c', 'b']);
    // Too large for the budget: nothing is kept of it, everything else stays.
    expect(admit(index, { key: 'huge', bytes: 1000, at: 9 }, 200)).toEqual({ kept: index.slice().reverse(), removed: ['huge'] });
    expect(admit('garbage', { key: 'x', bytes: 1, at: 1 }, 10).kept).toEqual([{ key: 'x', bytes: 1, at: 1 }]);
  });

  it('accepts only well-formed rows', () => {
    expect(isStoredRows({ rows: new Float32Array(6), dims: 3, labels: new Int32Array(2) })).toBe(true);
    expect(isStoredRows({ rows: new Float32Array(5), dims: 3, labels: new Int32Array(2) })).toBe(false);
    expect(isStoredRows({ rows: [0, 0, 0], dims: 3, labels: new Int32Array(1) })).toBe(false);
    expect(isStoredRows(null)).toBe(false);
  });
});
