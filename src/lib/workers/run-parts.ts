/**
 * The generic parts of a run in the worker, whatever its task: data in, weights in, what every
 * record says, storing. The task-specific parts are the task modules (src/lib/tasks/).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../ml/backends';
import { restoreOptimizerState } from '../ml/optimizer-state';
import type { ModelStore } from '../ml/model-store';
import type { TrainingTensors } from '../ml/train-loop';
import { isSmoothingState, type SmoothingState } from '../math/smoothed-curve';
import type { ModelRecord, TaskRecordPart } from '../tasks/record';
import type { DataSets, PrepareTools, Trainable } from '../tasks/task-module';
import { taskModule } from '../tasks/registry';
import type { DataSource, DonePayload, StartPayload, TestSummary } from './protocol';

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

/**
 * A run's data: the training examples (the validation set split off their end), the test set, and
 * what the task's prepareData makes of them (a frozen network's features), with the payload it
 * completes. Frees whatever it made when a step fails.
 */
export async function loadRunData(p: StartPayload, load: (source: DataSource, seed: number) => Promise<TrainingTensors>, tools: PrepareTools): Promise<{ payload: StartPayload; sets: DataSets }> {
  const sets: DataSets = { train: null as unknown as TrainingTensors, validation: null, test: null };
  try {
    const validationCount = p.validationCount ?? 0;
    const source = p.data.kind === 'dataset' && validationCount > 0 ? { ...p.data, limit: p.data.limit + validationCount } : p.data;
    sets.train = await load(source, p.seed);
    if (validationCount > 0) {
      const parts = splitOff(sets.train, validationCount);
      disposeTensors(sets.train);
      ({ train: sets.train, validation: sets.validation } = parts);
    }
    if (p.test) sets.test = await load(p.test, p.seed + 1);
    const prepareData = taskModule(p.task).prepareData;
    if (!prepareData) return { payload: p, sets };
    const prepared = await prepareData(p as never, sets, tools);
    [sets.train, sets.validation, sets.test].forEach(disposeTensors);
    return prepared as { payload: StartPayload; sets: DataSets };
  } catch (error) {
    [sets.train, sets.validation, sets.test].forEach(disposeTensors);
    throw error;
  }
}

/** Disposes a trainable model: weights, optimizer state, and whatever the task made beside them. */
export function disposeTrainable(t: Trainable): void {
  t.dispose?.();
  t.model.dispose();
  t.optimizer.dispose();
}

/**
 * The run's model: fresh seeded weights, shipped weights, or a stored model (a checkpoint brings
 * its optimizer state). Frees what it loaded if making it trainable fails.
 */
export async function initialTrainable(p: StartPayload, store: ModelStore | undefined): Promise<{ trainable: Trainable; meta: Record<string, unknown> }> {
  const task = taskModule(p.task);
  const from = p.initialWeights;
  if (!from) return { trainable: task.build(p as never), meta: {} };
  let model: tf.LayersModel;
  let record: ModelRecord | undefined;
  if (from.kind === 'url') model = await tf.loadLayersModel(from.url);
  else {
    const stored = await store?.load(from.key);
    if (!stored) throw new Error(`No stored model called ${from.key}`);
    ({ model, record } = stored);
  }
  let trainable: Trainable;
  try {
    trainable = task.prepare(p as never, model);
  } catch (error) {
    model.dispose();
    throw error;
  }
  try {
    if (record?.optimizerState && p.startEpoch !== undefined) await restoreOptimizerState(trainable.optimizer, record.optimizerState);
  } catch (error) {
    disposeTrainable(trainable);
    throw error;
  }
  return { trainable, meta: (model.getUserDefinedMetadata() ?? {}) as Record<string, unknown> };
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

/** What every record says about the run, whatever the task. */
export interface CommonFields {
  trainExamples: number;
  epochs: number;
  backend: BackendName;
  trainAccuracy: number;
  history: ModelRecord['history'];
  seed?: number;
}

/** The record: the run's common fields, the test summary's figures, and the task's own part. */
export function makeRecord(p: StartPayload, key: string, fields: CommonFields, test: TestSummary | null, part: TaskRecordPart): ModelRecord {
  return {
    key, source: p.initialWeights?.kind === 'url' ? 'pretrained' : 'trained',
    dataset: p.data.kind === 'dataset' ? p.data.dataset : 'fashion-mnist',
    trainExamples: fields.trainExamples, epochs: fields.epochs, hyper: p.hyper, seed: fields.seed ?? p.seed,
    backend: fields.backend, trainAccuracy: fields.trainAccuracy, history: fields.history,
    testAccuracy: test?.accuracy ?? NaN, testLoss: test?.loss ?? NaN, testExamples: test?.examples ?? 0,
    savedAt: new Date().toISOString(),
    ...part,
  } as ModelRecord;
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

/** Shipped weights, not trained: evaluated on the test data and stored with the settings recorded in model.json. */
export async function evaluateShipped(p: StartPayload, backend: BackendName, load: (source: DataSource) => Promise<TrainingTensors>, store: ModelStore | undefined): Promise<DonePayload> {
  const started = performance.now();
  const task = taskModule(p.task);
  const test = await load(p.test!);
  let trainable: Trainable | null = null;
  try {
    const initial = await initialTrainable(p, store);
    trainable = initial.trainable;
    const { summary, record: part } = await task.test(p as never, trainable, test, load);
    const payload: DonePayload = {
      outcome: 'completed', backend, loss: summary.loss, metrics: Number.isFinite(summary.accuracy) ? { accuracy: summary.accuracy } : {}, examplesSeen: 0, examplesPerSecond: 0,
      batchLosses: [], timings: { dataMs: 0, setupMs: performance.now() - started, trainMs: 0 }, test: summary,
    };
    if (p.saveKey) {
      const meta = initial.meta as { trainExamples?: number; epochs?: number; seed?: number };
      const fields = { trainExamples: meta.trainExamples ?? 0, epochs: meta.epochs ?? 0, backend, trainAccuracy: NaN, history: [], seed: meta.seed ?? p.seed };
      const record = makeRecord(p, p.saveKey, fields, summary, { ...part, ...task.shippedFields?.(initial.meta) } as TaskRecordPart);
      await storeResult(store, trainable.model, record, payload);
    }
    return payload;
  } finally {
    if (trainable) disposeTrainable(trainable);
    disposeTensors(test);
  }
}
