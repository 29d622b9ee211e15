/**
 * The points the cell's charts draw for training: the reader's smoothed curve (the worker sends
 * it, see lib/math/smoothed-curve.ts), the part a continued checkpoint already trained, and the
 * reference run's curve, smoothed the same way from the running means reference.json stores.
 * Framework-free.
 */
import { emaValue, smoothRunningMeans, type Ema } from '../../lib/math/smoothed-curve';
import type { EpochPayload, ProgressPayload } from '../../lib/workers/protocol';
import type { CurvePoint, ReferenceRun } from './types';

/** The point a progress message adds: smoothed loss and accuracy at its fractional epoch. */
export function progressPoint(p: ProgressPayload): CurvePoint {
  const m = p.smoothedMetrics;
  return { x: p.epoch - 1 + p.batch / p.batches, loss: p.smoothedLoss, accuracy: m['accuracy'] ?? NaN, reconstruction: m['reconstruction'] ?? NaN, kl: m['kl'] ?? NaN };
}

/**
 * A continued checkpoint's finished epochs as curve points, one per epoch end, from the smoothed
 * state each stored: the line then runs on from where the run stopped, without a gap or a jump.
 * Checkpoints from before smoothing have no state and give no points.
 */
export function resumedCurve(done: readonly EpochPayload[]): CurvePoint[] {
  const metric = (m: Record<string, Ema>, name: string) => (m[name] ? emaValue(m[name]) : NaN);
  return done.flatMap((e) => (e.smoothing ? [{
    x: e.epoch, loss: emaValue(e.smoothing.loss), accuracy: metric(e.smoothing.metrics, 'accuracy'),
    reconstruction: metric(e.smoothing.metrics, 'reconstruction'), kl: metric(e.smoothing.metrics, 'kl'),
  }] : []));
}

/** Batches per epoch of the reference run (its training images over its batch size). */
export function referenceBatches(ref: Pick<ReferenceRun, 'settings' | 'trainExamples'>): number {
  return Math.ceil((ref.trainExamples ?? ref.settings.trainSize) / ref.settings.batchSize);
}

/** The reference run's training curve drawn like the reader's: its running means turned into the same moving average. */
export function referenceCurve(ref: ReferenceRun): CurvePoint[] {
  const batches = referenceBatches(ref);
  const term = (points: ReferenceRun['curve'] | undefined) => (points ? smoothRunningMeans(points, batches).map((p) => p.loss) : []);
  const reconstruction = term(ref.terms?.reconstruction);
  const kl = term(ref.terms?.kl);
  // The term curves are sampled at the same batches as the total (the pretraining script writes them together).
  return smoothRunningMeans(ref.curve, batches).map((p, i) => ({ ...p, reconstruction: reconstruction[i] ?? NaN, kl: kl[i] ?? NaN }));
}
