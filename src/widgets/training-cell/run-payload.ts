/**
 * What a training cell asks the worker to do, and what it logs afterwards: pure functions of the
 * cell's options and the reader's settings, so the cell's state class stays about state.
 */
import { MODEL_INFO, type AutoencoderModel, type ClassifierModel, type VaeModel } from '../../lib/ml/model-info';
import type { RunSummary } from '../../lib/ml/run-log';
import { isReconstructionRecord, type ModelRecord } from '../../lib/tasks/record';
import { latentUsage } from '../../lib/math/latent-usage';
import type { DonePayload, StartRequest, TaskName } from '../../lib/workers/protocol';
import { TEST_COUNT, VALIDATION_COUNT, corruptionOf, noiseSettings, type CellSettings } from './settings';
import type { CellOptions } from './types';

export type CellRequest = StartRequest;
type CommonRequest = Omit<Extract<CellRequest, { task: 'classifier' }>, 'task' | 'model' | 'hiddenUnits'>;

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
  const model = options.model;
  switch (cellTask(options)) {
    case 'classifier':
      return { ...common, task: 'classifier', model: model as ClassifierModel, ...(model === 'dense-784-128-10' ? { hiddenUnits: s.hiddenUnits } : {}) };
    case 'anomaly':
      return { ...common, task: 'anomaly', model: model as AutoencoderModel, bottleneck: s.bottleneck, anomalyTest: options.anomalyTest! };
    case 'denoiser':
      return { ...common, task: 'denoiser', model: model as AutoencoderModel, bottleneck: s.bottleneck, corruption: corruptionOf(s) };
    case 'autoencoder':
      return { ...common, task: 'autoencoder', model: model as AutoencoderModel, bottleneck: s.bottleneck };
    case 'vae':
      return { ...common, task: 'vae', model: model as VaeModel, latent: s.latent, beta: s.beta };
  }
}

/** A training run with validation, testing, storing and per-epoch checkpoints. */
export function trainRequest(options: CellOptions, s: CellSettings, checkpointKey: string, extra: Pick<CommonRequest, 'initialWeights' | 'startEpoch'>, backend: CommonRequest['backend']): CellRequest {
  return withTask(options, s, {
    hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate },
    seed: s.seed,
    backend,
    data: { kind: 'dataset', dataset: s.dataset, split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT,
    test: { kind: 'dataset', dataset: s.dataset, split: 'test', limit: TEST_COUNT },
    saveKey: options.storeKey,
    checkpointKey,
    ...extra,
  });
}

/**
 * Shipped weights: evaluated on the test images and stored, no training. They were trained on the
 * cell's own data set and noise (its props), whatever the reader has chosen since.
 */
export function pretrainedRequest(options: CellOptions, s: CellSettings, url: string): CellRequest {
  const dataset = options.dataset;
  const shipped = { ...s, dataset, ...(options.corruption ? noiseSettings(options.corruption) : {}) };
  return withTask(options, shipped, {
    hyper: { epochs: 1, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed, backend: 'auto',
    data: { kind: 'dataset', dataset, split: 'train', limit: 1 },
    test: { kind: 'dataset', dataset, split: 'test', limit: TEST_COUNT },
    initialWeights: { kind: 'url', url }, evaluateOnly: true, saveKey: options.storeKey,
  });
}

const finite = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) ? v : undefined);

/** A VAE record's figures for the run log (β experiment): latent size, β, test terms, evenness of its kept test codes. */
function vaeFigures(r: ModelRecord | undefined): Partial<RunSummary> {
  if (r?.task !== 'vae') return {};
  const l = r.latents;
  const evenness = l && l.latent >= 2 && l.count > 0 ? finite(latentUsage(l.mu, l.latent).evenness) : undefined;
  const figures = { testReconstruction: finite(r.testReconstruction), testKl: finite(r.testKl), evenness };
  return { latent: r.latent, beta: r.beta, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) };
}

/**
 * The figures of a finished run for the run log (null for an untested run). Loaded pretrained
 * weights count too, marked `source: 'pretrained'`, with the settings they were trained with
 * (their stored record's), so a chart of runs has a point once the reader pressed Load pretrained.
 */
export function runSummary(options: CellOptions, s: CellSettings, done: DonePayload): RunSummary | null {
  if (!done.test) return null;
  const reconstruct = MODEL_INFO[options.model].family === 'autoencoder';
  const figures = { testAccuracy: finite(done.test.accuracy), testMse: finite(done.test.mse), testPsnr: finite(done.test.psnr) };
  const common = { storeKey: options.storeKey, model: options.model, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)), ...vaeFigures(done.record), at: new Date().toISOString() };
  if (done.examplesSeen === 0) {
    const r = done.record;
    if (!r) return null;
    return {
      ...common, source: 'pretrained', dataset: r.dataset, trainExamples: r.trainExamples, epochs: r.epochs,
      ...(isReconstructionRecord(r) ? { bottleneck: r.bottleneck } : {}), ...(r.task === 'denoiser' ? { corruption: r.corruption } : {}),
    };
  }
  return {
    ...common, dataset: s.dataset, trainExamples: done.record?.trainExamples ?? s.trainSize, epochs: s.epochs,
    ...(reconstruct ? { bottleneck: s.bottleneck } : {}),
    ...(options.corruption ? { corruption: corruptionOf(s) } : {}),
  };
}
