/**
 * What a training cell asks the worker to do, and what it logs afterwards: pure functions of the
 * cell's options and the reader's settings, so the cell's state class stays about state.
 */
import { MODEL_INFO } from '../../lib/ml/model-info';
import { finiteFigure, type RunSummary } from '../../lib/ml/run-log';
import { recordFigures, recordSettings, taskCell } from '../../lib/tasks/cells';
import type { CommonRequestKey } from '../../lib/tasks/cell';
import type { DonePayload, StartRequest, TaskName } from '../../lib/workers/protocol';
import { TEST_COUNT, VALIDATION_COUNT, noiseSettings, type CellSettings } from './settings';
import type { CellOptions } from './types';

export type CellRequest = StartRequest;
type CommonRequest = Pick<CellRequest, CommonRequestKey>;

/**
 * The kind of run a cell's props describe: an anomaly stream makes it a detector, a corruption a
 * denoiser, an autoencoder model an autoencoder; other models classify. The one place a cell's task is decided.
 */
export function cellTask(options: Pick<CellOptions, 'model' | 'corruption' | 'anomalyTest'>): TaskName {
  const family = MODEL_INFO[options.model].family;
  if (family !== 'autoencoder') return family;
  if (options.anomalyTest) return 'anomaly';
  return options.corruption ? 'denoiser' : 'autoencoder';
}

/** The task's own fields (model, hidden units, code size, noise, the anomaly stream) added to the common ones. */
function withTask(options: CellOptions, s: CellSettings, common: CommonRequest): CellRequest {
  return { ...common, ...taskCell(cellTask(options)).request(options, s) } as CellRequest;
}

/** A training run with validation, testing, storing and per-epoch checkpoints. */
export function trainRequest(options: CellOptions, s: CellSettings, checkpointKey: string, extra: Pick<CommonRequest, 'initialWeights' | 'startEpoch'>, backend: CommonRequest['backend']): CellRequest {
  return withTask(options, s, {
    hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate },
    seed: s.seed,
    backend,
    data: { kind: 'dataset', dataset: s.dataset, split: 'train', limit: s.trainSize },
    validationCount: taskCell(cellTask(options)).validationCount ?? VALIDATION_COUNT,
    test: { kind: 'dataset', dataset: s.dataset, split: 'test', limit: TEST_COUNT },
    saveKey: options.storeKey,
    checkpointKey,
    ...extra,
  });
}

/**
 * The folder of the shipped weights for these settings. A cell that ships one network per data set
 * and scale names its folder with placeholders, e.g. "models/sr-{dataset}-x{scale}" (lesson 10).
 */
export function pretrainedFolder(template: string, s: Pick<CellSettings, 'dataset' | 'scale'>): string {
  return template.replaceAll('{dataset}', s.dataset).replaceAll('{scale}', String(s.scale));
}

/**
 * Shipped weights: evaluated on the test images and stored, no training. They were trained on the
 * cell's own data set and noise (its props), whatever the reader has chosen since, unless the
 * folder names the data set (one network per data set: then the reader's choice picks it).
 */
export function pretrainedRequest(options: CellOptions, s: CellSettings, url: string): CellRequest {
  const dataset = options.pretrained?.includes('{dataset}') ? s.dataset : options.dataset;
  const shipped = { ...s, dataset, ...(options.corruption ? noiseSettings(options.corruption) : {}) };
  return withTask(options, shipped, {
    hyper: { epochs: 1, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed, backend: 'auto',
    data: { kind: 'dataset', dataset, split: 'train', limit: 1 },
    test: { kind: 'dataset', dataset, split: 'test', limit: TEST_COUNT },
    initialWeights: { kind: 'url', url }, evaluateOnly: true, saveKey: options.storeKey,
  });
}


/**
 * The figures of a finished run for the run log (null for an untested run). Loaded pretrained
 * weights count too, marked `source: 'pretrained'`, with the settings they were trained with
 * (their stored record's), so a chart of runs has a point once the reader pressed Load pretrained.
 */
export function runSummary(options: CellOptions, s: CellSettings, done: DonePayload): RunSummary | null {
  if (!done.test) return null;
  const r = done.record;
  const figures = { testAccuracy: finiteFigure(done.test.accuracy), testMse: finiteFigure(done.test.mse), testPsnr: finiteFigure(done.test.psnr) };
  const common = { storeKey: options.storeKey, model: options.model, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)), at: new Date().toISOString() };
  if (done.examplesSeen === 0) {
    if (!r) return null;
    const trainedWith = taskCell(r.task).runFields({ ...s, ...recordSettings(r) });
    return { ...common, source: 'pretrained', dataset: r.dataset, trainExamples: r.trainExamples, epochs: r.epochs, ...trainedWith, ...recordFigures(r) };
  }
  const task = taskCell(cellTask(options));
  return {
    ...common, dataset: s.dataset, trainExamples: r?.trainExamples ?? s.trainSize, epochs: s.epochs,
    ...task.runFields(s), ...(r ? recordFigures(r) : {}),
  };
}
