/**
 * The task-specific parts of a training run in the worker: how a batch is made, how the model is
 * validated and tested, and what is stored. Classifiers learn labels; autoencoders learn their
 * input back (a denoiser: the clean image from a corrupted one).
 */
import * as tf from '@tensorflow/tfjs';
import { MODELS, type Task } from '../ml/models';
import { buildModel, compileFor } from '../ml/models-classification';
import { evaluateClassifier, quantiseProbabilities } from '../ml/evaluate';
import { batchNoise, corruptBatch, evaluateReconstruction } from '../ml/evaluate-reconstruction';
import { restoreOptimizerState } from '../ml/optimizer-state';
import { classificationBatches, type BatchMaker, type TrainingTensors } from '../ml/train-loop';
import type { ModelRecord, ModelStore } from '../ml/model-store';
import type { BackendName } from '../ml/backends';
import type { DataSource, DonePayload, StartPayload } from './protocol';
import { scoreAnomalyStream } from './anomaly-stream';
import { isSmoothingState, type SmoothingState } from '../math/smoothed-curve';

/** Test images kept per autoencoder record for the lessons' galleries and code scatter. */
export const KEPT_RECONSTRUCTIONS = 1000;

export const taskOf = (p: Pick<StartPayload, 'model'>): Task => MODELS[p.model].task;

export const disposeTensors = (t: TrainingTensors | null): void => {
  t?.xs.dispose();
  t?.labels.dispose();
};

/** Splits off the last `count` examples: [0, n − count) for training, the rest for validation. */
export function splitOff(t: TrainingTensors, count: number): { train: TrainingTensors; validation: TrainingTensors } {
  const n = t.labels.shape[0];
  const keep = n - count;
  if (keep < 1) throw new Error(`Cannot hold out ${count} validation examples from ${n}`);
  return tf.tidy(() => ({
    train: { xs: t.xs.slice([0, 0, 0, 0], [keep, -1, -1, -1]), labels: t.labels.slice([0], [keep]) },
    validation: { xs: t.xs.slice([keep, 0, 0, 0], [count, -1, -1, -1]), labels: t.labels.slice([keep], [count]) },
  }));
}

/** Fresh seeded weights, shipped weights, or a stored model (a checkpoint brings its optimizer state). */
export async function initialModel(p: StartPayload, store: ModelStore | undefined): Promise<tf.LayersModel> {
  const from = p.initialWeights;
  if (!from) return buildModel(p.model, p.seed, p.hyper, p.options ?? {});
  let model: tf.LayersModel;
  let record: ModelRecord | undefined;
  if (from.kind === 'url') model = await tf.loadLayersModel(from.url);
  else {
    const stored = await store?.load(from.key);
    if (!stored) throw new Error(`No stored model called ${from.key}`);
    ({ model, record } = stored);
  }
  compileFor(p.model, model, p.hyper.learningRate);
  if (record?.optimizerState && p.startEpoch !== undefined) await restoreOptimizerState(model.optimizer, record.optimizerState);
  return model;
}

/** A continued checkpoint's smoothed-curve state where it stopped (null for a fresh run or an older checkpoint without one). */
export async function resumedSmoothing(p: StartPayload, store: ModelStore | undefined): Promise<SmoothingState | null> {
  if (p.initialWeights?.kind !== 'store' || p.startEpoch === undefined) return null;
  try {
    const record = await store?.get(p.initialWeights.key);
    const state = record?.history.find((e) => e.epoch === p.startEpoch)?.smoothing;
    return isSmoothingState(state) ? state : null;
  } catch {
    return null; // the curve restarts its average; the run itself is unaffected
  }
}

/** Batches for the run's task: x = y = images for an autoencoder, x corrupted for a denoiser. */
// #region batch-maker
export function batchMakerFor(p: StartPayload, data: TrainingTensors): BatchMaker {
  if (taskOf(p) === 'classify') return classificationBatches(data);
  const noise = p.corruption && p.corruption.kind !== 'none' ? p.corruption : null;
  return async (indices, epoch, batch) => {
    const clean = tf.tidy(() => tf.gather(data.xs, tf.tensor1d(indices, 'int32')));
    if (!noise) return { x: clean, y: clean };
    return { x: await corruptBatch(clean, noise, batchNoise(p.seed, epoch, batch)), y: clean };
  };
}
// #endregion

/** Validation loss (and accuracy, for a classifier) after an epoch. */
export async function validate(p: StartPayload, model: tf.LayersModel, validation: TrainingTensors): Promise<{ valLoss: number; valAccuracy?: number }> {
  if (taskOf(p) === 'classify') {
    const v = await evaluateClassifier(model, validation);
    return { valLoss: v.loss, valAccuracy: v.accuracy };
  }
  const v = await evaluateReconstruction(model, validation, { ...(p.corruption ? { corruption: p.corruption } : {}), seed: p.seed });
  return { valLoss: v.mse };
}

/** What the record says about the run, apart from the test results. */
export function recordBase(p: StartPayload, fields: {
  trainExamples: number; epochs: number; backend: BackendName; trainAccuracy: number; history: ModelRecord['history']; seed?: number;
  source?: ModelRecord['source']; hiddenUnits?: number;
}): ModelRecord {
  const hiddenUnits = fields.hiddenUnits ?? p.options?.hiddenUnits;
  const task = taskOf(p);
  return {
    key: p.saveKey ?? p.checkpointKey ?? 'unsaved', model: p.model, source: fields.source ?? (p.initialWeights?.kind === 'url' ? 'pretrained' : 'trained'),
    dataset: p.data.kind === 'dataset' ? p.data.dataset : 'fashion-mnist',
    trainExamples: fields.trainExamples, epochs: fields.epochs, hyper: p.hyper, seed: fields.seed ?? p.seed,
    ...(hiddenUnits !== undefined && task === 'classify' ? { hiddenUnits } : {}),
    ...(task === 'reconstruct' ? { task, bottleneck: p.options?.bottleneck ?? 0, ...(p.corruption ? { corruption: p.corruption } : {}) } : {}),
    backend: fields.backend, testAccuracy: NaN, testLoss: NaN, testExamples: 0, trainAccuracy: fields.trainAccuracy,
    history: fields.history, savedAt: new Date().toISOString(),
  };
}

/** Tests the model: the payload's summary and the record's test fields (with the anomaly stream's scores when asked). */
export async function testModel(p: StartPayload, model: tf.LayersModel, test: TrainingTensors, load: (source: DataSource) => Promise<TrainingTensors>): Promise<{ summary: NonNullable<DonePayload['test']>; fields: Partial<ModelRecord> }> {
  if (taskOf(p) === 'classify') {
    const e = await evaluateClassifier(model, test);
    return {
      summary: { accuracy: e.accuracy, loss: e.loss, examples: e.labels.length },
      fields: {
        testAccuracy: e.accuracy, testLoss: e.loss, testExamples: e.labels.length,
        predictions: { labels: e.labels, predicted: e.predicted, probabilities: quantiseProbabilities(e.probabilities) },
      },
    };
  }
  const e = await evaluateReconstruction(model, test, { ...(p.corruption ? { corruption: p.corruption } : {}), seed: p.seed, keep: KEPT_RECONSTRUCTIONS });
  const summary = { accuracy: NaN, loss: e.mse, examples: e.count, mse: e.mse, psnr: e.psnr };
  // The code size as measured on the model itself: shipped weights may differ from the cell's setting.
  const fields: Partial<ModelRecord> = { bottleneck: e.kept.codeSize, testLoss: e.mse, testMse: e.mse, testPsnr: e.psnr, testExamples: e.count, reconstructions: e.kept };
  if (p.anomalyTest) {
    const dataset = p.data.kind === 'dataset' ? p.data.dataset : 'mnist';
    const stream = await scoreAnomalyStream(model, dataset, p.anomalyTest, p.seed, load);
    return { summary: { ...summary, auc: stream.auc }, fields: { ...fields, testAuc: stream.auc, anomaly: stream.scores } };
  }
  return { summary, fields };
}

/** Stores the model with its record; the outcome goes into the payload (a failure only loses reuse). */
export async function storeResult(store: ModelStore | undefined, model: tf.LayersModel, record: ModelRecord, payload: DonePayload): Promise<void> {
  if (!store) {
    payload.saveError = 'This browser offers no storage for models (IndexedDB), so the model is not kept.';
    return;
  }
  try {
    await store.save(model, record);
    payload.record = record;
  } catch (error) {
    payload.saveError = `The model could not be stored: ${error instanceof Error ? error.message : String(error)}`;
  }
}
