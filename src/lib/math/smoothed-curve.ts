/**
 * The training curve the cells draw: an exponential moving average (EMA) of the per-batch loss
 * (and accuracy) that carries across epochs, on an x axis in fractional epochs. It replaces a
 * per-epoch running mean, which restarts at every epoch and so falls off a cliff at each boundary
 * (lesson 1, 20,000 images: 0.20 in one batch at the end of epoch 1), which learners read as an event.
 *
 * The EMA is bias-corrected like Adam's moments: m_t = β·m_{t−1} + (1 − β)·x_t starts at 0, so
 * the value drawn is m_t / (1 − β^t), which makes the first points the plain mean of the batches
 * so far instead of dragging them towards 0. The state (m_t and 1 − β^t) is two plain numbers
 * per series, so a checkpoint stores it and a continued run goes on without a jump.
 *
 * Reference runs (public/models/*\/reference.json) store per-epoch running means, sampled about 8
 * times an epoch. smoothRunningMeans turns those back into the mean of each stretch between two
 * samples (exact arithmetic) and feeds each stretch to the same EMA, as that many batches of its
 * mean, so the grey curve is drawn the way the reader's is. Framework-free.
 */

/** One smoothed series. `mean` is the biased average m_t; `weight` = 1 − β^t, the part of it that is data. */
export interface Ema {
  mean: number;
  weight: number;
}

/** Before any batch. */
export const EMPTY_EMA: Ema = Object.freeze({ mean: 0, weight: 0 });

/** The EMA state of a run's loss and metrics ({ accuracy } for a classifier), as a checkpoint stores it. */
export interface SmoothingState {
  loss: Ema;
  metrics: Record<string, Ema>;
}

/**
 * Adds `steps` batches that all had `value` (one batch by default). A non-finite value (a metric
 * an autoencoder does not have) leaves the state as it is, so one NaN cannot blank the rest of the curve.
 */
export function emaAdd(ema: Ema, value: number, beta: number, steps = 1): Ema {
  if (!Number.isFinite(value) || !(steps > 0)) return ema;
  const keep = beta ** steps;
  return { mean: keep * ema.mean + (1 - keep) * value, weight: keep * ema.weight + (1 - keep) };
}

/** The bias-corrected average m_t / (1 − β^t); NaN before the first value. */
export function emaValue(ema: Ema): number {
  return ema.weight > 0 ? ema.mean / ema.weight : NaN;
}

/**
 * How far back the average reaches: a span of τ batches (β = 1 − 1/τ) leaves σ/√(2τ − 1) of a
 * batch-to-batch noise σ and lags the true curve by about τ batches. Chosen from three real runs
 * (scripts/bench/curve-smoothing-data.ts, Node, WASM; every batch's loss), scoring the root-mean-
 * square distance from a centred local-linear fit after epoch 1, as a share of each curve's range:
 *
 *   run (batches an epoch)          τ = B/16 in [2, 20]   τ = 20 always   τ = B/10 in [1, 20]
 *   lesson 1 dense, 20,000 (313)    19.6: 1.9%            1.9%            20: 1.9%
 *   lesson 1 overfitting, 500 (16)   2.0: 1.9%            4.8%             1.6: 2.3%
 *   lesson 5 autoencoder (157)       9.8: 0.9%            2.0%            15.7: 1.5%
 *
 * The dense run has the most noise (σ ≈ 0.099 on a curve spanning 0.77): τ ≈ 20 leaves 0.016,
 * about 2 px of the chart, and its 1.9% is the fit's own noise; past 20 the noise falls slowly
 * while the lag grows (end of epoch 1: +0.010 at τ = 20, +0.020 at τ = 32). With few batches an
 * epoch the lag matters more: a fixed τ = 20 draws the overfitting run's end of epoch 1 0.41 too
 * high (its loss falls from 2.1 to 0.2 in three epochs), next to the validation point it is read
 * against. A span of at least 2 batches halves the noise of runs with tiny epochs.
 */
export const SPAN_PER_EPOCH = 1 / 16;
export const MIN_SPAN_BATCHES = 2;
export const MAX_SPAN_BATCHES = 20;

/** β for a run with this many batches an epoch: a span of an epoch's sixteenth, kept within 2 to 20 batches. */
export function curveBeta(batchesPerEpoch: number): number {
  const span = Math.max(MIN_SPAN_BATCHES, Math.min(MAX_SPAN_BATCHES, batchesPerEpoch * SPAN_PER_EPOCH));
  return 1 - 1 / span;
}

/** A fresh state for these metrics. */
export function startSmoothing(metricNames: readonly string[] = []): SmoothingState {
  return { loss: EMPTY_EMA, metrics: Object.fromEntries(metricNames.map((name) => [name, EMPTY_EMA])) };
}

/** The state after one batch with this loss and these metrics (metrics the state lacks are added). */
export function smoothBatch(state: SmoothingState, loss: number, metrics: Readonly<Record<string, number>>, beta: number): SmoothingState {
  const next: Record<string, Ema> = { ...state.metrics };
  for (const [name, value] of Object.entries(metrics)) next[name] = emaAdd(state.metrics[name] ?? EMPTY_EMA, value, beta);
  return { loss: emaAdd(state.loss, loss, beta), metrics: next };
}

/** The values to draw: { loss, metrics: { accuracy } }, NaN where nothing arrived yet. */
export function smoothedValues(state: SmoothingState): { loss: number; metrics: Record<string, number> } {
  return { loss: emaValue(state.loss), metrics: Object.fromEntries(Object.entries(state.metrics).map(([name, ema]) => [name, emaValue(ema)])) };
}

const isEma = (v: unknown): v is Ema => {
  if (typeof v !== 'object' || v === null) return false;
  const { mean, weight } = v as Record<string, unknown>;
  return typeof mean === 'number' && Number.isFinite(mean) && typeof weight === 'number' && weight >= 0 && weight <= 1;
};

/** True for a well-formed stored state (a checkpoint from storage is checked, not trusted). */
export function isSmoothingState(v: unknown): v is SmoothingState {
  if (typeof v !== 'object' || v === null) return false;
  const { loss, metrics } = v as Record<string, unknown>;
  return isEma(loss) && typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics) && Object.values(metrics).every(isEma);
}

/** A point of a stored reference curve: the running mean of its epoch so far (accuracy null for autoencoders). */
export interface RunningMeanPoint {
  /** Fractional epochs: epoch − 1 + batch / batches. */
  x: number;
  loss: number;
  accuracy: number | null;
}

/** The stretch of batches between two samples of a running-mean curve, with its own means. */
export interface Segment {
  /** x at the end of the stretch. */
  x: number;
  /** Batches in the stretch. */
  batches: number;
  loss: number;
  accuracy: number;
}

/**
 * The mean of every stretch between consecutive samples of per-epoch running means: a running
 * mean r_b after b batches holds the sum r_b·b, so the stretch from batch a to b has the mean
 * (r_b·b − r_a·a) / (b − a), with a = 0 at the start of an epoch. Exact when batches are equal
 * in size (an epoch's smaller last batch counts as a whole one). `x` is rounded to the nearest
 * batch, as stored curves round it to 4 decimals. Samples that do not move forward are skipped.
 */
export function segmentsFromRunningMeans(points: readonly RunningMeanPoint[], batchesPerEpoch: number): Segment[] {
  const perEpoch = Math.max(1, Math.round(batchesPerEpoch));
  const out: Segment[] = [];
  let last = 0; // absolute batch index of the previous sample
  let prev = { loss: 0, accuracy: 0 };
  for (const p of points) {
    const at = Math.round(p.x * perEpoch);
    if (!(at > last)) continue;
    // The epoch this sample belongs to ends at or after `at`; a sample on a boundary closes its epoch.
    const epochStart = Math.ceil(at / perEpoch - 1) * perEpoch;
    const from = Math.max(last, epochStart);
    const b = at - epochStart;
    const a = from - epochStart;
    const accuracy = p.accuracy ?? NaN;
    const mean = (now: number, before: number): number => (a === 0 ? now : (now * b - before * a) / (b - a));
    out.push({ x: at / perEpoch, batches: at - from, loss: mean(p.loss, prev.loss), accuracy: mean(accuracy, prev.accuracy) });
    last = at;
    prev = { loss: p.loss, accuracy };
  }
  return out;
}

/**
 * A stored running-mean curve drawn like a live one: each stretch's mean enters the EMA as that
 * many batches of the same value. `beta` defaults to what a live run with these batches per epoch uses.
 */
export function smoothRunningMeans(points: readonly RunningMeanPoint[], batchesPerEpoch: number, beta = curveBeta(batchesPerEpoch)): Array<{ x: number; loss: number; accuracy: number }> {
  let loss = EMPTY_EMA;
  let accuracy = EMPTY_EMA;
  return segmentsFromRunningMeans(points, batchesPerEpoch).map((s) => {
    loss = emaAdd(loss, s.loss, beta, s.batches);
    accuracy = emaAdd(accuracy, s.accuracy, beta, s.batches);
    return { x: s.x, loss: emaValue(loss), accuracy: emaValue(accuracy) };
  });
}
