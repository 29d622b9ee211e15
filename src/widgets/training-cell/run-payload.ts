/**
 * What a training cell asks the worker to do, and what it logs afterwards: pure functions of the
 * cell's options and the reader's settings, so the cell's state class stays about state.
 */
import { MODELS } from '../../lib/ml/models';
import type { RunSummary } from '../../lib/ml/run-log';
import type { DonePayload, StartPayload } from '../../lib/workers/protocol';
import { TEST_COUNT, VALIDATION_COUNT, corruptionOf, noiseSettings, type CellSettings } from './settings';
import type { CellOptions } from './types';

export type CellRequest = Omit<StartPayload, 'baseUrl' | 'probe'>;

function modelOptions(options: CellOptions, s: CellSettings): Pick<StartPayload, 'options' | 'corruption' | 'anomalyTest'> {
  if (options.model === 'dense-784-128-10') return { options: { hiddenUnits: s.hiddenUnits } };
  if (MODELS[options.model].task !== 'reconstruct') return {};
  return {
    options: { bottleneck: s.bottleneck },
    ...(options.corruption ? { corruption: corruptionOf(s) } : {}),
    ...(options.anomalyTest ? { anomalyTest: options.anomalyTest } : {}),
  };
}

/** A training run with validation, testing, storing and per-epoch checkpoints. */
export function trainRequest(options: CellOptions, s: CellSettings, checkpointKey: string, extra: Pick<StartPayload, 'initialWeights' | 'startEpoch'>, backend: StartPayload['backend']): CellRequest {
  return {
    model: options.model,
    hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate },
    seed: s.seed,
    backend,
    data: { kind: 'dataset', dataset: s.dataset, split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT,
    test: { kind: 'dataset', dataset: s.dataset, split: 'test', limit: TEST_COUNT },
    saveKey: options.storeKey,
    checkpointKey,
    ...extra,
    ...modelOptions(options, s),
  };
}

/**
 * Shipped weights: evaluated on the test images and stored, no training. They were trained on the
 * cell's own data set and noise (its props), whatever the reader has chosen since.
 */
export function pretrainedRequest(options: CellOptions, s: CellSettings, url: string): CellRequest {
  const dataset = options.dataset;
  const shipped = { ...s, dataset, ...(options.corruption ? noiseSettings(options.corruption) : {}) };
  return {
    model: options.model, hyper: { epochs: 1, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed, backend: 'auto',
    data: { kind: 'dataset', dataset, split: 'train', limit: 1 },
    test: { kind: 'dataset', dataset, split: 'test', limit: TEST_COUNT },
    initialWeights: { kind: 'url', url }, evaluateOnly: true, saveKey: options.storeKey,
    ...modelOptions(options, shipped),
  };
}

const finite = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) ? v : undefined);

/**
 * The figures of a finished run for the run log (null for an untested run). Loaded pretrained
 * weights count too, marked `source: 'pretrained'`, with the settings they were trained with
 * (their stored record's), so a chart of runs has a point once the reader pressed Load pretrained.
 */
export function runSummary(options: CellOptions, s: CellSettings, done: DonePayload): RunSummary | null {
  if (!done.test) return null;
  const reconstruct = MODELS[options.model].task === 'reconstruct';
  const figures = { testAccuracy: finite(done.test.accuracy), testMse: finite(done.test.mse), testPsnr: finite(done.test.psnr) };
  const common = { storeKey: options.storeKey, model: options.model, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)), at: new Date().toISOString() };
  if (done.examplesSeen === 0) {
    const r = done.record;
    if (!r) return null;
    return {
      ...common, source: 'pretrained', dataset: r.dataset, trainExamples: r.trainExamples, epochs: r.epochs,
      ...(reconstruct && r.bottleneck ? { bottleneck: r.bottleneck } : {}), ...(r.corruption ? { corruption: r.corruption } : {}),
    };
  }
  return {
    ...common, dataset: s.dataset, trainExamples: done.record?.trainExamples ?? s.trainSize, epochs: s.epochs,
    ...(reconstruct ? { bottleneck: s.bottleneck } : {}),
    ...(options.corruption ? { corruption: corruptionOf(s) } : {}),
  };
}
