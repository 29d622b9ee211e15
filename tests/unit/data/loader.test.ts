import { describe, expect, it } from 'vitest';
import { DATA_CACHE_NAME } from '../../../src/lib/data/cache';
import { imageAt, loadImageSet, type LoadProgress } from '../../../src/lib/data/loader';
import { decodeShard } from '../../../src/lib/data/shard-format';
import { BASE, fakeServer, makeSite, MemoryCacheStorage } from './fake-web';

const site = makeSite();
const shardFiles = (requests: string[]) => requests.filter((r) => r.endsWith('.bin'));

/** What the loader should return for the first n images of a split, straight from the shards. */
function expected(dataset: 'mnist' | 'fashion-mnist', split: 'train' | 'test', n: number) {
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (const shard of site.manifest.datasets[dataset].splits[split].shards) {
    if (shard.offset >= n) break;
    const decoded = decodeShard(site.files.get(shard.file)!);
    const take = Math.min(shard.count, n - shard.offset);
    labels.set(decoded.labels.subarray(0, take), shard.offset);
    images.set(decoded.images.subarray(0, take * 784), shard.offset * 784);
  }
  return { images, labels };
}

describe('loadImageSet', () => {
  it('loads a whole split, streaming with progress that ends at the total', async () => {
    const server = fakeServer(site);
    const events: LoadProgress[] = [];
    const set = await loadImageSet('mnist', 'test', {
      baseUrl: BASE,
      fetch: server.fetch,
      cacheStorage: null,
      onProgress: (p) => events.push({ ...p }),
    });
    expect(set).toMatchObject({ dataset: 'mnist', split: 'test', count: 2500, width: 28, height: 28 });
    const want = expected('mnist', 'test', 2500);
    expect(set.images).toEqual(want.images);
    expect(set.labels).toEqual(want.labels);
    expect(shardFiles(server.requests).sort()).toEqual(['mnist/test-000.bin', 'mnist/test-001.bin', 'mnist/test-002.bin']);

    const total = site.manifest.datasets.mnist.splits.test.shards.reduce((s, x) => s + x.bytes, 0);
    expect(events.length).toBeGreaterThan(5); // streamed in 100 kB chunks, not one jump
    expect(events.every((e) => e.totalBytes === total && !e.fromCache)).toBe(true);
    expect(events[0]!.loadedBytes).toBe(0);
    expect(events.at(-1)!.loadedBytes).toBe(total);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loadedBytes).toBeGreaterThanOrEqual(events[i - 1]!.loadedBytes);
  });

  it('fetches only the shards a limit needs', async () => {
    const server = fakeServer(site);
    const small = await loadImageSet('mnist', 'test', { limit: 500, baseUrl: BASE, fetch: server.fetch, cacheStorage: null });
    expect(small.count).toBe(500);
    expect(small.images.length).toBe(500 * 784);
    expect(small.images).toEqual(expected('mnist', 'test', 500).images);
    expect(shardFiles(server.requests)).toEqual(['mnist/test-000.bin']);

    const server2 = fakeServer(site);
    const mid = await loadImageSet('mnist', 'test', { limit: 1001, baseUrl: BASE, fetch: server2.fetch, cacheStorage: null });
    expect(mid.labels).toEqual(expected('mnist', 'test', 1001).labels);
    expect(shardFiles(server2.requests).sort()).toEqual(['mnist/test-000.bin', 'mnist/test-001.bin']);

    const big = await loadImageSet('mnist', 'test', { limit: 99999, baseUrl: BASE, fetch: server2.fetch, cacheStorage: null });
    expect(big.count).toBe(2500);
  });

  it('rejects a bad limit, data set or split before fetching anything', async () => {
    const server = fakeServer(site);
    const options = { baseUrl: BASE, fetch: server.fetch, cacheStorage: null };
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await expect(loadImageSet('mnist', 'test', { ...options, limit })).rejects.toThrow(RangeError);
    }
    await expect(loadImageSet('cifar' as 'mnist', 'test', options)).rejects.toThrow(/Unknown data set "cifar"/);
    await expect(loadImageSet('mnist', 'val' as 'test', options)).rejects.toThrow(/Unknown split "val"/);
    await expect(loadImageSet('mnist', 'test', { ...options, baseUrl: '/data/' })).rejects.toThrow(/must be absolute/);
    expect(server.requests).toEqual([]);
  });

  it('rejects a shard whose sha256 does not match, and does not cache it', async () => {
    const server = fakeServer(site);
    const tampered = site.files.get('fashion-mnist/test-000.bin')!.slice();
    tampered[5000] = tampered[5000]! ^ 0xff; // same size, valid header, one pixel changed
    server.override.set('fashion-mnist/test-000.bin', tampered);
    const storage = new MemoryCacheStorage();
    await expect(
      loadImageSet('fashion-mnist', 'test', { baseUrl: BASE, fetch: server.fetch, cacheStorage: storage.asCacheStorage() }),
    ).rejects.toThrow(/Fashion-MNIST test images: fashion-mnist\/test-000\.bin failed its integrity check/);
    const cached = [...(storage.caches.get(DATA_CACHE_NAME)?.entries.keys() ?? [])];
    expect(cached.filter((k) => k.includes('.bin'))).toEqual([]);
  });

  it('rejects a shard of the wrong size', async () => {
    const server = fakeServer(site);
    server.override.set('mnist/train-000.bin', site.files.get('mnist/train-000.bin')!.subarray(0, 1000));
    await expect(
      loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: server.fetch, cacheStorage: null }),
    ).rejects.toThrow(/Could not download MNIST training images \(mnist\/train-000\.bin\): received 1000 of the expected 785016 bytes/);
  });

  it('gives clear errors for network failures, HTTP errors and a missing manifest', async () => {
    const server = fakeServer(site);
    server.override.set('mnist/test-001.bin', 'network-error');
    await expect(
      loadImageSet('mnist', 'test', { baseUrl: BASE, fetch: server.fetch, cacheStorage: null }),
    ).rejects.toThrow(/Could not download MNIST test images \(mnist\/test-001\.bin\): Failed to fetch/);

    const server2 = fakeServer(site);
    server2.override.set('mnist/test-000.bin', 404);
    await expect(
      loadImageSet('mnist', 'test', { baseUrl: BASE, fetch: server2.fetch, cacheStorage: null }),
    ).rejects.toThrow(/mnist\/test-000\.bin\): HTTP 404 Not Found/);

    const server3 = fakeServer(site);
    server3.override.set('manifest.json', 404);
    await expect(
      loadImageSet('mnist', 'test', { baseUrl: BASE, fetch: server3.fetch, cacheStorage: null }),
    ).rejects.toThrow(/Data manifest not found at http:\/\/course\.test\/data\/manifest\.json \(HTTP 404\)/);
  });

  it('serves a second visit from the Cache API without fetching any shard', async () => {
    const storage = new MemoryCacheStorage();
    const first = fakeServer(site);
    await loadImageSet('fashion-mnist', 'train', { baseUrl: BASE, fetch: first.fetch, cacheStorage: storage.asCacheStorage() });
    expect(shardFiles(first.requests)).toEqual(['fashion-mnist/train-000.bin']);

    // A new page visit: a new fetch (so no in-memory manifest), the same persistent cache.
    const second = fakeServer(site);
    const events: LoadProgress[] = [];
    const set = await loadImageSet('fashion-mnist', 'train', {
      baseUrl: BASE,
      fetch: second.fetch,
      cacheStorage: storage.asCacheStorage(),
      onProgress: (p) => events.push({ ...p }),
    });
    expect(shardFiles(second.requests)).toEqual([]);
    expect(set.images).toEqual(expected('fashion-mnist', 'train', 1000).images);
    expect(events.at(-1)).toEqual({ loadedBytes: 785016, totalBytes: 785016, fromCache: true });
  });

  it('uses the cached manifest when the network is down', async () => {
    const storage = new MemoryCacheStorage();
    await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const offline = fakeServer(site);
    for (const path of ['manifest.json', ...site.files.keys()]) offline.override.set(path, 'network-error');
    const set = await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: offline.fetch, cacheStorage: storage.asCacheStorage() });
    expect(set.count).toBe(1000);
    expect(shardFiles(offline.requests)).toEqual([]);
  });

  it('offline, reads what is stored without asking the network, and names what is not stored', async () => {
    const storage = new MemoryCacheStorage();
    await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const onLine = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    try {
      const offline = fakeServer(site);
      const set = await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: offline.fetch, cacheStorage: storage.asCacheStorage() });
      expect(set.count).toBe(1000);
      expect(offline.requests).toEqual([]); // not even the manifest: a failed request is a console error
      await expect(loadImageSet('fashion-mnist', 'test', { baseUrl: BASE, fetch: offline.fetch, cacheStorage: storage.asCacheStorage() }))
        .rejects.toThrow('Fashion-MNIST is not stored on this device yet, and the device is offline.');
      expect(shardFiles(offline.requests)).toEqual([]);
    } finally {
      if (onLine) Object.defineProperty(globalThis, 'navigator', onLine);
      else Reflect.deleteProperty(globalThis, 'navigator');
    }
  });

  it('evicts a corrupt cached shard and fetches it again', async () => {
    const storage = new MemoryCacheStorage();
    await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const cache = storage.caches.get(DATA_CACHE_NAME)!;
    const key = [...cache.entries.keys()].find((k) => k.includes('mnist/train-000.bin?sha256='))!;
    const damaged = cache.entries.get(key)!.slice();
    damaged[100] = damaged[100]! ^ 1;
    cache.entries.set(key, damaged);

    const server = fakeServer(site);
    const set = await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: server.fetch, cacheStorage: storage.asCacheStorage() });
    expect(shardFiles(server.requests)).toEqual(['mnist/train-000.bin']);
    expect(set.images).toEqual(expected('mnist', 'train', 1000).images);
    expect(cache.entries.get(key)).toEqual(site.files.get('mnist/train-000.bin'));
  });

  it('drops cache entries of an older build of the same shard and old cache versions', async () => {
    const storage = new MemoryCacheStorage();
    const old = await storage.open('bottleneck-data-v0');
    old.entries.set(`${BASE}mnist/train-000.bin`, new Uint8Array(3));
    const current = await storage.open(DATA_CACHE_NAME);
    current.entries.set(`${BASE}mnist/train-000.bin?sha256=${'0'.repeat(64)}`, new Uint8Array(3));
    await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    await new Promise((r) => setTimeout(r, 0));
    expect(await storage.keys()).toEqual([DATA_CACHE_NAME]);
    expect([...current.entries.keys()].filter((k) => k.includes('train-000'))).toEqual([
      `${BASE}mnist/train-000.bin?sha256=${site.manifest.datasets.mnist.splits.train.shards[0]!.sha256}`,
    ]);
  });

  it('keeps working when the Cache API refuses to open', async () => {
    const refusing = { open: () => Promise.reject(new DOMException('denied', 'SecurityError')) } as unknown as CacheStorage;
    const server = fakeServer(site);
    const set = await loadImageSet('mnist', 'test', { limit: 10, baseUrl: BASE, fetch: server.fetch, cacheStorage: refusing });
    expect(set.count).toBe(10);
  });

  it('can be aborted mid-download, rejecting with the abort reason', async () => {
    const server = fakeServer(site);
    server.stall = true;
    const controller = new AbortController();
    const events: LoadProgress[] = [];
    const loading = loadImageSet('mnist', 'test', {
      baseUrl: BASE,
      fetch: server.fetch,
      cacheStorage: null,
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.loadedBytes > 0) controller.abort(new DOMException('Reader left the page', 'AbortError'));
      },
    });
    await expect(loading).rejects.toThrow('Reader left the page');
    expect(events.some((e) => e.loadedBytes > 0)).toBe(true);

    const already = new AbortController();
    already.abort();
    await expect(
      loadImageSet('mnist', 'test', { baseUrl: BASE, fetch: server.fetch, cacheStorage: null, signal: already.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('imageAt', () => {
  it('returns a 784-long view of one image and refuses indices outside the set', async () => {
    const set = await loadImageSet('mnist', 'test', { limit: 20, baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: null });
    const image = imageAt(set, 19);
    expect(image.length).toBe(784);
    expect(image).toEqual(set.images.subarray(19 * 784, 20 * 784));
    expect(image.buffer).toBe(set.images.buffer);
    expect(() => imageAt(set, 20)).toThrow(RangeError);
    expect(() => imageAt(set, -1)).toThrow(RangeError);
    expect(() => imageAt(set, 0.5)).toThrow(RangeError);
  });
});
