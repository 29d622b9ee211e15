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
import type { Trainable } from '../tasks/task-module';
import { taskModule } from '../tasks/registry';
import type { DonePayload, StartPayload, TestSummary } from './protocol';

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
