// Browser loader for the shards written by `npm run data` (framework-free; runs in Node too,
// given an absolute baseUrl). Fetches the manifest, then only the shards the requested `limit`
// needs, streams them with progress, checks size and sha256, caches them with the Cache API and
// hands back plain uint8 arrays. Turn them into tensors with tensors.ts.
import { evictCached, openDataCache, readCached, resolveCacheStorage, shardCacheKey, storeCached } from './cache';
import { DATASET_TITLES, describeSplit, IMAGE_SIZE, isDatasetId, isSplitId, PIXELS_PER_IMAGE, type DatasetId, type SplitId } from './datasets';
import { shardsForLimit, validateManifest, type DataManifest, type ShardInfo } from './manifest';
import { decodeShard } from './shard-format';
import { sha256Hex } from './sha256';

export interface ImageSet {
  readonly dataset: DatasetId;
  readonly split: SplitId;
  readonly count: number;
  readonly width: 28;
  readonly height: 28;
  /** count × 784 grey levels 0..255, row-major, image after image. */
  readonly images: Uint8Array;
  /** count labels, each 0..9 (see CLASS_NAMES). */
  readonly labels: Uint8Array;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** True when every byte so far came from the Cache API, none from the network. */
  fromCache: boolean;
}

export interface LoadOptions {
  /** Only the first `limit` images (a random, roughly class-balanced sample); default all. */
  limit?: number | undefined;
  onProgress?: ((p: LoadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Where manifest.json lives; default "/data/". Must be absolute outside a browser. */
  baseUrl?: string | undefined;
  /** Seam for tests and benchmarks; default globalThis.fetch. */
  fetch?: typeof fetch | undefined;
  /** Seam for tests and benchmarks; null disables caching; default globalThis.caches when present. */
  cacheStorage?: CacheStorage | null | undefined;
}

export const DEFAULT_BASE_URL = '/data/';
/** Shards downloaded at once: enough to hide latency, few enough to keep progress meaningful. */
const PARALLEL_SHARDS = 4;

/** The data folder as an absolute URL ending in '/', against the page's address. */
export function baseOf(baseUrl: string | undefined): URL {
  const raw = baseUrl ?? DEFAULT_BASE_URL;
  const withSlash = raw.endsWith('/') ? raw : `${raw}/`;
  try {
    return new URL(withSlash, globalThis.location?.href);
  } catch {
    throw new Error(`Data baseUrl ${JSON.stringify(raw)} is not a URL; outside a browser it must be absolute (http://…/data/).`);
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The data load was aborted.', 'AbortError');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// One manifest request per page and fetch implementation: several widgets loading data at once
// share it. A failed request is forgotten so that a retry asks again.
const manifestMemo = new WeakMap<typeof fetch, Map<string, Promise<DataManifest>>>();

/** Fetches and validates manifest.json (network first; the cached copy when offline). */
export function loadManifest(options: Pick<LoadOptions, 'baseUrl' | 'fetch' | 'cacheStorage'> = {}): Promise<DataManifest> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = new URL('manifest.json', baseOf(options.baseUrl)).href;
  let memo = manifestMemo.get(fetchImpl);
  if (!memo) manifestMemo.set(fetchImpl, (memo = new Map()));
  const existing = memo.get(url);
  if (existing) return existing;
  const promise = fetchManifest(url, fetchImpl, resolveCacheStorage(options.cacheStorage));
  memo.set(url, promise);
  promise.catch(() => memo.delete(url));
  return promise;
}

/** The browser says it has no network (navigator.onLine is false); in Node and old browsers, never. */
export function isOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}

/** What a widget or cell shows when a data set is needed offline and not stored. */
export function notStoredMessage(dataset: DatasetId): string {
  return `${DATASET_TITLES[dataset]} is not stored on this device yet, and the device is offline. Connect to the internet once to download it, or store every data set for offline use on the Progress page.`;
}

async function fetchManifest(url: string, fetchImpl: typeof fetch, storage: CacheStorage | null): Promise<DataManifest> {
  const cache = await openDataCache(storage);
  let text: string;
  const offlineCopy = isOffline() ? await readCached(cache, url) : null;
  if (offlineCopy) return parseManifest(url, new TextDecoder().decode(offlineCopy));
  try {
    const response = await fetchImpl(url, { cache: 'no-cache' });
    if (!response.ok) {
      throw new Error(`Data manifest not found at ${url} (HTTP ${response.status}). Was \`npm run data\` run before the build?`);
    }
    text = await response.text();
    if (cache) await storeCached(cache, url, new TextEncoder().encode(text));
  } catch (error) {
    const cached = await readCached(cache, url);
    if (!cached) throw error instanceof Error && error.message.startsWith('Data manifest') ? error : new Error(`Could not load the data manifest from ${url}: ${message(error)}`);
    text = new TextDecoder().decode(cached);
  }
  return parseManifest(url, text);
}

function parseManifest(url: string, text: string): DataManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`The data manifest at ${url} is not valid JSON.`);
  }
  return validateManifest(json);
}

/** Downloads one shard, reporting each chunk; rejects a body of the wrong size. */
async function download(url: URL, shard: ShardInfo, fetchImpl: typeof fetch, signal: AbortSignal, onBytes: (n: number) => void): Promise<Uint8Array> {
  const response = await fetchImpl(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const bytes = new Uint8Array(shard.bytes);
  let received = 0;
  const tooLong = () => new Error(`received more than the expected ${shard.bytes} bytes`);
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > shard.bytes) throw tooLong();
    bytes.set(whole);
    received = whole.length;
    onBytes(received);
  } else {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (received + value.length > shard.bytes) throw tooLong();
        bytes.set(value, received);
        received += value.length;
        onBytes(value.length);
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (received !== shard.bytes) throw new Error(`received ${received} of the expected ${shard.bytes} bytes`);
  return bytes;
}

/**
 * Loads the first `limit` images (default: all) of a split. Resolves with plain arrays; rejects
 * with a readable Error on network failure, a size or sha256 mismatch or a corrupt shard, and
 * with the signal's reason when aborted.
 */
export async function loadImageSet(dataset: DatasetId, split: SplitId, options: LoadOptions = {}): Promise<ImageSet> {
  if (!isDatasetId(dataset)) throw new Error(`Unknown data set ${JSON.stringify(dataset)}; use "mnist" or "fashion-mnist".`);
  if (!isSplitId(split)) throw new Error(`Unknown split ${JSON.stringify(split)}; use "train" or "test".`);
  const { limit, onProgress, signal } = options;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new RangeError(`limit must be a whole number of images ≥ 1, got ${limit}`);
  }
  signal?.throwIfAborted();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const storage = resolveCacheStorage(options.cacheStorage);
  const base = baseOf(options.baseUrl);
  const what = describeSplit(dataset, split);

  const manifest = await loadManifest({ baseUrl: base.href, fetch: fetchImpl, cacheStorage: storage });
  signal?.throwIfAborted();
  const info = manifest.datasets[dataset].splits[split];
  if (info.shape[0] !== IMAGE_SIZE || info.shape[1] !== IMAGE_SIZE) {
    throw new Error(`${what} are ${info.shape.join('×')}, this site expects 28×28.`);
  }
  const shards = shardsForLimit(info, limit);
  const count = Math.min(limit ?? info.count, info.count);
  const cache = await openDataCache(storage);

  const progress: LoadProgress = { loadedBytes: 0, totalBytes: shards.reduce((sum, s) => sum + s.bytes, 0), fromCache: false };
  let networkBytes = 0;
  const report = () => onProgress?.({ ...progress, fromCache: networkBytes === 0 && progress.loadedBytes > 0 });
  report();

  // One failing shard stops the others; the caller's signal stops all of them.
  const inner = new AbortController();
  const onAbort = () => inner.abort(abortError(signal!));
  signal?.addEventListener('abort', onAbort, { once: true });

  const images = new Uint8Array(count * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(count);

  async function loadShard(shard: ShardInfo): Promise<void> {
    const url = new URL(shard.file, base);
    const key = shardCacheKey(url, shard.sha256);
    let bytes = await readCached(cache, key);
    if (bytes && (bytes.length !== shard.bytes || (await sha256Hex(bytes)) !== shard.sha256)) {
      await evictCached(cache, key); // a damaged entry must not poison later visits
      bytes = null;
    }
    if (bytes) {
      progress.loadedBytes += bytes.length;
      report();
    } else {
      // Offline, a download can only fail, and the browser would log it as an error: say plainly what is missing instead.
      if (isOffline()) throw new Error(notStoredMessage(dataset));
      let received = 0;
      try {
        bytes = await download(url, shard, fetchImpl, inner.signal, (n) => {
          received += n;
          networkBytes += n;
          progress.loadedBytes += n;
          report();
        });
      } catch (error) {
        if (inner.signal.aborted) throw inner.signal.reason;
        throw new Error(`Could not download ${what} (${shard.file}): ${message(error)}`);
      } finally {
        if (!bytes) progress.loadedBytes -= received;
      }
      const actual = await sha256Hex(bytes);
      if (actual !== shard.sha256) {
        throw new Error(
          `${what}: ${shard.file} failed its integrity check (sha256 ${actual.slice(0, 12)}…, ` +
            `manifest says ${shard.sha256.slice(0, 12)}…). The data on the server may be out of date; reload the page.`,
        );
      }
      await storeCached(cache, key, bytes);
    }
    let decoded;
    try {
      decoded = decodeShard(bytes, { count: shard.count, offset: shard.offset, width: IMAGE_SIZE, height: IMAGE_SIZE });
    } catch (error) {
      throw new Error(`${what}: ${shard.file} is not a valid shard: ${message(error)}`);
    }
    const take = Math.max(0, Math.min(shard.count, count - shard.offset));
    labels.set(decoded.labels.subarray(0, take), shard.offset);
    images.set(decoded.images.subarray(0, take * PIXELS_PER_IMAGE), shard.offset * PIXELS_PER_IMAGE);
  }

  try {
    const queue = [...shards];
    const workers = Array.from({ length: Math.min(PARALLEL_SHARDS, queue.length) }, async () => {
      for (let shard = queue.shift(); shard; shard = queue.shift()) {
        inner.signal.throwIfAborted();
        await loadShard(shard);
      }
    });
    await Promise.all(
      workers.map((w) =>
        w.catch((error: unknown) => {
          if (!inner.signal.aborted) inner.abort(error);
          throw error;
        }),
      ),
    );
  } catch (error) {
    // The first failure is the useful one; the others are its "aborted" echoes.
    throw inner.signal.aborted ? inner.signal.reason : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  report();
  return { dataset, split, count, width: IMAGE_SIZE, height: IMAGE_SIZE, images, labels };
}

/** The `index`-th image of a set: a 784-long view (no copy), row-major. */
export function imageAt(set: ImageSet, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= set.count) {
    throw new RangeError(`image index ${index} is outside 0..${set.count - 1}`);
  }
  return set.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE);
}
