// The Cache API store for data shards. Entries are keyed by shard URL plus its sha256, so a
// rebuilt shard never collides with an old one, and the cache name carries a version so a
// future change of what is stored can drop everything at once. Caching is an optimisation:
// every failure here (no Cache API outside secure contexts, SecurityError in some private
// modes, quota exceeded) degrades to "no cache", never to a failed load.

export const DATA_CACHE_PREFIX = 'bottleneck-data-';
export const DATA_CACHE_NAME = `${DATA_CACHE_PREFIX}v1`;

/** The CacheStorage to use: the given one, none when null, else the global one if it exists. */
export function resolveCacheStorage(storage: CacheStorage | null | undefined): CacheStorage | null {
  if (storage !== undefined) return storage;
  return typeof globalThis.caches === 'object' && globalThis.caches !== null ? globalThis.caches : null;
}

const cleaned = new WeakSet<CacheStorage>();

/** Opens the data cache, or gives null when caching is unavailable. */
export async function openDataCache(storage: CacheStorage | null): Promise<Cache | null> {
  if (!storage) return null;
  try {
    const cache = await storage.open(DATA_CACHE_NAME);
    if (!cleaned.has(storage)) {
      cleaned.add(storage);
      // Older versions of this cache would otherwise keep their megabytes forever.
      void removeOldCaches(storage);
    }
    return cache;
  } catch {
    return null;
  }
}

async function removeOldCaches(storage: CacheStorage): Promise<void> {
  try {
    for (const name of await storage.keys()) {
      if (name.startsWith(DATA_CACHE_PREFIX) && name !== DATA_CACHE_NAME) await storage.delete(name);
    }
  } catch {
    /* best effort */
  }
}

/** The cache key of a shard: its URL with the expected hash, e.g. …/train-000.bin?sha256=ab…. */
export function shardCacheKey(url: URL, sha256: string): string {
  const key = new URL(url);
  key.searchParams.set('sha256', sha256);
  return key.href;
}

export async function readCached(cache: Cache | null, key: string): Promise<Uint8Array | null> {
  if (!cache) return null;
  try {
    const response = await cache.match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

export async function evictCached(cache: Cache | null, key: string): Promise<void> {
  try {
    await cache?.delete(key);
  } catch {
    /* best effort */
  }
}

/** Stores verified bytes and drops entries for the same file with another hash (older builds). */
export async function storeCached(cache: Cache | null, key: string, bytes: Uint8Array): Promise<void> {
  if (!cache) return;
  try {
    const path = new URL(key).pathname;
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      if (url.pathname === path && url.href !== key) await cache.delete(request);
    }
    const body = bytes as Uint8Array<ArrayBuffer>;
    await cache.put(
      key,
      new Response(body, {
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) },
      }),
    );
  } catch {
    /* quota exceeded or storage refused: keep working uncached */
  }
}

/** Deletes every cached shard (for a "clear downloaded data" control or a cold benchmark). */
export async function clearDataCache(storage: CacheStorage | null | undefined = undefined): Promise<void> {
  const resolved = resolveCacheStorage(storage);
  if (!resolved) return;
  try {
    for (const name of await resolved.keys()) {
      if (name.startsWith(DATA_CACHE_PREFIX)) await resolved.delete(name);
    }
  } catch {
    /* best effort */
  }
}
