/**
 * The messages between the page and the training worker: typed `{ type, payload }` unions in
 * both directions, plus validators, because a worker must not trust what arrives (a stale tab,
 * a bug, a hand-crafted postMessage) — a malformed message gets an 'error' reply, never a crash.
 */
import {
  isBackendName, type BackendChoice, type BackendName, type BackendProbe, type ProbeReport, type WorkKind,
} from '../ml/backends';
import { isModelName, type HyperParameters, type ModelName } from '../ml/models';
import type { RunOutcome, TrainProgress } from '../ml/train-loop';
import type { EpochStats, ModelRecord } from '../ml/model-store';
import type { CorruptionSpec } from '../math/corruption';
import { MAX_BOTTLENECK } from '../ml/models-autoencoder';

export type DatasetName = 'mnist' | 'fashion-mnist';
export type SplitName = 'train' | 'test';

/** Where training examples come from. */
export type DataSource =
  /** count × 28 × 28 uint8 pixels and count uint8 labels; send the buffers as transferables. */
  | { kind: 'bytes'; images: Uint8Array; labels: Uint8Array }
  /** Loaded inside the worker with src/lib/data/loader.ts, the first `limit` examples. */
  | { kind: 'dataset'; dataset: DatasetName; split: SplitName; limit: number }
  /** Generated, learnable stand-in data (see ml/synthetic.ts), for probes and tests. */
  | { kind: 'synthetic'; count: number };

export type BackendPreference = BackendName | 'auto';

export interface StartPayload {
  model: ModelName;
  hyper: HyperParameters;
  seed: number;
  /** 'auto' = measured choice for the model's kind of work; a name forces that backend. */
  backend: BackendPreference;
  data: DataSource;
  /** Stop (outcome 'time-limit') after this many seconds of training. */
  maxSeconds?: number;
  /** A probe report the page already has (its cache), so the worker need not measure again. */
  probe?: ProbeReport;
  /** Site base path without trailing slash, for the WASM binaries and data ('' at the root). */
  baseUrl: string;
  /** Model-specific options: the dense classifier's hidden units, an autoencoder's code size. */
  options?: { hiddenUnits?: number; bottleneck?: number };
  /** Autoencoders only: corrupt the inputs this way (a denoiser learns to undo it); targets stay clean. */
  corruption?: CorruptionSpec;
  /**
   * Autoencoders only: after testing, score a mixed stream by reconstruction error — `normal` test
   * images of the training data set, `foreign` test images of the other data set, and `corrupted`
   * further normal test images with `corruption` applied — and store the scores and their AUC.
   */
  anomalyTest?: AnomalyTest;
  /**
   * Hold out this many of the loaded training examples (the last ones) to measure validation
   * loss/accuracy after every epoch ('epoch' events). For a 'dataset' source they are loaded on
   * top of `limit`, so the training set keeps its size.
   */
  validationCount?: number;
  /** Held-out test data, evaluated once training completes (DonePayload.test). */
  test?: DataSource;
  /** Keep the trained model in the browser's model store under this key (DonePayload.record). */
  saveKey?: string;
  /** Start from these weights instead of fresh seeded ones: shipped weights (a URL under the site) or a stored model. */
  initialWeights?: { kind: 'url'; url: string } | { kind: 'store'; key: string };
  /**
   * Do not train: take `initialWeights`, evaluate them on `test` and store them (shipped
   * pretrained weights). `data` is not loaded; its dataset names the record's data set.
   */
  evaluateOnly?: boolean;
  /** After every epoch but the last, store the weights under this key (removed when the run completes), so a reload can continue. */
  checkpointKey?: string;
  /** 0-based epoch to start at, when continuing a checkpoint (with initialWeights from it). */
  startEpoch?: number;
}

export interface AnomalyTest {
  normal: number;
  foreign: number;
  corrupted: number;
  corruption: CorruptionSpec;
}

export interface ProbePayload {
  /** Measure even if a report is cached. */
  force: boolean;
  /** The page's cached report; adopted when `force` is false. */
  cached?: ProbeReport;
  /** ?backend= from the page URL, applied to the choices. */
  forced?: BackendName;
  baseUrl: string;
}

/** Page → worker. */
export type WorkerRequest =
  | { type: 'probe'; payload: ProbePayload }
  | { type: 'start'; payload: StartPayload }
  | { type: 'stop'; payload: Record<string, never> }
  | { type: 'resume'; payload: Record<string, never> };

export interface ProbeResultPayload {
  report: ProbeReport;
  choices: Record<WorkKind, BackendChoice>;
  /** True when the report came from a cache rather than a fresh measurement. */
  cached: boolean;
}

export interface StartedPayload {
  backend: BackendName;
  reason: string;
  model: ModelName;
  examples: number;
  batches: number;
}

export interface ProgressPayload extends TrainProgress {
  backend: BackendName;
}

export interface Timings {
  /** Getting the examples into tensors. */
  dataMs: number;
  /** setBackend + building the model. */
  setupMs: number;
  /** Training only, pauses excluded. */
  trainMs: number;
}

export interface DonePayload {
  outcome: Exclude<RunOutcome, 'stopped'>;
  backend: BackendName;
  loss: number;
  metrics: Record<string, number>;
  examplesSeen: number;
  examplesPerSecond: number;
  timings: Timings;
  batchLosses: number[];
  /**
   * Evaluation on StartPayload.test, when given and the run completed. Classifiers: accuracy and
   * cross-entropy; autoencoders: accuracy NaN, loss = mse, and the PSNR (dB) of that MSE.
   */
  test?: { accuracy: number; loss: number; examples: number; mse?: number; psnr?: number; auc?: number };
  /** What was stored, when StartPayload.saveKey was given and storing worked. */
  record?: ModelRecord;
  /** Why storing failed, when it did (the result stands; only reuse is lost). */
  saveError?: string;
}

export interface EpochPayload extends EpochStats {
  epochs: number;
  backend: BackendName;
}

export interface StoppedPayload {
  /** 0-based position of the next batch, where resume continues. */
  next: { epoch: number; batch: number };
  loss: number;
  examplesSeen: number;
}

/** Worker → page. */
export type WorkerEvent =
  | { type: 'probe-progress'; payload: BackendProbe }
  | { type: 'probe-result'; payload: ProbeResultPayload }
  | { type: 'started'; payload: StartedPayload }
  | { type: 'progress'; payload: ProgressPayload }
  | { type: 'epoch'; payload: EpochPayload }
  | { type: 'stopped'; payload: StoppedPayload }
  | { type: 'done'; payload: DonePayload }
  | { type: 'error'; payload: { message: string } };

export type WorkerEventType = WorkerEvent['type'];
export type EventPayload<T extends WorkerEventType> = Extract<WorkerEvent, { type: T }>['payload'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Upper bound for a 'bytes' or 'dataset' run: all 70,000 images of a data set. */
export const MAX_EXAMPLES = 70_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseHyper(v: unknown): string | null {
  if (!isObject(v)) return 'hyper must be an object';
  if (!isFiniteNumber(v['learningRate']) || v['learningRate'] <= 0 || v['learningRate'] > 10) return 'hyper.learningRate must be a number in (0, 10]';
  if (!isPositiveInt(v['batchSize'], 4096)) return 'hyper.batchSize must be an integer from 1 to 4096';
  if (!isPositiveInt(v['epochs'], 1000)) return 'hyper.epochs must be an integer from 1 to 1000';
  return null;
}

function parseData(v: unknown): string | null {
  if (!isObject(v)) return 'data must be an object';
  switch (v['kind']) {
    case 'bytes': {
      const { images, labels } = v;
      if (!(images instanceof Uint8Array) || !(labels instanceof Uint8Array)) return 'data.images and data.labels must be Uint8Arrays';
      if (labels.length < 1 || labels.length > MAX_EXAMPLES) return `data.labels must hold 1 to ${MAX_EXAMPLES} labels`;
      if (images.length !== labels.length * 784) return `data.images must hold ${labels.length} × 784 bytes, got ${images.length}`;
      return null;
    }
    case 'dataset':
      if (v['dataset'] !== 'mnist' && v['dataset'] !== 'fashion-mnist') return 'data.dataset must be "mnist" or "fashion-mnist"';
      if (v['split'] !== 'train' && v['split'] !== 'test') return 'data.split must be "train" or "test"';
      if (!isPositiveInt(v['limit'], MAX_EXAMPLES)) return `data.limit must be an integer from 1 to ${MAX_EXAMPLES}`;
      return null;
    case 'synthetic':
      return isPositiveInt(v['count'], MAX_EXAMPLES) ? null : `data.count must be an integer from 1 to ${MAX_EXAMPLES}`;
    default:
      return 'data.kind must be "bytes", "dataset" or "synthetic"';
  }
}

function parseCorruption(c: unknown): string | null {
  if (!isObject(c)) return 'corruption must be an object';
  const unit = (v: unknown): boolean => isFiniteNumber(v) && v >= 0 && v <= 1;
  switch (c['kind']) {
    case 'none': return null;
    case 'gaussian': return unit(c['sigma']) ? null : 'corruption.sigma must be a number from 0 to 1';
    case 'salt-pepper': return unit(c['rate']) ? null : 'corruption.rate must be a number from 0 to 1';
    case 'mask': return unit(c['fraction']) ? null : 'corruption.fraction must be a number from 0 to 1';
    default: return 'corruption.kind must be "none", "gaussian", "salt-pepper" or "mask"';
  }
}

function parseStart(p: Record<string, unknown>): string | null {
  if (!isModelName(p['model'])) return `unknown model ${JSON.stringify(p['model'])}`;
  const hyper = parseHyper(p['hyper']);
  if (hyper) return hyper;
  if (!Number.isInteger(p['seed']) || (p['seed'] as number) < 0 || (p['seed'] as number) > 0xffffffff) return 'seed must be an integer from 0 to 2^32 − 1';
  if (p['backend'] !== 'auto' && !isBackendName(p['backend'])) return 'backend must be "auto", "webgpu", "webgl", "wasm" or "cpu"';
  const data = parseData(p['data']);
  if (data) return data;
  if (p['maxSeconds'] !== undefined && (!isFiniteNumber(p['maxSeconds']) || p['maxSeconds'] <= 0)) return 'maxSeconds must be a positive number';
  if (typeof p['baseUrl'] !== 'string') return 'baseUrl must be a string';
  if (p['options'] !== undefined) {
    if (!isObject(p['options'])) return 'options must be an object';
    const units = p['options']['hiddenUnits'];
    if (units !== undefined && !isPositiveInt(units, 4096)) return 'options.hiddenUnits must be an integer from 1 to 4096';
    const k = p['options']['bottleneck'];
    if (k !== undefined && !isPositiveInt(k, MAX_BOTTLENECK)) return `options.bottleneck must be an integer from 1 to ${MAX_BOTTLENECK}`;
  }
  if (p['corruption'] !== undefined) {
    const error = parseCorruption(p['corruption']);
    if (error) return error;
  }
  if (p['anomalyTest'] !== undefined) {
    const a = p['anomalyTest'];
    if (!isObject(a)) return 'anomalyTest must be an object';
    for (const key of ['normal', 'foreign', 'corrupted'] as const) {
      if (!Number.isInteger(a[key]) || (a[key] as number) < 0 || (a[key] as number) > 5000) return `anomalyTest.${key} must be a whole number from 0 to 5000`;
    }
    if ((a['normal'] as number) + (a['corrupted'] as number) > 10_000) return 'anomalyTest.normal + corrupted must be at most 10,000 test images';
    if ((a['foreign'] as number) + (a['corrupted'] as number) === 0 || a['normal'] === 0) return 'anomalyTest needs normal images and at least one anomaly';
    const error = parseCorruption(a['corruption']);
    if (error) return `anomalyTest.${error}`;
  }
  if (p['validationCount'] !== undefined && !isPositiveInt(p['validationCount'], MAX_EXAMPLES)) return `validationCount must be an integer from 1 to ${MAX_EXAMPLES}`;
  if (p['test'] !== undefined) {
    const test = parseData(p['test']);
    if (test) return `test ${test}`;
  }
  if (p['saveKey'] !== undefined && (typeof p['saveKey'] !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(p['saveKey']))) return 'saveKey must be 1–64 lowercase letters, digits or hyphens';
  if (p['initialWeights'] !== undefined) {
    const w = p['initialWeights'];
    const ok = isObject(w) && ((w['kind'] === 'url' && typeof w['url'] === 'string') || (w['kind'] === 'store' && typeof w['key'] === 'string'));
    if (!ok) return 'initialWeights must be { kind: "url", url } or { kind: "store", key }';
  }
  if (p['evaluateOnly'] !== undefined && typeof p['evaluateOnly'] !== 'boolean') return 'evaluateOnly must be a boolean';
  if (p['checkpointKey'] !== undefined && (typeof p['checkpointKey'] !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(p['checkpointKey']))) return 'checkpointKey must be 1–64 lowercase letters, digits or hyphens';
  if (p['startEpoch'] !== undefined && (!Number.isInteger(p['startEpoch']) || (p['startEpoch'] as number) < 0)) return 'startEpoch must be a whole number ≥ 0';
  if (p['evaluateOnly'] === true && (p['initialWeights'] === undefined || p['test'] === undefined)) return 'evaluateOnly needs initialWeights and test';
  return null;
}

/** Validates a page → worker message. */
export function parseRequest(data: unknown): Parsed<WorkerRequest> {
  if (!isObject(data)) return { ok: false, error: 'Malformed message: expected an object { type, payload }' };
  const { type, payload } = data;
  if (!isObject(payload)) return { ok: false, error: `Malformed message: ${JSON.stringify(type)} needs an object payload` };
  let error: string | null;
  switch (type) {
    case 'probe':
      error = typeof payload['force'] !== 'boolean' ? 'force must be a boolean'
        : typeof payload['baseUrl'] !== 'string' ? 'baseUrl must be a string'
        : payload['forced'] !== undefined && !isBackendName(payload['forced']) ? 'forced must be a backend name'
        : null;
      break;
    case 'start':
      error = parseStart(payload);
      break;
    case 'stop':
    case 'resume':
      error = null;
      break;
    default:
      return { ok: false, error: `Malformed message: unknown type ${JSON.stringify(type)}` };
  }
  return error ? { ok: false, error: `Malformed ${String(type)} message: ${error}` } : { ok: true, value: data as WorkerRequest };
}

const EVENT_TYPES: readonly WorkerEventType[] = ['probe-progress', 'probe-result', 'started', 'progress', 'epoch', 'stopped', 'done', 'error'];

/** Checks the envelope of a worker → page message (the worker is our own code; the page only guards against garbage). */
export function parseEvent(data: unknown): Parsed<WorkerEvent> {
  if (!isObject(data) || !isObject(data['payload']) || !(EVENT_TYPES as readonly unknown[]).includes(data['type'])) {
    return { ok: false, error: 'Malformed message from the training worker' };
  }
  return { ok: true, value: data as WorkerEvent };
}
