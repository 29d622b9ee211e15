import { describe, expect, it } from 'vitest';
import { auc, confusionAt, histogram, precisionRecallF1, rocCurve, thresholdForRecall } from '../../../src/lib/math/detection';
import { mulberry32 } from '../../../src/lib/ml/random';

// Six items, scores high to low: anomaly, anomaly, normal, anomaly, normal, normal.
const SCORES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const LABELS = [true, true, false, true, false, false];

/** The oracle: P(random anomaly scores above a random normal item), ties ½, by checking every pair. */
function mannWhitney(scores: number[], labels: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!labels[i]) return;
    scores.forEach((n, j) => {
      if (labels[j]) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('confusionAt and precisionRecallF1 (by hand)', () => {
  it('flags score ≥ threshold, ties included', () => {
    expect(confusionAt(SCORES, LABELS, 0.6)).toEqual({ tp: 3, fp: 1, tn: 2, fn: 0 });
    // 0.7 is a normal item's own score: the tie flags it.
    expect(confusionAt(SCORES, LABELS, 0.7)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(confusionAt(SCORES, LABELS, 0.71)).toEqual({ tp: 2, fp: 0, tn: 3, fn: 1 });
    expect(confusionAt(SCORES, LABELS, Infinity)).toEqual({ tp: 0, fp: 0, tn: 3, fn: 3 });
    expect(confusionAt(SCORES, LABELS, -Infinity)).toEqual({ tp: 3, fp: 3, tn: 0, fn: 0 });
  });

  it('precision, recall and F1 at those thresholds', () => {
    const at07 = precisionRecallF1(confusionAt(SCORES, LABELS, 0.7));
    expect(at07.precision).toBeCloseTo(2 / 3, 12);
    expect(at07.recall).toBeCloseTo(2 / 3, 12);
    expect(at07.f1).toBeCloseTo(2 / 3, 12);
    const at071 = precisionRecallF1(confusionAt(SCORES, LABELS, 0.71));
    expect(at071).toMatchObject({ precision: 1, precisionDefined: true, recallDefined: true });
    expect(at071.recall).toBeCloseTo(2 / 3, 12);
    expect(at071.f1).toBeCloseTo(0.8, 12); // 2·1·⅔ / (1 + ⅔)
    const at06 = precisionRecallF1(confusionAt(SCORES, LABELS, 0.6));
    expect(at06.precision).toBeCloseTo(0.75, 12);
    expect(at06.recall).toBe(1);
    expect(at06.f1).toBeCloseTo(6 / 7, 12);
  });

  it('0/0 cases are 0 and flagged as undefined', () => {
    expect(precisionRecallF1({ tp: 0, fp: 0, tn: 3, fn: 3 })).toEqual({ precision: 0, recall: 0, f1: 0, precisionDefined: false, recallDefined: true });
    expect(precisionRecallF1({ tp: 0, fp: 2, tn: 3, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0, precisionDefined: true, recallDefined: false });
    expect(precisionRecallF1({ tp: 0, fp: 0, tn: 5, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0, precisionDefined: false, recallDefined: false });
  });

  it('F1 is the harmonic mean of precision and recall', () => {
    const r = precisionRecallF1({ tp: 7, fp: 3, tn: 40, fn: 5 });
    expect(r.f1).toBeCloseTo((2 * r.precision * r.recall) / (r.precision + r.recall), 12);
  });

  it('refuses bad input', () => {
    expect(() => confusionAt([1, 2], [true], 1)).toThrow(/2 scores but 1 labels/);
    expect(() => confusionAt([], [], 1)).toThrow(/no items/);
    expect(() => confusionAt([NaN], [true], 1)).toThrow(/score 0 is not a finite number/);
    expect(() => confusionAt([1], [true], NaN)).toThrow(/threshold is NaN/);
    expect(() => precisionRecallF1({ tp: -1, fp: 0, tn: 0, fn: 0 })).toThrow(/tp must be a whole number/);
    expect(() => precisionRecallF1({ tp: 1, fp: 0.5, tn: 0, fn: 0 })).toThrow(/fp/);
  });
});

describe('rocCurve and auc', () => {
  it('six points by hand: (0,0) then one point per score, AUC 8/9', () => {
    const points = rocCurve(SCORES, LABELS);
    const third = 1 / 3;
    const expected = [[0, 0, Infinity], [0, third, 0.9], [0, 2 * third, 0.8], [third, 2 * third, 0.7], [third, 1, 0.6], [2 * third, 1, 0.5], [1, 1, 0.4]];
    expect(points.length).toBe(expected.length);
    points.forEach((p, i) => {
      const [fpr, tpr, threshold] = expected[i]!;
      expect(p.fpr).toBeCloseTo(fpr!, 12);
      expect(p.tpr).toBeCloseTo(tpr!, 12);
      expect(p.threshold).toBe(threshold);
    });
    expect(auc(SCORES, LABELS)).toBeCloseTo(8 / 9, 12);
  });

  it('tied scores make one diagonal step (by hand: AUC 0.875)', () => {
    const scores = [0.5, 0.5, 0.2, 0.8];
    const labels = [true, false, false, true];
    expect(rocCurve(scores, labels)).toEqual([
      { fpr: 0, tpr: 0, threshold: Infinity },
      { fpr: 0, tpr: 0.5, threshold: 0.8 },
      { fpr: 0.5, tpr: 1, threshold: 0.5 },
      { fpr: 1, tpr: 1, threshold: 0.2 },
    ]);
    expect(auc(scores, labels)).toBeCloseTo(0.875, 12);
  });

  it('perfect separation → 1, reversed → 0, all tied → 0.5', () => {
    const labels = [false, false, false, true, true];
    expect(auc([1, 2, 3, 4, 5], labels)).toBe(1);
    expect(auc([5, 4, 3, 2, 1], labels)).toBe(0);
    expect(auc([3, 3, 3, 3, 3], labels)).toBe(0.5);
    expect(rocCurve([3, 3, 3, 3, 3], labels)).toEqual([{ fpr: 0, tpr: 0, threshold: Infinity }, { fpr: 1, tpr: 1, threshold: 3 }]);
  });

  it('on random data with ties: AUC equals the Mann–Whitney probability, points match confusionAt', () => {
    const random = mulberry32(2024);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(random() * 200);
      // Scores rounded to 1/20 so ties are common; anomalies score higher on average.
      const labels = Array.from({ length: n }, () => random() < 0.3);
      labels[0] = true;
      labels[1] = false;
      const scores = labels.map((l) => Math.round((random() + (l ? 0.3 : 0)) * 20) / 20);
      expect(auc(scores, labels)).toBeCloseTo(mannWhitney(scores, labels), 12);
      const points = rocCurve(scores, labels);
      expect(points.length).toBe(new Set(scores).size + 1);
      expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
      const positives = labels.filter(Boolean).length;
      for (let i = 1; i < points.length; i++) {
        const p = points[i]!;
        expect(p.threshold).toBeLessThan(points[i - 1]!.threshold);
        const c = confusionAt(scores, labels, p.threshold);
        expect(p.tpr).toBeCloseTo(c.tp / positives, 12);
        expect(p.fpr).toBeCloseTo(c.fp / (n - positives), 12);
      }
    }
  });

  it('needs both anomalies and normal items', () => {
    expect(() => rocCurve([1, 2], [true, true])).toThrow(/needs both anomalies and normal items \(got 2 anomalies, 0 normal\)/);
    expect(() => auc([1, 2], [false, false])).toThrow(/0 anomalies/);
    expect(() => auc([1, NaN], [true, false])).toThrow(/score 1/);
  });
});

describe('thresholdForRecall', () => {
  it('by hand on the six items', () => {
    expect(thresholdForRecall(SCORES, LABELS, 1 / 3)).toBe(0.9);
    expect(thresholdForRecall(SCORES, LABELS, 0.5)).toBe(0.8); // needs 2 of 3
    expect(thresholdForRecall(SCORES, LABELS, 2 / 3)).toBe(0.8);
    expect(thresholdForRecall(SCORES, LABELS, 0.7)).toBe(0.6);
    expect(thresholdForRecall(SCORES, LABELS, 1)).toBe(0.6);
    expect(thresholdForRecall(SCORES, LABELS, 0)).toBe(Infinity);
  });

  it('0.7 of 10 anomalies needs 7, not 8 (float rounding)', () => {
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const labels = scores.map((s) => s > 0);
    expect(thresholdForRecall(scores, labels, 0.7)).toBe(4);
  });

  it('is the highest threshold reaching the recall, on random data', () => {
    const random = mulberry32(99);
    const labels = Array.from({ length: 300 }, () => random() < 0.2);
    const scores = labels.map((l) => Math.round((random() + (l ? 0.4 : 0)) * 50) / 50);
    const distinct = [...new Set(scores)].sort((a, b) => a - b);
    for (const target of [0.05, 0.3, 0.5, 0.8, 0.95, 1]) {
      const t = thresholdForRecall(scores, labels, target);
      expect(precisionRecallF1(confusionAt(scores, labels, t)).recall).toBeGreaterThanOrEqual(target);
      const higher = distinct.find((s) => s > t);
      if (higher !== undefined) expect(precisionRecallF1(confusionAt(scores, labels, higher)).recall).toBeLessThan(target);
    }
  });

  it('refuses a recall outside [0, 1] or no anomalies', () => {
    expect(() => thresholdForRecall(SCORES, LABELS, 1.1)).toThrow(/recall must be in \[0, 1\]/);
    expect(() => thresholdForRecall(SCORES, LABELS, NaN)).toThrow(/recall/);
    expect(() => thresholdForRecall([1, 2], [false, false], 0.5)).toThrow(/no anomalies/);
  });
});

describe('histogram', () => {
  it('default range [min, max], last bin closed (by hand)', () => {
    const h = histogram([0, 0.1, 0.25, 0.5, 0.75, 1], 4);
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(h.counts).toEqual([2, 1, 1, 2]);
    expect(h.below + h.above).toBe(0);
  });

  it('an explicit range leaves outside values in below / above', () => {
    const h = histogram([0, 0.1, 0.25, 0.5, 0.75, 1], 4, [0.2, 0.8]);
    h.edges.forEach((e, i) => expect(e).toBeCloseTo([0.2, 0.35, 0.5, 0.65, 0.8][i]!, 12));
    expect(h.counts).toEqual([1, 0, 1, 1]);
    expect(h).toMatchObject({ below: 2, above: 1 });
  });

  it('values on an edge go to the bin starting there, despite float rounding', () => {
    const h = histogram([0, 0.1, 0.2, 0.3], 3, [0, 0.3]);
    expect(h.counts).toEqual([1, 1, 2]);
  });

  it('equal values are widened to a unit range', () => {
    expect(histogram([3, 3, 3], 2)).toEqual({ edges: [2.5, 3, 3.5], counts: [0, 3], below: 0, above: 0 });
  });

  it('counts every value once, on random data', () => {
    const random = mulberry32(5);
    const values = Array.from({ length: 1000 }, () => random() * 3 - 1);
    const h = histogram(values, 17, [-0.5, 1.5]);
    expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above).toBe(1000);
    expect(h.below).toBe(values.filter((v) => v < -0.5).length);
    expect(histogram(values, 10).counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('refuses bad input', () => {
    expect(() => histogram([], 3)).toThrow(/no values/);
    expect(() => histogram([1], 0)).toThrow(/bins/);
    expect(() => histogram([1], 2.5)).toThrow(/bins/);
    expect(() => histogram([1, NaN], 2)).toThrow(/value 1/);
    expect(() => histogram([1], 2, [2, 1])).toThrow(/low ≤ high/);
  });
});
