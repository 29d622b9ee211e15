/** Types shared by the training cell's state and parts. */
import type { ModelName } from '../../lib/ml/models';
import type { CellDataset, CellSettings } from './settings';
import type { CorruptionSpec } from '../../lib/math/corruption';
import type { AnomalyTest } from '../../lib/workers/protocol';

/** A reference run shipped next to the pretrained weights (scripts/pretrain-*.ts writes it). */
export interface ReferenceRun {
  settings: CellSettings;
  backend: string;
  testAccuracy: number;
  /** Autoencoders: the reference run's test PSNR (dB). */
  testPsnr?: number;
  curve: CurvePoint[];
  epochs: Array<{ epoch: number; loss: number; accuracy: number | null; valLoss?: number; valAccuracy?: number }>;
}

export interface Estimate {
  backend: string;
  examplesPerSecond: number;
}

export type CellStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'evaluating' | 'done' | 'error';

export interface CurvePoint {
  /** Epochs done, fractional (1.5 = half-way through epoch 2). */
  x: number;
  loss: number;
  /** NaN for autoencoders (null in a reference.json, as JSON has no NaN). */
  accuracy: number;
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
