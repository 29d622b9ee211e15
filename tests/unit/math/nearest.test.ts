import { describe, expect, it } from 'vitest';
import { meanPrecisionAt, nearest, precisionAt, type Hit } from '../../../src/lib/math/nearest';
import { mulberry32 } from '../../../src/lib/ml/random';

const random = mulberry32(11);
const rows = { data: Array.from({ length: 300 * 8 }, () => random() * 2 - 1), count: 300, dims: 8 };
const row = (i: number) => rows.data.slice(i * 8, i * 8 + 8);

/** Every row scored and sorted: the oracle. */
function bruteForce(query: number[], metric: 'cosine' | 'euclidean'): number[] {
  const scored = Array.from({ length: rows.count }, (_, i) => {
    const r = row(i);
    const dot = r.reduce((s, x, f) => s + x * query[f]!, 0);
    const score = metric === 'cosine' ? dot / (Math.hypot(...r) * Math.hypot(...query)) : Math.hypot(...r.map((x, f) => x - query[f]!));
    return { i, score };
  });
  scored.sort((a, b) => (metric === 'cosine' ? b.score - a.score : a.score - b.score) || a.i - b.i);
  return scored.map((s) => s.i);
}

describe('nearest rows', () => {
  it('match a full sort, for cosine and Euclidean, for several queries and k', () => {
    for (const metric of ['cosine', 'euclidean'] as const) {
      for (const k of [1, 5, 10]) {
        for (let q = 0; q < 5; q++) {
          const query = Array.from({ length: 8 }, () => random() - 0.5);
          expect(nearest(rows, query, k, metric).map((h) => h.index), `${metric} k=${k}`).toEqual(bruteForce(query, metric).slice(0, k));
        }
      }
    }
  });

  it('leave the query\'s own row out, clamp k, and refuse a query of the wrong length', () => {
    const own = nearest(rows, row(7), 3, 'euclidean', { skip: 7 });
    expect(own.map((h) => h.index)).not.toContain(7);
    expect(nearest(rows, row(7), 1, 'euclidean')[0]).toEqual({ index: 7, score: 0 });
    expect(nearest(rows, row(7), 0, 'cosine')).toEqual([]);
    expect(nearest(rows, row(7), 10_000, 'cosine')).toHaveLength(300);
    expect(() => nearest(rows, [1, 2], 3, 'cosine')).toThrow(/2 numbers/);
  });

  it('cosine ignores length: a row scaled up is as near as itself', () => {
    const scaled = row(3).map((x) => x * 10);
    expect(nearest(rows, scaled, 1, 'cosine')[0]!.index).toBe(3);
  });
});

describe('precision@k', () => {
  it('counts the hits of the query\'s class', () => {
    const hits: Hit[] = [0, 1, 2, 3].map((index) => ({ index, score: 0 }));
    expect(precisionAt(hits, [1, 1, 0, 1], 1)).toBe(0.75);
    expect(precisionAt(hits, [0, 0, 0, 0], 1)).toBe(0);
    expect(precisionAt([], [1], 1)).toBeNaN();
  });

  it('averages over queries from the index, each without itself', () => {
    // Two tight clusters far apart: every neighbour of a point is of its own class.
    const data = [0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1];
    const clusters = { data, count: 6, dims: 2 };
    expect(meanPrecisionAt(clusters, [0, 0, 0, 1, 1, 1], [0, 3, 5], 2, 'euclidean')).toBe(1);
    // With k = 3 one hit of each query must come from the other cluster.
    expect(meanPrecisionAt(clusters, [0, 0, 0, 1, 1, 1], [0, 3], 3, 'euclidean')).toBeCloseTo(2 / 3, 12);
  });
});
