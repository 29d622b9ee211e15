import { describe, expect, it } from 'vitest';
import { logTicks, rocPointOf, scoreHistogram, thinRoc } from '../../../../src/widgets/anomaly-explorer/chart-data';
import type { FilteredStream } from '../../../../src/widgets/anomaly-explorer/stream';
import { scoreScale } from '../../../../src/widgets/anomaly-explorer/threshold-scale';

const stream = (scores: number[], anomalous: boolean[]): FilteredStream => ({
  indices: scores.map((_, i) => i), scores, anomalous,
  normalCount: anomalous.filter((a) => !a).length, anomalyCount: anomalous.filter(Boolean).length,
});

describe('anomaly chart data', () => {
  it('bins each group apart on the log axis, counting every item once', () => {
    // lo = 0.01, hi = 1 (0.8 × 1.25): two bins split at 0.1.
    const st = stream([0.01, 0.02, 0.05, 0.2, 0.8, 0], [false, false, true, true, true, false]);
    const s = scoreScale(st.scores);
    const h = scoreHistogram(st, s, 2);
    expect(h.bins.map((b) => [b.normal, b.anomalous])).toEqual([[3, 1], [0, 2]]);
    expect(h.bins[0]!.from).toBeCloseTo(0.01);
    expect(h.bins[0]!.to).toBeCloseTo(0.1);
    expect([h.normalTotal, h.anomalyTotal]).toEqual([3, 3]);
    expect(h.maxShare).toBe(1); // all three normal items in the first bin
  });

  it('handles a group with no items', () => {
    const st = stream([0.01, 0.02], [false, false]);
    const h = scoreHistogram(st, scoreScale(st.scores), 4);
    expect(h.bins.every((b) => b.anomalous === 0)).toBe(true);
    expect(h.anomalyTotal).toBe(0);
  });

  it('thins the ROC curve for its table, keeping both ends and spacing the rest', () => {
    const points = Array.from({ length: 101 }, (_, i) => ({ fpr: i / 100, tpr: Math.min(1, (2 * i) / 100), threshold: 1 - i / 100 }));
    const rows = thinRoc(points, 0.1);
    expect(rows[0]).toBe(points[0]);
    expect(rows.at(-1)).toBe(points[100]);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(25);
    for (let i = 1; i < rows.length - 1; i++) {
      expect(rows[i]!.fpr - rows[i - 1]!.fpr + rows[i]!.tpr - rows[i - 1]!.tpr).toBeGreaterThanOrEqual(0.1 - 1e-9);
    }
    expect(thinRoc(points.slice(0, 2))).toHaveLength(2);
  });

  it('places a decision on the ROC plane', () => {
    expect(rocPointOf({ tp: 3, fn: 1, fp: 1, tn: 9 })).toEqual({ fpr: 0.1, tpr: 0.75 });
    expect(rocPointOf({ tp: 0, fn: 0, fp: 0, tn: 0 })).toEqual({ fpr: 0, tpr: 0 });
  });

  it('puts ticks at 1, 2, 5 times powers of ten, fewer when the range is wide', () => {
    expect(logTicks(0.008, 0.06)).toEqual([0.01, 0.02, 0.05]);
    expect(logTicks(0.001, 10)).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(1e-6, 1e3, 4).length).toBeLessThanOrEqual(4);
    expect(logTicks(0, 1)).toEqual([]);
  });
});
