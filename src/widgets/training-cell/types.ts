/** Types shared by the training cell's state and parts. */
import type { ModelName } from '../../lib/ml/model-info';
import type { CellDataset, CellSettings } from './settings';
import type { CorruptionSpec } from '../../lib/math/corruption';
import type { AnomalyTest } from '../../lib/workers/protocol';
import type { RunningMeanPoint } from '../../lib/math/smoothed-curve';

/** A reference run shipped next to the pretrained weights (scripts/pretrain-*.ts writes it). */
export interface ReferenceRun {
  settings: CellSettings;
  backend: string;
  /** Training images the run used (older files: see settings.trainSize). */
  trainExamples?: number;
  testAccuracy: number;
  /** Autoencoders: the reference run's test PSNR (dB). */
  testPsnr?: number;
  /**
   * Per-epoch running means (the loss and accuracy of the epoch so far), about 8 an epoch, as the
   * pretraining scripts record them; the cell smooths them like the reader's curve (curves.ts).
   */
  curve: RunningMeanPoint[];
  epochs: Array<{ epoch: number; loss: number; accuracy: number | null; valLoss?: number; valAccuracy?: number }>;
  /** VAEs: running means of each loss term, drawn like `curve` (its `loss` is the term). */
  terms?: { reconstruction: RunningMeanPoint[]; kl: RunningMeanPoint[] };
  /** VAEs: the reference run's test figures per image (nats). */
  testReconstruction?: number;
  testKl?: number;
}

export interface Estimate {
  backend: string;
  examplesPerSecond: number;
}

export type CellStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'evaluating' | 'done' | 'error';

/** A point of a training curve as drawn: smoothed loss and accuracy. */
export interface CurvePoint {
  /** Epochs done, fractional (1.5 = half-way through epoch 2). */
  x: number;
  loss: number;
  /** NaN for autoencoders. */
  accuracy: number;
  /** VAEs: the smoothed loss terms (NaN for other tasks). */
  reconstruction: number;
  kl: number;
}

export interface CellOptions {
  model: ModelName;
  dataset: CellDataset;
  /** Data sets the reader may choose between (the first is `dataset` unless defaults say otherwise). */
  datasets?: CellDataset[];
  /** Denoisers: the corruption the inputs get while training and testing. */
  corruption?: CorruptionSpec;
  /** Anomaly detection: after testing, score this mixed stream (see StartPayload.anomalyTest). */
  anomalyTest?: AnomalyTest;
  storeKey: string;
  baseUrl: string;
  defaults?: Partial<CellSettings>;
  /** Folder of shipped weights + reference.json, relative to the site root, e.g. "models/dense-fashion". */
  pretrained?: string;
}
