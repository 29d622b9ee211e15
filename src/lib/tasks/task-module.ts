/**
 * What a task module gives the generic runtime. A *task* is a kind of training run (classifier,
 * autoencoder, denoiser, anomaly detector, VAE, …); everything specific to it lives in
 * src/lib/tasks/<task>/ and the worker's handler, TrainLoop and model store only call these
 * functions. Its payload and record schemas are in the task's tfjs-free `schema.ts`; this file is
 * the tfjs half (models, batches, steps, evaluation).
 *
 * The handler's flow, for orientation:
 *   load data → prepareData (optional) → build / prepare → TrainLoop(makeBatches, step)
 *     → validate after each epoch → test → record
 */
import type * as tf from '@tensorflow/tfjs';
import type { WorkKind } from '../ml/backends';
import type { ModelStore } from '../ml/model-store';
import type { RowsStore } from './features/rows-store';
import type { BatchMaker, TrainStep, TrainingTensors } from '../ml/train-loop';
import type { DataSource, StartPayload, TaskName, TestSummary } from './schema';
import type { TaskRecordPart } from './record';

/** A model ready to train: the weights that are saved, its optimizer, and the step that trains it. */
export interface Trainable {
  /** Saved to and loaded from the model store as one artifact; disposed with the run. */
  model: tf.LayersModel;
  /** Owns the state a checkpoint saves (Adam's moments): the runtime saves and restores it. */
  optimizer: tf.Optimizer;
  /** One optimisation step; returns [loss, ...metricNames]. */
  step: TrainStep;
  /** Per-batch figures besides the loss, averaged per epoch and drawn as curves, e.g. ['accuracy'] or ['reconstruction', 'kl']. */
  metricNames: string[];
  /** Frees what build/prepare made beyond `model` and `optimizer` (sub-models sharing its layers need nothing). */
  dispose?: () => void;
}

/** Loads more test data (the anomaly stream needs the other data set): the caller disposes the tensors. */
export type LoadData = (source: DataSource) => Promise<TrainingTensors>;

/** Validation figures after an epoch: the loss, and whatever else the task measures (accuracy, KL). */
export interface ValidationFigures {
  valLoss: number;
  valAccuracy?: number;
}

export interface TestOutcome<P extends TaskRecordPart = TaskRecordPart> {
  /** Sent to the page in the 'done' event. */
  summary: TestSummary;
  /** The task's part of the stored record. */
  record: P;
}

/** A run's data: training examples, and the validation and test sets where the payload asks for them. */
export interface DataSets {
  train: TrainingTensors;
  validation: TrainingTensors | null;
  test: TrainingTensors | null;
}

export interface PrepareTools {
  store: ModelStore | undefined;
  /** Where computed feature rows are kept across visits (IndexedDB in the worker), if anywhere. */
  rows?: RowsStore;
  /** Reports a slow step to the page, e.g. ('Computing features of the test images', 2048, 10000). */
  progress(stage: string, done: number, total: number): void;
}

export interface TaskModule<T extends TaskName = TaskName> {
  task: T;
  /** Which measured backend choice applies (dense or conv training). */
  workKind(p: Extract<StartPayload, { task: T }>): WorkKind;
  /**
   * Runs once the data is loaded, before the model is built: turns the images into what the model
   * learns from (a frozen network's features) and completes the payload with what that found (the
   * features' width). Returns new tensors; the caller disposes the sets it passed in.
   */
  prepareData?(p: Extract<StartPayload, { task: T }>, sets: DataSets, tools: PrepareTools): Promise<{ payload: Extract<StartPayload, { task: T }>; sets: DataSets }>;
  /** Fresh weights from the payload's seed, with a fresh optimizer at the payload's learning rate. */
  build(p: Extract<StartPayload, { task: T }>): Trainable;
  /** Shipped or stored weights made trainable (compiled, optimizer made) the way build() would. */
  prepare(p: Extract<StartPayload, { task: T }>, model: tf.LayersModel): Trainable;
  /** Inputs and targets per batch, from the training tensors. */
  makeBatches(p: Extract<StartPayload, { task: T }>, data: TrainingTensors): BatchMaker;
  validate(p: Extract<StartPayload, { task: T }>, trained: Trainable, data: TrainingTensors): Promise<ValidationFigures>;
  test(p: Extract<StartPayload, { task: T }>, trained: Trainable, data: TrainingTensors, load: LoadData): Promise<TestOutcome<Extract<TaskRecordPart, { task: T }>>>;
  /** The task's record part before any test (a checkpoint's): figures NaN, settings from the payload. */
  untestedRecord(p: Extract<StartPayload, { task: T }>): Extract<TaskRecordPart, { task: T }>;
  /**
   * Record fields read from shipped weights' metadata (model.json's userDefinedMetadata), which
   * describe how they were trained (hidden units, code size) where the cell's settings may differ.
   */
  shippedFields?(meta: Record<string, unknown>): Partial<Extract<TaskRecordPart, { task: T }>>;
}
