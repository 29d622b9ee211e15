import { describe, expect, it } from 'vitest';
import {
  EMPTY_EMA, curveBeta, emaAdd, emaValue, isSmoothingState, segmentsFromRunningMeans, smoothBatch, smoothRunningMeans, smoothedValues,
  startSmoothing, type RunningMeanPoint,
} from '../../../src/lib/math/smoothed-curve';
import { mulberry32 } from '../../../src/lib/ml/random';

/** Per-epoch running means after every batch, as the training loop reports them (equal batches). */
function runningMeans(losses: readonly number[], perEpoch: number): number[] {
  const out: number[] = [];
  let sum = 0;
  losses.forEach((loss, i) => {
    if (i % perEpoch === 0) sum = 0;
    sum += loss;
    out.push(sum / ((i % perEpoch) + 1));
  });
  return out;
}

/** Samples a running-mean curve like scripts/pretrain/common.ts: every `step` batches and at each epoch's end, x rounded to 4 decimals. */
function sampled(means: readonly number[], perEpoch: number, step: number, accuracy: readonly number[] | null = null): RunningMeanPoint[] {
  return means.flatMap((loss, i) => {
    const batch = (i % perEpoch) + 1;
    if (batch % step !== 0 && batch !== perEpoch) return [];
    return [{ x: Number((Math.floor(i / perEpoch) + batch / perEpoch).toFixed(4)), loss, accuracy: accuracy ? accuracy[i]! : null }];
  });
}

/** A smooth, convex falling per-batch loss with no noise. */
const smoothLoss = (t: number): number => 0.3 + 2 / (1 + t / 30);

describe('bias-corrected moving average', () => {
  it('draws a constant as that constant from the first batch on (no drag towards 0)', () => {
    let ema = EMPTY_EMA;
    expect(emaValue(ema)).toBeNaN();
    for (let i = 0; i < 50; i++) {
      ema = emaAdd(ema, 0.7, 0.95);
      expect(emaValue(ema)).toBeCloseTo(0.7, 12);
    }
  });

  it('starts at the first value, then weighs recent batches more', () => {
    let ema = emaAdd(EMPTY_EMA, 2, 0.9);
    expect(emaValue(ema)).toBeCloseTo(2, 12);
    ema = emaAdd(ema, 1, 0.9);
    // (0.9·0.1·2 + 0.1·1) / (1 − 0.81)
    expect(emaValue(ema)).toBeCloseTo((0.18 + 0.1) / 0.19, 12);
    expect(emaValue(ema)).toBeLessThan(1.5); // below the plain mean: the newer batch weighs more
  });

  it('adds n equal batches in one step exactly as n single steps', () => {
    let one = emaAdd(EMPTY_EMA, 3, 0.8);
    let many = one;
    for (let i = 0; i < 7; i++) one = emaAdd(one, 1.25, 0.8);
    many = emaAdd(many, 1.25, 0.8, 7);
    expect(many.mean).toBeCloseTo(one.mean, 12);
    expect(many.weight).toBeCloseTo(one.weight, 12);
  });

  it('skips values that are not numbers, so a NaN metric does not blank the curve', () => {
    const ema = emaAdd(EMPTY_EMA, 0.5, 0.9);
    expect(emaAdd(ema, NaN, 0.9)).toEqual(ema);
    expect(emaAdd(ema, Infinity, 0.9)).toEqual(ema);
    const state = smoothBatch(startSmoothing([]), 0.4, { accuracy: NaN }, 0.9);
    expect(smoothedValues(state)).toEqual({ loss: 0.4, metrics: { accuracy: NaN } });
  });

  it('spans a sixteenth of an epoch, from 2 to 20 batches', () => {
    expect(curveBeta(313)).toBeCloseTo(1 - 1 / 19.5625, 12); // lesson 1: 20,000 images, batch 64
    expect(curveBeta(2000)).toBeCloseTo(0.95, 12);
    expect(curveBeta(16)).toBeCloseTo(0.5, 12); // the overfitting cell: 500 images, batch 32
    expect(curveBeta(1)).toBeCloseTo(0.5, 12);
  });

  it('checks a stored state before trusting it', () => {
    const good = smoothBatch(startSmoothing(['accuracy']), 0.5, { accuracy: 0.8 }, 0.9);
    expect(isSmoothingState(good)).toBe(true);
    expect(isSmoothingState(JSON.parse(JSON.stringify(good)))).toBe(true);
    expect(isSmoothingState(null)).toBe(false);
    expect(isSmoothingState({ loss: { mean: 1, weight: 2 }, metrics: {} })).toBe(false);
    expect(isSmoothingState({ loss: { mean: 1, weight: 0.5 }, metrics: { accuracy: 'x' } })).toBe(false);
    expect(isSmoothingState({ loss: { mean: 1, weight: 0.5 } })).toBe(false);
  });
});

describe('reference curves stored as running means', () => {
  const perEpoch = 40;
  const random = mulberry32(7);
  const losses = Array.from({ length: 3 * perEpoch }, (_, t) => smoothLoss(t) + (random() - 0.5) * 0.2);
  const accuracies = Array.from({ length: 3 * perEpoch }, () => random());

  it('recovers the mean of every stretch between two samples exactly', () => {
    const points = sampled(runningMeans(losses, perEpoch), perEpoch, 5, runningMeans(accuracies, perEpoch));
    const segments = segmentsFromRunningMeans(points, perEpoch);
    expect(segments).toHaveLength(3 * 8);
    let from = 0;
    for (const s of segments) {
      const to = Math.round(s.x * perEpoch);
      expect(s.batches).toBe(to - from);
      const mean = (values: readonly number[]): number => values.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
      expect(s.loss).toBeCloseTo(mean(losses), 10);
      expect(s.accuracy).toBeCloseTo(mean(accuracies), 10);
      from = to;
    }
  });

  it('handles uneven stretches, a sample on each epoch end, and autoencoders (no accuracy)', () => {
    const points = sampled(runningMeans(losses, perEpoch), perEpoch, 7);
    const segments = segmentsFromRunningMeans(points, perEpoch);
    // 7, 14, …, 35 and 40 in each epoch: 6 stretches, the last of 5 batches.
    expect(segments.map((s) => s.batches).slice(0, 7)).toEqual([7, 7, 7, 7, 7, 5, 7]);
    expect(segments[5]!.loss).toBeCloseTo(losses.slice(35, 40).reduce((a, b) => a + b, 0) / 5, 10);
    expect(segments[6]!.loss).toBeCloseTo(losses.slice(40, 47).reduce((a, b) => a + b, 0) / 7, 10);
    expect(segments.every((s) => Number.isNaN(s.accuracy))).toBe(true);
  });

  it('skips repeated samples instead of dividing by zero', () => {
    const points: RunningMeanPoint[] = [{ x: 0.5, loss: 1, accuracy: null }, { x: 0.5, loss: 1, accuracy: null }, { x: 1, loss: 0.8, accuracy: null }];
    expect(segmentsFromRunningMeans(points, 10).map((s) => [s.batches, s.loss])).toEqual([[5, 1], [5, expect.closeTo(0.6, 12)]]);
  });

  it('reads the shipped reference files (4-decimal x) as a smooth curve', () => {
    // The first samples of public/models/dense-fashion/reference.json (313 batches an epoch).
    const points: RunningMeanPoint[] = [
      { x: 0.1246, loss: 1.1919, accuracy: 0.5962 }, { x: 0.2492, loss: 0.9634, accuracy: 0.6685 }, { x: 0.3738, loss: 0.863, accuracy: 0.7022 },
    ];
    const segments = segmentsFromRunningMeans(points, 313);
    expect(segments.map((s) => s.batches)).toEqual([39, 39, 39]);
    expect(segments[1]!.loss).toBeCloseTo((0.9634 * 78 - 1.1919 * 39) / 39, 10);
    const curve = smoothRunningMeans(points, 313);
    expect(curve[0]!.loss).toBeCloseTo(1.1919, 10); // the first point is the first stretch's own mean
    expect(curve[2]!.loss).toBeLessThan(curve[1]!.loss);
  });
});

describe('no drop at epoch boundaries for a smoothly falling loss', () => {
  const perEpoch = 100;
  const losses = Array.from({ length: 5 * perEpoch }, (_, t) => smoothLoss(t));

  it('the running mean falls off a cliff at each boundary; the smoothed curve does not', () => {
    const means = runningMeans(losses, perEpoch);
    const beta = curveBeta(perEpoch);
    let state = startSmoothing();
    const smoothed = losses.map((loss) => smoothedValues((state = smoothBatch(state, loss, {}, beta))).loss);
    for (let e = 1; e < 5; e++) {
      const last = e * perEpoch - 1;
      const meanDrop = means[last]! - means[last + 1]!;
      const step = smoothed[last]! - smoothed[last + 1]!;
      const stepBefore = smoothed[last - 1]! - smoothed[last]!;
      // Before: the epoch's mean includes its early, higher losses; the next epoch starts afresh.
      expect(meanDrop).toBeGreaterThan(20 * stepBefore);
      // After: the boundary step is an ordinary step, no larger than the one just before it.
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(stepBefore);
    }
    // Monotone everywhere; it lags the true loss by a few batches: 6% where the loss falls
    // fastest, under 1% in the last epoch.
    smoothed.slice(1).forEach((v, i) => expect(v).toBeLessThan(smoothed[i]!));
    const lag = (from: number): number => Math.max(...smoothed.slice(from).map((v, i) => (v - losses[i + from]!) / losses[i + from]!));
    expect(lag(50)).toBeLessThan(0.06);
    expect(lag(4 * perEpoch)).toBeLessThan(0.01);
  });

  it('the stored reference curve, converted, carries across boundaries too', () => {
    const points = sampled(runningMeans(losses, perEpoch), perEpoch, 12);
    const curve = smoothRunningMeans(points, perEpoch);
    // Drop per batch between consecutive points (stretches are 12 batches, the last of an epoch 4).
    const rates = curve.slice(1).map((p, i) => (curve[i]!.loss - p.loss) / (p.x - curve[i]!.x) / perEpoch);
    expect(rates.every((d) => d > 0)).toBe(true);
    // Across a boundary the curve falls no faster than across the stretch before it (the loss is convex).
    const boundaries = curve.flatMap((_, i) => (i > 1 && Number.isInteger(curve[i - 1]!.x) ? [i] : []));
    expect(boundaries).toHaveLength(4);
    for (const i of boundaries) expect(rates[i - 1]!).toBeLessThanOrEqual(rates[i - 2]! * 1.05);
    // The raw samples do drop off a cliff at the first boundary.
    const raw = points.map((p) => p.loss);
    const boundary = points.findIndex((p) => p.x === 1);
    expect(raw[boundary]! - raw[boundary + 1]!).toBeGreaterThan(0.3);
  });
});
