import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TrainLoop, type EpochEndStats, type TrainProgress } from '../../../src/lib/ml/train-loop';
import type { SmoothingState } from '../../../src/lib/math/smoothed-curve';

const COUNT = 640;
const BATCH = 16; // 40 batches an epoch

/**
 * A stand-in model whose batch loss is a smooth, falling function of the batch number (and its
 * accuracy a rising one), so the curve's shape is known exactly; batches are tiny placeholders.
 */
function scripted(startBatch = 0) {
  let t = startBatch;
  const model = {
    trainOnBatch: async () => {
      const loss = 0.3 + 2 / (1 + t / 30);
      const accuracy = 1 - loss / 3;
      t += 1;
      return [loss, accuracy];
    },
  } as unknown as tf.LayersModel;
  const data = { xs: tf.zeros([1, 28, 28, 1]) as tf.Tensor4D, labels: tf.zeros([COUNT], 'int32') as tf.Tensor1D };
  return { model, data, makeBatch: () => ({ x: tf.zeros([1]), y: tf.zeros([1]) }) };
}

async function run(epochs: number, options: { startEpoch?: number; startSmoothing?: SmoothingState } = {}) {
  const { model, data, makeBatch } = scripted((options.startEpoch ?? 0) * (COUNT / BATCH));
  const reports: TrainProgress[] = [];
  const ends: EpochEndStats[] = [];
  const loop = new TrainLoop(model, data, {
    epochs, batchSize: BATCH, seed: 1, yieldIntervalMs: 1000, makeBatch, ...options,
    onProgress: (p) => reports.push(p),
    onEpochEnd: (_, stats) => void ends.push(stats),
  });
  await loop.run();
  data.xs.dispose();
  data.labels.dispose();
  return { reports, ends };
}

describe('the training loop reports a curve that carries across epochs', () => {
  it('has no drop at an epoch boundary when the batch loss falls smoothly (the running mean has one)', async () => {
    const { reports } = await run(3);
    expect(reports).toHaveLength(120);
    for (const boundary of [40, 80]) {
      const [before2, before, after] = [reports[boundary - 2]!, reports[boundary - 1]!, reports[boundary]!];
      expect(after.epoch).toBe(before.epoch + 1);
      // The running mean restarts: a cliff many times an ordinary step.
      expect(before.loss - after.loss).toBeGreaterThan(0.05);
      // The smoothed loss takes an ordinary step, no larger than the one before it.
      const step = before.smoothedLoss - after.smoothedLoss;
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(before2.smoothedLoss - before.smoothedLoss);
      const accStep = after.smoothedMetrics['accuracy']! - before.smoothedMetrics['accuracy']!;
      expect(accStep).toBeGreaterThan(0);
      expect(accStep).toBeLessThanOrEqual(before.smoothedMetrics['accuracy']! - before2.smoothedMetrics['accuracy']!);
    }
    // The first point is the first batch's own loss (bias-corrected, not dragged towards 0).
    expect(reports[0]!.smoothedLoss).toBeCloseTo(2.3, 12);
  });

  it('a run continued from a checkpoint draws the very same curve as one that never stopped', async () => {
    const whole = await run(3);
    const first = await run(1);
    const state = JSON.parse(JSON.stringify(first.ends[0]!.smoothing)) as SmoothingState; // as stored
    const continued = await run(3, { startEpoch: 1, startSmoothing: state });
    expect(continued.reports).toHaveLength(80);
    continued.reports.forEach((p, i) => {
      expect(p.smoothedLoss).toBeCloseTo(whole.reports[i + 40]!.smoothedLoss, 12);
      expect(p.smoothedMetrics['accuracy']).toBeCloseTo(whole.reports[i + 40]!.smoothedMetrics['accuracy']!, 12);
    });
    // Without the stored state the average restarts: the first point jumps to that batch's raw loss.
    const fresh = await run(3, { startEpoch: 1 });
    expect(fresh.reports[0]!.smoothedLoss).toBeCloseTo(0.3 + 2 / (1 + 40 / 30), 12);
    expect(Math.abs(fresh.reports[0]!.smoothedLoss - whole.reports[40]!.smoothedLoss)).toBeGreaterThan(0.01);
  });
});
