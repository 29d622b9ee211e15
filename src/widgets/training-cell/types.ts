/** Types shared by the training cell's state and parts. */
import type { ModelName } from '../../lib/ml/models';
import type { CellSettings } from './settings';

/** A reference run shipped next to the pretrained weights (scripts/pretrain-*.ts writes it). */
export interface ReferenceRun {
  settings: CellSettings;
  backend: string;
  testAccuracy: number;
  curve: CurvePoint[];
  epochs: Array<{ epoch: number; loss: number; accuracy: number; valLoss?: number; valAccuracy?: number }>;
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
  accuracy: number;
}

export interface CellOptions {
  model: ModelName;
  dataset: 'fashion-mnist' | 'mnist';
  storeKey: string;
  baseUrl: string;
  defaults?: Partial<CellSettings>;
  /** Folder of shipped weights + reference.json, relative to the site root, e.g. "models/dense-fashion". */
  pretrained?: string;
}
