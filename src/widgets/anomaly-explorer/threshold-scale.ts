/**
 * The threshold slider works on a log scale of the score: reconstruction errors of normal images
 * bunch up near the bottom while anomalies trail off over a decade or more, so equal slider steps
 * as equal ratios spend the slider where the decisions are. Framework-free.
 */

/** Slider positions 0 … SLIDER_STEPS. */
export const SLIDER_STEPS = 200;

/** The score range the slider and the histogram's x axis span. */
export interface ScoreScale {
  /** The lowest score in the stream: position 0 flags everything. */
  min: number;
  /** Lower end of the log axis (the smallest positive score; never 0). */
  lo: number;
  /** Upper end: above the highest score, so the last position flags nothing. */
  hi: number;
}

/** Head room above the highest score, as a factor, so "flag nothing" is on the slider. */
const TOP_MARGIN = 1.25;

/** The scale for a stream's scores (all of them, whatever the filter, so the axis never jumps). */
export function scoreScale(scores: ArrayLike<number>): ScoreScale {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (v > 0) minPositive = Math.min(minPositive, v);
  }
  if (!Number.isFinite(max) || max <= 0) return { min: Number.isFinite(min) ? min : 0, lo: 1e-4, hi: 1 }; // nothing positive to log
  let lo = minPositive;
  let hi = max * TOP_MARGIN;
  if (hi / lo < 2) {
    // All scores (nearly) equal: widen so the axis has some room.
    lo = Math.min(lo, max / 2);
    hi = max * 2;
  }
  return { min, lo, hi };
}

/** The threshold at a slider position: log-spaced from lo to hi, position 0 exactly the lowest score. */
export function positionToThreshold(position: number, s: ScoreScale): number {
  const p = Math.min(SLIDER_STEPS, Math.max(0, Math.round(position)));
  if (p === 0) return s.min;
  if (p === SLIDER_STEPS) return s.hi;
  return 10 ** (Math.log10(s.lo) + (p / SLIDER_STEPS) * (Math.log10(s.hi) - Math.log10(s.lo)));
}

/** The nearest slider position to a threshold (for a threshold set from elsewhere, e.g. "for recall R"). */
export function thresholdToPosition(threshold: number, s: ScoreScale): number {
  if (!(threshold > s.lo)) return 0;
  if (threshold >= s.hi) return SLIDER_STEPS;
  return Math.min(SLIDER_STEPS, Math.max(0, Math.round((SLIDER_STEPS * Math.log10(threshold / s.lo)) / Math.log10(s.hi / s.lo))));
}

/** Where a score sits along the log axis, 0 … 1 (clamped), for drawing. */
export function axisFraction(score: number, s: ScoreScale): number {
  const v = Math.max(s.lo, Math.min(s.hi, score));
  return Math.log10(v / s.lo) / Math.log10(s.hi / s.lo);
}

/** Three significant digits, plain for ordinary MSEs ("0.0234"), exponent for tiny or huge ones. */
export function formatScore(score: number): string {
  if (!Number.isFinite(score)) return score > 0 ? '∞' : '–';
  if (score === 0) return '0';
  const a = Math.abs(score);
  if (a < 1e-4 || a >= 1e4) return score.toExponential(2);
  return String(Number(score.toPrecision(3)));
}

/**
 * Where the slider starts: the 95th percentile of the normal items' scores, i.e. a rule a
 * practitioner could set without any labelled anomaly ("flag what is rarer than 1 in 20 normal
 * images"). Falls back to the median of all scores when there are no normal items.
 */
export function defaultThreshold(scores: readonly number[], anomalous: readonly boolean[]): number {
  const normal = scores.filter((_, i) => !anomalous[i]).sort((a, b) => a - b);
  const pool = normal.length > 0 ? normal : [...scores].sort((a, b) => a - b);
  if (pool.length === 0) return 0;
  const q = normal.length > 0 ? 0.95 : 0.5;
  // score ≥ threshold is flagged: taking the value at index ⌈q·n⌉ flags the top (1 − q) share.
  return pool[Math.min(pool.length - 1, Math.ceil(q * pool.length - 1e-9))]!;
}
