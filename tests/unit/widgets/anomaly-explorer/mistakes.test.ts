import { describe, expect, it } from 'vitest';
import { mistakesAt } from '../../../../src/widgets/anomaly-explorer/mistakes';

// Positions:       0     1     2     3     4     5     6     7
const scores =    [0.10, 0.20, 0.30, 0.40, 0.15, 0.25, 0.35, 0.50];
const anomalous = [false, false, false, false, true, true, true, true];

describe('mistakes at a threshold', () => {
  it('lists only misclassified items: anomalies below it, normal items at or above it', () => {
    const m = mistakesAt(scores, anomalous, 0.3, 10);
    expect(m.missed).toEqual([5, 4]); // 0.25 then 0.15: nearest below the threshold first
    expect(m.falseAlarms).toEqual([2, 3]); // 0.30 (at the threshold counts as flagged) then 0.40
    expect([m.missedCount, m.falseAlarmCount]).toEqual([2, 2]);
    for (const i of m.missed) expect(anomalous[i] && scores[i]! < 0.3).toBe(true);
    for (const i of m.falseAlarms) expect(!anomalous[i] && scores[i]! >= 0.3).toBe(true);
  });

  it('trades one kind for the other as the threshold moves', () => {
    const low = mistakesAt(scores, anomalous, 0.12, 10);
    expect(low.missed).toEqual([]);
    expect(low.falseAlarms).toEqual([1, 2, 3]);
    const high = mistakesAt(scores, anomalous, 0.45, 10);
    expect(high.missed).toEqual([6, 5, 4]);
    expect(high.falseAlarms).toEqual([]);
    // Every threshold: the counts are exactly FN and FP.
    for (const t of [0, 0.1, 0.2, 0.26, 0.35, 0.5, 1]) {
      const m = mistakesAt(scores, anomalous, t, 10);
      expect(m.missedCount).toBe(scores.filter((s, i) => anomalous[i] && s < t).length);
      expect(m.falseAlarmCount).toBe(scores.filter((s, i) => !anomalous[i] && s >= t).length);
    }
  });

  it('keeps at most k of each, counts all, and breaks ties by stream order', () => {
    const m = mistakesAt([0.5, 0.5, 0.5, 0.1, 0.1], [false, false, false, true, true], 0.2, 2);
    expect(m.falseAlarms).toEqual([0, 1]);
    expect(m.falseAlarmCount).toBe(3);
    expect(m.missed).toEqual([3, 4]);
    expect(mistakesAt(scores, anomalous, 0.3, 0)).toMatchObject({ missed: [], falseAlarms: [], missedCount: 2, falseAlarmCount: 2 });
    expect(() => mistakesAt([1], [true, false], 0.5, 1)).toThrow(/1 scores but 2 labels/);
  });
});
