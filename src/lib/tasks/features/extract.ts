/**
 * The features task's data step, in the worker: a frozen network (the reader's stored one when
 * there is one, the shipped one otherwise) cut at the chosen layer turns each loaded image into a
 * row of features. Rows are cached per network, layer and set of images: in memory for the
 * worker's life, and across visits in the rows store (rows-store.ts), so a second run with the same
 * choice (another learning rate, more epochs, the retrieval index of the same test images) skips
 * the extraction.
 */
import * as tf from '@tensorflow/tfjs';
import { extractFeatures, featureModel } from '../../ml/feature-extractor';
import type { ModelStore } from '../../ml/model-store';
import type { TrainingTensors } from '../../ml/train-loop';
import type { DataSource } from '../schema';
import type { RowsStore } from './rows-store';
import { FEATURE_SOURCES, type FeatureLayer } from './schema';

export interface Extractor {
  /** The cut network; null for raw pixels. */
  model: tf.LayersModel | null;
  /** Names the network's weights, for the cache: a retrained model gets a new id. */
  id: string;
  origin: 'none' | 'yours' | 'shipped';
  /** Why the shipped network stood in for the reader's, when it did. */
  note?: string;
  dispose(): void;
}

export interface CachedRows { rows: Float32Array; dims: number; labels: Int32Array }

/** Least recently used rows go first once the cache holds more than this. */
const CACHE_BYTES = 256 * 2 ** 20;
const cache = new Map<string, CachedRows>();
/** Sets served from memory, read from the rows store, and computed: for tests and the bench. */
const counts = { hits: 0, stored: 0, misses: 0 };

function remember(key: string, value: CachedRows): void {
  cache.delete(key);
  cache.set(key, value);
  let bytes = 0;
  for (const v of cache.values()) bytes += v.rows.byteLength + v.labels.byteLength;
  for (const [k, v] of cache) {
    if (bytes <= CACHE_BYTES || k === key) break;
    cache.delete(k);
    bytes -= v.rows.byteLength + v.labels.byteLength;
  }
}

function recall(key: string): CachedRows | undefined {
  const hit = cache.get(key);
  if (hit) remember(key, hit); // now the most recently used
  return hit;
}

/** Forgets every cached row (tests). */
export function clearFeatureCache(): void {
  cache.clear();
  counts.hits = 0;
  counts.stored = 0;
  counts.misses = 0;
}

export function featureCacheCounts(): { hits: number; stored: number; misses: number } {
  return { ...counts };
}

/** A few of the first layer's weights: new shipped weights get a new id, so stored rows of old ones are not reused. */
function fingerprint(model: tf.LayersModel): string {
  const first = model.getWeights()[0];
  if (!first) return 'none';
  return Array.from(first.dataSync().slice(0, 8), (v) => v.toFixed(5)).join(',');
}

/**
 * The network for `layer`: the reader's model stored under the layer's key when `preferStored`
 * and it has the layer, else the shipped weights under `baseUrl`. A stored model of another
 * shape is not an error: the shipped one is used and `note` says why.
 */
export async function openExtractor(layer: FeatureLayer, preferStored: boolean, baseUrl: string, store: ModelStore | undefined): Promise<Extractor> {
  if (layer === 'pixels') return { model: null, id: 'pixels', origin: 'none', dispose: () => undefined };
  const source = FEATURE_SOURCES[layer];
  let note: string | undefined;
  if (preferStored && store) {
    const stored = await store.load(source.storeKey).catch(() => undefined);
    if (stored) {
      try {
        const cut = featureModel(stored.model, layer);
        return { model: cut, id: `store:${source.storeKey}:${stored.record.savedAt}`, origin: 'yours', dispose: () => stored.model.dispose() };
      } catch (error) {
        stored.model.dispose();
        note = `Your ${source.lesson} model could not be used (${error instanceof Error ? error.message : String(error)}), so the shipped one computed the features.`;
      }
    }
  }
  const full = await tf.loadLayersModel(`${baseUrl}/${source.shipped}/model.json`);
  try {
    const cut = featureModel(full, layer);
    return { model: cut, id: `url:${source.shipped}:${fingerprint(full)}`, origin: 'shipped', ...(note ? { note } : {}), dispose: () => full.dispose() };
  } catch (error) {
    full.dispose();
    throw error;
  }
}

/**
 * Names the images a source loads, for the cache: the training cell's test set and the retrieval
 * index of the same test images get the same name, so their rows are computed once. A synthetic
 * set depends on the seed it is made with; a reader's drawing (bytes) is not cached (null).
 */
export function loadedSetName(source: DataSource, seed: number): string | null {
  if (source.kind === 'dataset') return `${source.dataset}/${source.split}/${source.limit}`;
  return source.kind === 'synthetic' ? `synthetic/${source.count}/${seed}` : null;
}

export type RowsSource = 'memory' | 'store' | 'computed';

/**
 * A set of images (and labels) as feature rows, [n × dims] row-major. `cacheKey` names the set
 * (null: do not cache, e.g. a reader's drawing). The arrays may be the cache's own: do not change them.
 */
export async function featureRows(extractor: Extractor, set: TrainingTensors, cacheKey: string | null, onProgress: (done: number, total: number) => void, store?: RowsStore): Promise<CachedRows & { from: RowsSource }> {
  const key = cacheKey === null ? null : `${extractor.id}|${cacheKey}`;
  let entry = key === null ? undefined : recall(key);
  let from: RowsSource = 'memory';
  if (entry) counts.hits++;
  // Pixels cost nothing to read again: only a network's rows are kept across visits.
  const keep = key !== null && store !== undefined && extractor.model !== null;
  if (!entry && keep) {
    const stored = await store.get(key).catch(() => undefined);
    if (stored && stored.labels.length === set.labels.shape[0]) {
      entry = stored;
      from = 'store';
      counts.stored++;
      remember(key, entry);
    }
  }
  if (!entry) {
    from = 'computed';
    counts.misses++;
    const count = set.labels.shape[0];
    const labels = Int32Array.from(await set.labels.data());
    const images = (await set.xs.data()) as Float32Array;
    const { data, dims } = await extractFeatures(extractor.model, images, count, { onProgress });
    entry = { rows: data, dims, labels };
    if (key !== null) remember(key, entry);
    // Best effort, and in the background: a full or blocked store only costs the next visit the
    // extraction, and a slow one must not hold up the run the reader is waiting for (the test
    // set's convolutional rows are 64 MB; in one CI run a cell sat here for 3 minutes).
    if (keep) void store.put(key, entry).catch(() => undefined);
  } else onProgress(entry.labels.length, entry.labels.length);
  return { ...entry, from };
}

/** The same rows as new tensors the caller owns. */
export async function featureTensors(extractor: Extractor, set: TrainingTensors, cacheKey: string | null, onProgress: (done: number, total: number) => void, store?: RowsStore): Promise<TrainingTensors> {
  const { rows, dims, labels } = await featureRows(extractor, set, cacheKey, onProgress, store);
  return tf.tidy(() => ({ xs: tf.tensor2d(rows, [labels.length, dims]), labels: tf.tensor1d(labels, 'int32') }));
}
