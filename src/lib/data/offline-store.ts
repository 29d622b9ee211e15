/**
 * Storing the data sets for offline use, on purpose (the Progress page's "Use the course
 * offline"). The shards go where the loader keeps them anyway (the data cache, keyed by URL and
 * sha256), so a shard a lesson already loaded counts and is never stored twice; downloading is
 * the loader's own loadImageSet, with its size and sha256 checks. The Cache API stores each shard
 * whole or not at all, so a cancelled or over-quota download leaves only complete, usable shards.
 */
import { DATA_CACHE_NAME, openDataCache, resolveCacheStorage, shardCacheKey } from './cache';
import { DATASET_IDS, DATASET_TITLES, SPLIT_IDS, type DatasetId } from './datasets';
import { baseOf, loadImageSet, loadManifest, type LoadProgress } from './loader';
import type { DataManifest, ShardInfo } from './manifest';

export interface DatasetStorage {
  dataset: DatasetId;
  title: string;
  /** Every shard of both splits. */
  totalBytes: number;
  storedBytes: number;
}

interface Where { baseUrl: string; cacheStorage?: CacheStorage | null; fetch?: typeof fetch }

function shardsOf(manifest: DataManifest, dataset: DatasetId): ShardInfo[] {
  return SPLIT_IDS.flatMap((split) => manifest.datasets[dataset].splits[split].shards);
}

/** The loader's cache key for a shard (loader.ts loadShard). */
const keyOf = (baseUrl: string, shard: ShardInfo): string => shardCacheKey(new URL(shard.file, baseOf(baseUrl)), shard.sha256);

/** How much of each data set is stored on this device. */
export async function datasetStorage(where: Where): Promise<DatasetStorage[]> {
  const manifest = await loadManifest(where);
  const cache = await openDataCache(resolveCacheStorage(where.cacheStorage));
  const out: DatasetStorage[] = [];
  for (const dataset of DATASET_IDS) {
    let storedBytes = 0;
    let totalBytes = 0;
    for (const shard of shardsOf(manifest, dataset)) {
      totalBytes += shard.bytes;
      if (cache && (await cache.match(keyOf(where.baseUrl, shard)).catch(() => undefined))) storedBytes += shard.bytes;
    }
    out.push({ dataset, title: DATASET_TITLES[dataset], totalBytes, storedBytes });
  }
  return out;
}

export interface StoreProgress { label: string; loaded: number; total: number }

/**
 * Downloads (and so stores) every split of every data set not yet stored, reporting bytes across
 * all of them. Resolves when done or rejects with the signal's reason when cancelled; afterwards
 * datasetStorage says what really landed (a full quota stores less than was downloaded).
 */
export async function storeAllDatasets(where: Where & { signal?: AbortSignal; onProgress?: (p: StoreProgress) => void }): Promise<void> {
  // The manifest gives the sizes; which shards are already stored is the loader's business (it reads them from the cache).
  const manifest = await loadManifest(where);
  const total = DATASET_IDS.flatMap((d) => shardsOf(manifest, d)).reduce((n, shard) => n + shard.bytes, 0);
  let done = 0;
  for (const dataset of DATASET_IDS) {
    for (const split of SPLIT_IDS) {
      let part = 0;
      await loadImageSet(dataset, split, {
        baseUrl: where.baseUrl, fetch: where.fetch, cacheStorage: where.cacheStorage, signal: where.signal,
        onProgress: (p: LoadProgress) => {
          part = p.loadedBytes;
          where.onProgress?.({ label: `${DATASET_TITLES[dataset]}, ${split === 'train' ? 'training' : 'test'} images`, loaded: done + part, total });
        },
      });
      done += part;
    }
  }
}

/** Removes every stored shard of both data sets (the pages and weights stay with the service worker). */
export async function removeStoredDatasets(cacheStorage?: CacheStorage | null): Promise<void> {
  await resolveCacheStorage(cacheStorage)?.delete(DATA_CACHE_NAME);
}
