/**
 * Anomaly-detection metrics on plain arrays (no tfjs).
 *
 * Every item has a score (higher = more anomalous, e.g. its reconstruction error) and a label
 * (true = it really is an anomaly). A threshold turns scores into decisions:
 * score ≥ threshold ⇒ flagged. Ties go to "flagged", so the threshold equal to an item's own
 * score always catches that item, and thresholds can be read straight off the scores.
 */

/** The four counts of a binary decision. Positive = anomaly. */
export interface ConfusionCounts {
  /** Anomalies flagged (caught). */
  tp: number;
  /** Normal items flagged (false alarms). */
  fp: number;
  /** Normal items let through. */
  tn: number;
  /** Anomalies let through (missed). */
  fn: number;
}

/** Throws unless scores and labels are non-empty, equally long, and every score is finite. */
function checkScored(name: string, scores: ArrayLike<number>, labels: ArrayLike<boolean>): void {
  if (scores.length !== labels.length) throw new Error(`${name}: ${scores.length} scores but ${labels.length} labels`);
  if (scores.length === 0) throw new Error(`${name}: no items`);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new Error(`${name}: score ${i} is not a finite number (${scores[i]})`);
  }
}

// #region threshold
/**
 * Confusion counts when every item with score ≥ threshold is flagged.
 * The threshold may be ±Infinity (+Infinity flags nothing, −Infinity everything), not NaN.
 */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<boolean>, threshold: number): ConfusionCounts {
  checkScored('confusionAt', scores, labels);
  if (Number.isNaN(threshold)) throw new Error('confusionAt: threshold is NaN');
  const counts: ConfusionCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i]! >= threshold;
    if (labels[i]) {
      if (flagged) counts.tp++;
      else counts.fn++;
    } else if (flagged) counts.fp++;
    else counts.tn++;
  }
  return counts;
}
// #endregion

export interface PrecisionRecallF1 {
  /** tp / (tp + fp): of the flagged items, the fraction that are anomalies. */
  precision: number;
  /** tp / (tp + fn): of the anomalies, the fraction flagged. */
  recall: number;
  /** Harmonic mean of precision and recall, computed as 2tp / (2tp + fp + fn). */
  f1: number;
  /** false when nothing was flagged (precision is 0/0, reported as 0). */
  precisionDefined: boolean;
  /** false when there are no anomalies at all (recall is 0/0, reported as 0). */
  recallDefined: boolean;
}

/**
 * Precision, recall and F1 from confusion counts, each in [0, 1].
 *
 * 0/0 cases, as scikit-learn's `zero_division=0`: a detector that flags nothing gets
 * precision 0, a data set without anomalies gives recall 0, and F1 is 0 when tp = fp = fn = 0.
 * Why 0 rather than NaN: a detector earns no credit for what it did not find, and a slider
 * read-out stays a number. The `…Defined` flags let a view print "—" instead.
 */
export function precisionRecallF1(counts: ConfusionCounts): PrecisionRecallF1 {
  const { tp, fp, tn, fn } = counts;
  for (const [key, v] of Object.entries({ tp, fp, tn, fn })) {
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`precisionRecallF1: ${key} must be a whole number ≥ 0, got ${v}`);
  }
  const flagged = tp + fp;
  const anomalies = tp + fn;
  const f1Denominator = 2 * tp + fp + fn;
  return {
    precision: flagged > 0 ? tp / flagged : 0,
    recall: anomalies > 0 ? tp / anomalies : 0,
    f1: f1Denominator > 0 ? (2 * tp) / f1Denominator : 0,
    precisionDefined: flagged > 0,
    recallDefined: anomalies > 0,
  };
}

/** One point of a ROC curve: the rates reached when flagging every score ≥ threshold. */
export interface RocPoint {
  /** False-positive rate fp / (fp + tn): the fraction of normal items flagged. */
  fpr: number;
  /** True-positive rate (recall) tp / (tp + fn): the fraction of anomalies flagged. */
  tpr: number;
  /** +Infinity for the first point (nothing flagged), then each distinct score, high to low. */
  threshold: number;
}

/**
 * The ROC curve: starts at (0, 0) with threshold +Infinity, then one point per distinct score
 * from the highest to the lowest, ending at (1, 1) with threshold = the lowest score.
 * Tied scores move together (they cannot be split by any threshold), giving one diagonal
 * step rather than an optimistic or pessimistic staircase.
 * Throws unless there is at least one anomaly and one normal item (otherwise a rate is 0/0).
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>): RocPoint[] {
  checkScored('rocCurve', scores, labels);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error(`rocCurve: needs both anomalies and normal items (got ${positives} anomalies, ${negatives} normal)`);
  }
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]!]!;
    // Take the whole group of items sharing this score before emitting a point.
    while (k < order.length && scores[order[k]!]! === threshold) {
      if (labels[order[k]!]) tp++;
      else fp++;
      k++;
    }
    points.push({ fpr: fp / negatives, tpr: tp / positives, threshold });
  }
  return points;
}

/**
 * Area under the ROC curve by the trapezoid rule, in [0, 1]. It equals the probability that a
 * random anomaly scores higher than a random normal item, ties counting ½ (Mann–Whitney U / (P·N)):
 * 1 = perfect separation, 0.5 = no better than chance (or all scores tied), 0 = exactly reversed.
 * Throws as rocCurve does when one of the two groups is empty.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number {
  const points = rocCurve(scores, labels);
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}

/**
 * The highest threshold whose recall (with score ≥ threshold flagged) is at least `recall`.
 * It is always one of the anomalies' scores: the k-th highest, k = ⌈recall · anomalies⌉.
 * Ties may give a higher recall than asked. recall = 0 returns +Infinity (flagging nothing
 * already reaches recall 0). Throws for recall outside [0, 1] or when there are no anomalies.
 */
export function thresholdForRecall(scores: ArrayLike<number>, labels: ArrayLike<boolean>, recall: number): number {
  checkScored('thresholdForRecall', scores, labels);
  if (!(recall >= 0 && recall <= 1)) throw new Error(`thresholdForRecall: recall must be in [0, 1], got ${recall}`);
  const positiveScores: number[] = [];
  for (let i = 0; i < scores.length; i++) if (labels[i]) positiveScores.push(scores[i]!);
  if (positiveScores.length === 0) throw new Error('thresholdForRecall: there are no anomalies, so recall is undefined');
  // The small slack keeps 0.7 · 10 = 7.000000000000001 from asking for 8 anomalies.
  const needed = Math.ceil(recall * positiveScores.length - 1e-9);
  if (needed <= 0) return Infinity;
  positiveScores.sort((a, b) => b - a);
  return positiveScores[needed - 1]!;
}

export interface Histogram {
  /** bins + 1 bin edges, increasing. Bin i holds edges[i] ≤ v < edges[i+1]; the last bin also holds v = its right edge. */
  edges: number[];
  /** Count per bin. */
  counts: number[];
  /** Values left out because they fall below edges[0] or above the last edge. */
  below: number;
  above: number;
}

/**
 * Counts values into `bins` equal-width bins over `range` (default: [min, max] of the values),
 * like numpy.histogram. If all values are equal (or range is empty) the default range is
 * widened to [v − 0.5, v + 0.5] so there is something to draw. Values outside an explicit
 * range are counted in `below` / `above`, not in the bins. Throws on empty input or NaN.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: readonly [number, number]): Histogram {
  if (values.length === 0) throw new Error('histogram: no values');
  if (!(Number.isInteger(bins) && bins > 0)) throw new Error(`histogram: bins must be a positive integer, got ${bins}`);
  let lo = range ? range[0] : Infinity;
  let hi = range ? range[1] : -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new Error(`histogram: value ${i} is not a finite number (${v})`);
    if (!range) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (range && !(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new Error(`histogram: range must be two finite numbers, low ≤ high, got [${lo}, ${hi}]`);
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) below++;
    else if (v > hi) above++;
    else {
      let b = Math.min(bins - 1, Math.floor((v - lo) / width));
      // Rounding in the division can land a value one bin off its edges; nudge it back.
      while (b > 0 && v < edges[b]!) b--;
      while (b < bins - 1 && v >= edges[b + 1]!) b++;
      counts[b]! += 1;
    }
  }
  return { edges, counts, below, above };
}
