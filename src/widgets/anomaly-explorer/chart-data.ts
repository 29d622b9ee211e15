/**
 * Numbers behind the explorer's two charts: the score histogram of normal vs anomalous items on
 * the log axis, and the ROC curve thinned for its data table. Framework-free.
 */
import { histogram, type ConfusionCounts, type RocPoint } from '../../lib/math/detection';
import type { FilteredStream } from './stream';
import { axisFraction, type ScoreScale } from './threshold-scale';

export interface HistogramBin {
  /** Score range of the bin [from, to). */
  from: number;
  to: number;
  /** Items of each group in the bin. */
  normal: number;
  anomalous: number;
}

export interface ScoreHistogram {
  bins: HistogramBin[];
  normalTotal: number;
  anomalyTotal: number;
  /** Largest share of its own group in any bin (for the y axis), 0 … 1. */
  maxShare: number;
}

/**
 * `bins` log-spaced bins over the scale, counting each group apart. Scores below the axis's low
 * end (only a score of 0 can be) go to the first bin, so every item is counted once.
 */
export function scoreHistogram(stream: FilteredStream, s: ScoreScale, bins = 30): ScoreHistogram {
  const position = (v: number): number => axisFraction(v, s);
  const split = (flag: boolean): number[] => stream.scores.filter((_, i) => stream.anomalous[i] === flag).map(position);
  const normal = split(false);
  const anomalous = split(true);
  const countsOf = (values: number[]): number[] => (values.length ? histogram(values, bins, [0, 1]).counts : new Array<number>(bins).fill(0));
  const n = countsOf(normal);
  const a = countsOf(anomalous);
  const edge = (i: number): number => s.lo * (s.hi / s.lo) ** (i / bins);
  const out: HistogramBin[] = n.map((count, i) => ({ from: edge(i), to: edge(i + 1), normal: count, anomalous: a[i]! }));
  const share = (count: number, total: number): number => (total > 0 ? count / total : 0);
  const maxShare = Math.max(0, ...out.map((b) => Math.max(share(b.normal, normal.length), share(b.anomalous, anomalous.length))));
  return { bins: out, normalTotal: normal.length, anomalyTotal: anomalous.length, maxShare };
}

/**
 * A few ROC points for the data table: the first and last, and one whenever the curve has moved
 * at least `step` (in fpr + tpr) since the last kept point, so rows spread evenly along it.
 */
export function thinRoc(points: readonly RocPoint[], step = 0.1): RocPoint[] {
  if (points.length <= 2) return [...points];
  const kept: RocPoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const last = kept.at(-1)!;
    if (p.fpr - last.fpr + (p.tpr - last.tpr) >= step - 1e-12) kept.push(p);
  }
  kept.push(points.at(-1)!);
  return kept;
}

/** The ROC point of a decision: false- and true-positive rates from its counts (0 for an empty group). */
export function rocPointOf(c: ConfusionCounts): { fpr: number; tpr: number } {
  const negatives = c.fp + c.tn;
  const positives = c.tp + c.fn;
  return { fpr: negatives > 0 ? c.fp / negatives : 0, tpr: positives > 0 ? c.tp / positives : 0 };
}

/**
 * Tick values for a log axis from lo to hi: 1, 2, 5 times powers of ten, thinned to powers of ten
 * when that gives more than `max` ticks (and to every other one if still too many).
 */
export function logTicks(lo: number, hi: number, max = 6): number[] {
  if (!(lo > 0 && hi > lo)) return [];
  const within = (mantissas: number[]): number[] => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  let t = within([1, 2, 5]);
  if (t.length > max) t = within([1]);
  while (t.length > max) t = t.filter((_, i) => i % 2 === 0);
  return t;
}
