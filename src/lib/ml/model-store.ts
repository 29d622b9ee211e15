/**
 * Trained models kept in the browser so later cells and lessons can reuse them: weights through
 * tf.io ('indexeddb://bottleneck-<key>'), and a small metadata record (what it was trained on, its
 * test accuracy, its test predictions) in our own IndexedDB store. Works in the page and in the
 * worker. Both halves are interfaces, so Node tests run the same logic with in-memory stores.
 */
import * as tf from '@tensorflow/tfjs';
import type { HyperParameters, ModelName, Task } from './models';
import type { CorruptionSpec } from '../math/corruption';
import type { SavedTensor } from './optimizer-state';
import type { SmoothingState } from '../math/smoothed-curve';

export interface EpochStats {
  /** 1-based epoch. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  /** The smoothed training curve's state at the end of the epoch: a continued run goes on from it. */
  smoothing?: SmoothingState;
}

export interface StoredPredictions {
  /** [count] true labels of the test examples (the first `count` of the test split). */
  labels: Uint8Array;
  /** [count] predicted classes. */
  predicted: Uint8Array;
  /** [count × 10] probabilities quantised to 0…255. */
  probabilities: Uint8Array;
}

/** What an autoencoder did on the test images: enough for galleries, scatters and sweeps without tfjs. */
export interface StoredReconstructions {
  /** How many of the first test images are kept below. */
  count: number;
  /** [count × 784] the inputs as the model saw them (corrupted, for a denoiser), 0…255. */
  inputs: Uint8Array;
  /** [count × 784] the reconstructions, 0…255. */
  outputs: Uint8Array;
  /** [count × codeSize] the codes (the bottleneck's values). */
  codes: Float32Array;
  codeSize: number;
  /** [count] true classes (for colouring the code scatter). */
  labels: Uint8Array;
  /** [count] mean squared error per image (reconstruction vs the clean image). */
  errors: Float32Array;
}

/** An autoencoder's scores on a mixed test stream (lesson "Anomaly detection"): normal images and anomalies. */
export interface StoredAnomalyScores {
  /** [count] reconstruction error (mean squared error of the image as given): the anomaly score. */
  scores: Float32Array;
  /** [count] 0 = normal (a test image of the training data set), 1 = an image of the other data set, 2 = a corrupted normal image. */
  kinds: Uint8Array;
  /** [count] class of each image within its own data set. */
  labels: Uint8Array;
  /** [count × 784] the stream's images as scored, and their reconstructions, 0…255. */
  inputs: Uint8Array;
  outputs: Uint8Array;
  normalDataset: 'mnist' | 'fashion-mnist';
  foreignDataset: 'mnist' | 'fashion-mnist';
  corruption: CorruptionSpec;
}

export interface ModelRecord {
  /** Store key, e.g. "cls-dense". */
  key: string;
  model: ModelName;
  /** Trained by the reader in this browser, or loaded from the shipped weights. */
  source: 'trained' | 'pretrained';
  dataset: 'mnist' | 'fashion-mnist';
  trainExamples: number;
  epochs: number;
  hyper: HyperParameters;
  hiddenUnits?: number;
  seed: number;
  backend: string;
  testAccuracy: number;
  testLoss: number;
  testExamples: number;
  /** Mean accuracy on the training data in the last epoch. */
  trainAccuracy: number;
  history: EpochStats[];
  /** ISO date. */
  savedAt: string;
  predictions?: StoredPredictions;
  /** For a checkpoint of an unfinished run: the epochs the run was set to train (`epochs` = those done). */
  totalEpochs?: number;
  /** For a checkpoint: the optimizer's state (Adam's step count and moments), so the continued run takes the same steps. */
  optimizerState?: SavedTensor[];
  /** Absent on classifiers (and records from before autoencoders). */
  task?: Task;
  /** Autoencoders: size of the code. */
  bottleneck?: number;
  /** Denoisers: the corruption applied to the inputs while training and testing. */
  corruption?: CorruptionSpec;
  /** Autoencoders: mean squared error over every test pixel, and the PSNR it gives (dB). */
  testMse?: number;
  testPsnr?: number;
  reconstructions?: StoredReconstructions;
  /** Anomaly detection: AUC of the reconstruction error on the mixed stream (anomalies vs normal). */
  testAuc?: number;
  anomaly?: StoredAnomalyScores;
}

export interface MetaStore {
  get(key: string): Promise<ModelRecord | undefined>;
  put(record: ModelRecord): Promise<void>;
  list(): Promise<ModelRecord[]>;
  delete(key: string): Promise<void>;
}

export interface WeightStore {
  save(model: tf.LayersModel, key: string): Promise<void>;
  load(key: string): Promise<tf.LayersModel>;
  remove(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Model key ${JSON.stringify(key)} must be 1–64 lowercase letters, digits or hyphens`);
}

/**
 * "trained on 60,000 Fashion-MNIST images, 5 epochs, test accuracy 87.3%", or for an autoencoder
 * "trained on 20,000 MNIST images, code of 16 numbers, 5 epochs, test PSNR 19.4 dB".
 */
export function describeRecord(record: Pick<ModelRecord, 'source' | 'dataset' | 'trainExamples' | 'epochs' | 'testAccuracy' | 'task' | 'bottleneck' | 'testPsnr' | 'corruption'>): string {
  const data = record.dataset === 'fashion-mnist' ? 'Fashion-MNIST' : 'MNIST';
  const how = record.source === 'pretrained' ? 'pretrained weights, trained on' : 'trained on';
  const epochs = `${record.epochs} epoch${record.epochs === 1 ? '' : 's'}`;
  const images = `${record.trainExamples.toLocaleString('en-US')} ${data} images`;
  if (record.task === 'reconstruct') {
    const noise = record.corruption && record.corruption.kind !== 'none' ? ` (${describeCorruption(record.corruption)})` : '';
    const psnr = record.testPsnr !== undefined && Number.isFinite(record.testPsnr) ? `test PSNR ${record.testPsnr.toFixed(1)} dB` : 'not tested';
    return `${how} ${images}${noise}, code of ${record.bottleneck ?? '?'} numbers, ${epochs}, ${psnr}`;
  }
  return `${how} ${images}, ${epochs}, test accuracy ${(record.testAccuracy * 100).toFixed(1)}%`;
}

/** "Gaussian noise σ = 0.3", "salt-and-pepper 20%", "masked 25%". */
export function describeCorruption(c: CorruptionSpec): string {
  switch (c.kind) {
    case 'gaussian': return `Gaussian noise σ = ${c.sigma}`;
    case 'salt-pepper': return `salt-and-pepper ${Math.round(c.rate * 100)}%`;
    case 'mask': return `masked ${Math.round(c.fraction * 100)}%`;
    case 'none': return 'no noise';
  }
}

export class ModelStore {
  constructor(private readonly meta: MetaStore, private readonly weights: WeightStore) {}

  /** Saves weights first, then the record, so a record never points at missing weights. */
  async save(model: tf.LayersModel, record: ModelRecord): Promise<void> {
    checkKey(record.key);
    await this.weights.save(model, record.key);
    await this.meta.put(record);
  }

  /** The record alone (cheap: no weights). */
  get(key: string): Promise<ModelRecord | undefined> {
    checkKey(key);
    return this.meta.get(key);
  }

  /** Weights and record; the caller owns (and disposes) the model. Undefined when nothing is stored. */
  async load(key: string): Promise<{ model: tf.LayersModel; record: ModelRecord } | undefined> {
    const record = await this.get(key);
    if (!record) return undefined;
    return { model: await this.weights.load(key), record };
  }

  /** All records, newest first. */
  async list(): Promise<ModelRecord[]> {
    return (await this.meta.list()).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.meta.delete(key);
    await this.weights.remove(key).catch(() => undefined); // already gone is fine
  }
}

const DB_NAME = 'bottleneck-models';
const STORE = 'records';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
  };
  return request(req);
}

/** Metadata in IndexedDB (page or worker). */
export function indexedDbMetaStore(factory: IDBFactory = globalThis.indexedDB): MetaStore {
  const withStore = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await openDb(factory);
    try {
      return await request(fn(db.transaction(STORE, mode).objectStore(STORE)));
    } finally {
      db.close();
    }
  };
  return {
    get: (key) => withStore('readonly', (s) => s.get(key) as IDBRequest<ModelRecord | undefined>),
    put: async (record) => void (await withStore('readwrite', (s) => s.put(record))),
    list: () => withStore('readonly', (s) => s.getAll() as IDBRequest<ModelRecord[]>),
    delete: async (key) => void (await withStore('readwrite', (s) => s.delete(key))),
  };
}

export const weightsUrl = (key: string): string => `indexeddb://bottleneck-${key}`;

/** Weights through tf.io's IndexedDB handler. */
export function tfIndexedDbWeightStore(): WeightStore {
  return {
    save: async (model, key) => void (await model.save(weightsUrl(key))),
    load: (key) => tf.loadLayersModel(weightsUrl(key)),
    remove: async (key) => void (await tf.io.removeModel(weightsUrl(key))),
  };
}

/** The store the site uses; undefined where IndexedDB is missing (private modes, old browsers). */
export function browserModelStore(): ModelStore | undefined {
  if (typeof globalThis.indexedDB === 'undefined') return undefined;
  return new ModelStore(indexedDbMetaStore(), tfIndexedDbWeightStore());
}

/** Fired on window when the cell has stored a model: detail { key }. Other islands reload their view. */
export const MODEL_SAVED_EVENT = 'bottleneck:model-saved';

export function announceModelSaved(key: string): void {
  globalThis.dispatchEvent?.(new CustomEvent(MODEL_SAVED_EVENT, { detail: { key } }));
}

/** Calls `listener(key)` whenever a model is saved; returns the unsubscribe function. */
export function onModelSaved(listener: (key: string) => void): () => void {
  const handler = (event: Event): void => {
    const key = (event as CustomEvent<{ key?: unknown }>).detail?.key;
    if (typeof key === 'string') listener(key);
  };
  globalThis.addEventListener?.(MODEL_SAVED_EVENT, handler);
  return () => globalThis.removeEventListener?.(MODEL_SAVED_EVENT, handler);
}
