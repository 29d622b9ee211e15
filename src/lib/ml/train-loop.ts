/**
 * A framework-free training loop: trains a compiled tf.LayersModel batch by batch, with
 * seeded shuffling, yielding to the event loop between batches (so a worker can receive
 * "stop"), stop (the current batch finishes) and resume (from the next batch).
 *
 * The order of epoch e comes from deriveSeed(seed, 'epoch', e), so a stopped-and-resumed
 * run sees exactly the same batches as an uninterrupted one.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, mulberry32, shuffledIndices } from './random';
import { IMAGE_CHANNELS, IMAGE_SIZE, NUM_CLASSES } from './models';
import { curveBeta, smoothBatch, smoothedValues, startSmoothing, type SmoothingState } from '../math/smoothed-curve';

/** Training data as tensors. The caller owns (and disposes) them. */
export interface TrainingTensors {
  /** [count, 28, 28, 1] float32, pixels scaled to [0, 1]; or [count, d] feature rows (lesson 6). */
  xs: tf.Tensor4D | tf.Tensor2D;
  /** [count] int32 class labels 0…9. */
  labels: tf.Tensor1D;
}

/**
 * Raw uint8 images (row-major, count × 28 × 28) and labels → tensors.
 * @returns xs [count, 28, 28, 1] float32 in [0, 1]; labels [count] int32.
 */
export function tensorsFromBytes(images: Uint8Array, labels: Uint8Array): TrainingTensors {
  const count = labels.length;
  if (images.length !== count * IMAGE_SIZE * IMAGE_SIZE * IMAGE_CHANNELS) {
    throw new Error(`Expected ${count} images of 28×28 (${count * 784} bytes), got ${images.length} bytes`);
  }
  return tf.tidy(() => ({
    xs: tf.tensor4d(images, [count, IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS], 'float32').div(255) as tf.Tensor4D,
    labels: tf.tensor1d(labels, 'int32'),
  }));
}

export interface TrainProgress {
  /** 1-based epoch being trained. */
  epoch: number;
  epochs: number;
  /** Batches finished in this epoch (1-based count). */
  batch: number;
  batches: number;
  /** Mean loss over this epoch's batches so far (example-weighted): smoother than batchLoss. */
  loss: number;
  /** Loss of the batch just trained. */
  batchLoss: number;
  /** Mean metrics over this epoch so far, e.g. { accuracy: 0.83 }. */
  metrics: Record<string, number>;
  /** The curve to draw: an average of the recent batches' loss that carries across epochs (math/smoothed-curve.ts). */
  smoothedLoss: number;
  /** The same for each metric, e.g. { accuracy: 0.84 }. */
  smoothedMetrics: Record<string, number>;
  examplesPerSecond: number;
  /** Seconds left at the current speed; 0 when done. */
  etaSeconds: number;
}

export type RunOutcome = 'completed' | 'stopped' | 'time-limit';

export interface TrainResult {
  outcome: RunOutcome;
  /** Where the next batch would start (0-based); equals {epoch: epochs, batch: 0} when completed. */
  next: { epoch: number; batch: number };
  /** Mean loss/metrics of the last epoch trained (complete or partial). */
  loss: number;
  metrics: Record<string, number>;
  examplesSeen: number;
  /** Seconds spent training, summed over all run() calls (pauses excluded). */
  trainingSeconds: number;
  examplesPerSecond: number;
  /** Every batch's loss in order: the run's loss curve. */
  batchLosses: number[];
}

export interface TrainLoopOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Metric names the model was compiled with, in order (default ['accuracy']). */
  metricNames?: string[];
  onProgress?: (progress: TrainProgress) => void;
  /** Stop with outcome 'time-limit' once this much training time has passed (per run() call). */
  timeBudgetMs?: number;
  /** Yield at least this often (ms of work); 0 yields after every batch. Default 16. */
  yieldIntervalMs?: number;
  /** How to yield; default a macrotask (a MessageChannel message, unclamped), which lets queued messages in. */
  yieldToEventLoop?: () => Promise<void>;
  /**
   * Awaited after each finished epoch (1-based) with that epoch's mean loss and metrics, before
   * the next one starts: the place for validation, checkpoints and watchdogs.
   */
  onEpochEnd?: (epoch: number, stats: EpochEndStats) => void | Promise<void>;
  /** Start at this 0-based epoch (continuing a checkpoint): its shuffles are the ones an uninterrupted run would use. */
  startEpoch?: number;
  /** The smoothed curve's state where `startEpoch` begins (a checkpoint's), so the curve goes on without a jump. */
  startSmoothing?: SmoothingState;
  /**
   * Builds one batch's inputs and targets from example indices; the loop disposes both (once, if
   * they are the same tensor). Default: classification, x = images, y = one-hot labels.
   */
  makeBatch?: BatchMaker;
  /**
   * One optimisation step on a batch. Default: the compiled model's trainOnBatch (a Keras loss).
   * A model whose loss is not a Keras loss (a VAE: reconstruction + KL) passes its own
   * optimizer.minimize step; its values are [loss, ...metricNames] in that order.
   */
  step?: TrainStep;
}

/** A finished epoch's mean loss and metrics, and the smoothed curve's state at its end (for a checkpoint). */
export interface EpochEndStats {
  loss: number;
  metrics: Record<string, number>;
  smoothing: SmoothingState;
}

/** (example indices, 0-based epoch, 0-based batch) → the batch's model inputs and targets. */
export type BatchMaker = (indices: Int32Array, epoch: number, batch: number) => Batch | Promise<Batch>;
export interface Batch { x: tf.Tensor; y: tf.Tensor }

/** Where a step is in the run (0-based): a step that draws random numbers (a VAE's ε) seeds them from it, so a resumed run draws the same. */
export interface StepPosition { epoch: number; batch: number }

/** One optimisation step: [loss, ...metrics] as numbers. The loop disposes x and y; the step disposes everything else it makes. */
export type TrainStep = (x: tf.Tensor, y: tf.Tensor, position: StepPosition) => Promise<number[]>;

/** The step of a model compiled with a Keras loss: trainOnBatch, which returns [loss, ...compiled metrics]. */
export function kerasStep(model: tf.LayersModel): TrainStep {
  return async (x, y) => {
    const out = await model.trainOnBatch(x, y);
    return Array.isArray(out) ? out : [out];
  };
}

/** Classification batches: x [n, 28, 28, 1] images, y [n, 10] one-hot labels. */
export function classificationBatches(data: TrainingTensors): BatchMaker {
  return (indices) => tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    return { x: tf.gather(data.xs, idx), y: tf.oneHot(tf.gather(data.labels, idx), NUM_CLASSES) };
  });
}

/**
 * A macrotask without timer clamping: after five nested setTimeout(0)s browsers wait at least
 * 4 ms, which cost the dense network ~15% of its wall-clock speed in the worker (a yield every
 * ~3 batches of ~8 ms; `BENCH_ONLY=cell-vs-fit npm run bench`). A MessageChannel message is a
 * task too, queued behind messages already waiting (a "stop"), so they still get in.
 */
const defaultYield = (): Promise<void> => new Promise((resolve) => {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(resolve, 0);
    return;
  }
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    port1.close();
    resolve();
  };
  port2.postMessage(null);
});

export class TrainLoop {
  private epoch = 0;
  private batch = 0;
  private stopRequested = false;
  private active = false;
  private epochLossSum = 0;
  private epochMetricSums: number[] = [];
  private epochExamples = 0;
  private examplesSeen = 0;
  private trainingMs = 0;
  private smoothing: SmoothingState;
  private readonly beta: number;
  private readonly batchLosses: number[] = [];
  private readonly count: number;
  private readonly batches: number;
  private readonly metricNames: string[];
  private readonly makeBatch: BatchMaker;
  private readonly step: TrainStep;

  constructor(model: tf.LayersModel, data: TrainingTensors, private readonly options: TrainLoopOptions) {
    this.count = data.labels.shape[0];
    if (this.count === 0) throw new Error('No training examples');
    if (!(options.batchSize >= 1) || !(options.epochs >= 1)) throw new Error('batchSize and epochs must be at least 1');
    this.batches = Math.ceil(this.count / options.batchSize);
    this.metricNames = options.metricNames ?? ['accuracy'];
    this.makeBatch = options.makeBatch ?? classificationBatches(data);
    this.step = options.step ?? kerasStep(model);
    this.epoch = Math.max(0, Math.min(options.epochs, options.startEpoch ?? 0));
    this.beta = curveBeta(this.batches);
    this.smoothing = options.startSmoothing ?? startSmoothing(this.metricNames);
  }

  get running(): boolean {
    return this.active;
  }

  get finished(): boolean {
    return this.epoch >= this.options.epochs;
  }

  /** The next batch to train (0-based epoch and batch). */
  get position(): { epoch: number; batch: number } {
    return { epoch: this.epoch, batch: this.batch };
  }

  /** Asks the run to stop after the batch in progress; run() then resolves with outcome 'stopped'. */
  stop(): void {
    if (this.active) this.stopRequested = true;
  }

  /** Trains from the current position until done, stopped or out of time. Call again to resume. */
  async run(): Promise<TrainResult> {
    if (this.active) throw new Error('This training loop is already running');
    this.active = true;
    this.stopRequested = false;
    const { epochs, batchSize, seed } = this.options;
    const yieldNow = this.options.yieldToEventLoop ?? defaultYield;
    const yieldInterval = this.options.yieldIntervalMs ?? 16;
    const budget = this.options.timeBudgetMs ?? Infinity;
    let runMs = 0;
    let lastYield = performance.now();
    let outcome: RunOutcome = 'completed';
    try {
      while (this.epoch < epochs) {
        const order = shuffledIndices(this.count, mulberry32(deriveSeed(seed, 'epoch', this.epoch)));
        while (this.batch < this.batches) {
          const started = performance.now();
          const indices = order.subarray(this.batch * batchSize, Math.min(this.count, (this.batch + 1) * batchSize));
          const { x, y } = await this.makeBatch(indices, this.epoch, this.batch);
          let values: number[];
          try {
            values = await this.step(x, y, { epoch: this.epoch, batch: this.batch });
          } finally {
            x.dispose();
            if (y !== x) y.dispose();
          }
          const n = indices.length;
          const loss = values[0] ?? NaN;
          this.batchLosses.push(loss);
          this.epochLossSum += loss * n;
          this.metricNames.forEach((_, i) => {
            this.epochMetricSums[i] = (this.epochMetricSums[i] ?? 0) + (values[i + 1] ?? NaN) * n;
          });
          const batchMetrics = Object.fromEntries(this.metricNames.map((name, i) => [name, values[i + 1] ?? NaN]));
          this.smoothing = smoothBatch(this.smoothing, loss, batchMetrics, this.beta);
          this.epochExamples += n;
          this.examplesSeen += n;
          this.batch += 1;
          const elapsed = performance.now() - started;
          runMs += elapsed;
          this.trainingMs += elapsed;
          this.options.onProgress?.(this.progress(loss));
          if (this.batch < this.batches || this.epoch + 1 < epochs) {
            if (performance.now() - lastYield >= yieldInterval) {
              await yieldNow();
              lastYield = performance.now();
            }
          }
          if (this.stopRequested) {
            outcome = 'stopped';
            break;
          }
          if (runMs >= budget) {
            outcome = 'time-limit';
            break;
          }
        }
        if (this.batch >= this.batches) {
          const stats = { loss: this.epochLossSum / this.epochExamples, metrics: this.meanMetrics(), smoothing: this.smoothing };
          this.epoch += 1;
          this.batch = 0;
          if (this.epoch < epochs) this.resetEpochSums();
          await this.options.onEpochEnd?.(this.epoch, stats);
        }
        if (outcome !== 'completed') break;
      }
    } finally {
      this.active = false;
      this.stopRequested = false;
    }
    return this.result(outcome);
  }

  private resetEpochSums(): void {
    this.epochLossSum = 0;
    this.epochMetricSums = [];
    this.epochExamples = 0;
  }

  private meanMetrics(): Record<string, number> {
    return Object.fromEntries(this.metricNames.map((name, i) => [name, (this.epochMetricSums[i] ?? NaN) / this.epochExamples]));
  }

  private speed(): number {
    return this.trainingMs > 0 ? (this.examplesSeen / this.trainingMs) * 1000 : 0;
  }

  private progress(batchLoss: number): TrainProgress {
    const remaining = (this.options.epochs - this.epoch) * this.count - this.epochExamples;
    const speed = this.speed();
    const smoothed = smoothedValues(this.smoothing);
    return {
      epoch: this.epoch + 1,
      epochs: this.options.epochs,
      batch: this.batch,
      batches: this.batches,
      loss: this.epochLossSum / this.epochExamples,
      batchLoss,
      metrics: this.meanMetrics(),
      smoothedLoss: smoothed.loss,
      smoothedMetrics: smoothed.metrics,
      examplesPerSecond: speed,
      etaSeconds: speed > 0 ? Math.max(0, remaining) / speed : 0,
    };
  }

  private result(outcome: RunOutcome): TrainResult {
    return {
      outcome,
      next: this.position,
      loss: this.epochExamples ? this.epochLossSum / this.epochExamples : NaN,
      metrics: this.epochExamples ? this.meanMetrics() : {},
      examplesSeen: this.examplesSeen,
      trainingSeconds: this.trainingMs / 1000,
      examplesPerSecond: this.speed(),
      batchLosses: [...this.batchLosses],
    };
  }
}
