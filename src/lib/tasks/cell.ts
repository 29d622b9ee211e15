/**
 * What a training cell needs to know about a task (tfjs-free): which extra controls it offers,
 * the task's own request fields, the settings a stored record of it ran with, its figures for the
 * run log and the charts it draws. The cell (src/widgets/training-cell/) is generic and looks the
 * task up in cells.ts; each task's description is `cell.ts` in its folder.
 */
import type { CorruptionSpec } from '../math/corruption';
import type { ModelName } from '../ml/model-info';
import type { RunSummary } from '../ml/run-log';
import type { RecordOf } from './record';
import type { AnomalyTest, StartRequest, TaskName } from './schema';
import type { FeatureLayer } from './features/schema';

export type CellDataset = 'fashion-mnist' | 'mnist';
export type NoiseKind = Exclude<CorruptionSpec['kind'], 'none'>;

/** The reader's settings in a training cell (every task's; each task reads its own). */
export interface CellSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  trainSize: number;
  /** Dense classifier only. */
  hiddenUnits: number;
  /** Autoencoders only: numbers in the code. */
  bottleneck: number;
  /** The data set trained and tested on (a choice only where the cell offers several). */
  dataset: CellDataset;
  /** VAEs: numbers in the latent code, and the weight β of the KL term. */
  latent: number;
  beta: number;
  /** Denoisers: the kind of corruption and its strength (σ, rate or fraction, 0…1). */
  noiseKind: NoiseKind;
  noiseLevel: number;
  /** Lesson 6: what the regression learns from, and how many labelled images of each class it gets. */
  features: FeatureLayer;
  labelsPerClass: number;
  /** Lesson 10: how much smaller the super-resolution input is (2 or 4). */
  scale: 2 | 4;
  seed: number;
}

/** The cell's props a task reads: its model, and what makes it a denoiser or a detector. */
export interface CellProps {
  model: ModelName;
  corruption?: CorruptionSpec;
  anomalyTest?: AnomalyTest;
}

/** Controls a task adds to the common ones (data set, images, epochs, batch, learning rate, seed). */
export type TaskControl = 'noise' | 'bottleneck' | 'latent' | 'beta' | 'hiddenUnits' | 'features' | 'labelsPerClass' | 'scale';

/** A curve the worker reports: the loss and accuracy with validation points, or one term of the loss. */
export type CurveKey = 'loss' | 'accuracy' | 'reconstruction' | 'kl';

export interface ChartSpec {
  title: string;
  curve: CurveKey;
  /** What the curve is called in its legend ("loss", "Reconstruction"). */
  name: string;
  yLabel: string;
  yRange: [number | undefined, number | undefined];
  format: (v: number) => string;
}

type Request<T extends TaskName> = Extract<StartRequest, { task: T }>;
/** Fields every request has, whatever the task (data, hyper-parameters, keys). */
export type CommonRequestKey = Exclude<keyof StartRequest, 'task' | 'model'>;
/** The fields of a request that are the task's own: its name, model and options. */
export type TaskFields<T extends TaskName> = Omit<Request<T>, CommonRequestKey>;

export interface TaskCell<T extends TaskName> {
  /** Extra controls, in the order the cell shows them. */
  controls(model: ModelName): readonly TaskControl[];
  /** The task's own request fields from the reader's settings. */
  request(props: CellProps, s: CellSettings): TaskFields<T>;
  /** The task's settings a stored record (a checkpoint, loaded weights) ran with. */
  settingsOf(record: RecordOf<T>): Partial<CellSettings>;
  /** Run-log fields for a run with these settings (code size, noise). */
  runFields(s: CellSettings): Partial<RunSummary>;
  /** Run-log figures only a stored record has (a VAE's test terms); {} for most tasks. */
  recordFigures(record: RecordOf<T>): Partial<RunSummary>;
  /** A sentence the result adds about a stored run (which network computed a features run's inputs). */
  resultNote?(record: RecordOf<T>): string;
  /** Settings the islands after the cell follow (the network diagram's code size). */
  announced(s: CellSettings): { bottleneck?: number; features?: FeatureLayer };
  charts: readonly ChartSpec[];
  /**
   * Images one epoch trains on, where that is not the Training images setting (n labelled images
   * of each class). Such a cell keeps its loaded set whole: the speed probe does not shrink it.
   */
  trainingExamples?(s: CellSettings): number;
  /** Training images held out for the validation curve, where the cell's usual number is too many. */
  validationCount?: number;
}
