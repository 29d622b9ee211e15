import { describe, expect, it } from 'vitest';
import { datasetStorage, removeStoredDatasets, storeAllDatasets } from '../../../src/lib/data/offline-store';
import { loadImageSet } from '../../../src/lib/data/loader';
import { BASE, fakeServer, makeSite, MemoryCacheStorage } from './fake-web';

const site = makeSite();
const bins = (requests: string[]) => requests.filter((r) => r.endsWith('.bin'));

describe('storing the data sets for offline use', () => {
  it('counts what a lesson already stored, stores the rest once, and removes it all', async () => {
    const storage = new MemoryCacheStorage();
    const where = () => ({ baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const empty = await datasetStorage(where());
    expect(empty.map((d) => [d.dataset, d.storedBytes])).toEqual([['mnist', 0], ['fashion-mnist', 0]]);
    expect(empty.every((d) => d.totalBytes > 0)).toBe(true);

    // A lesson loaded 500 MNIST test images: that shard counts already.
    await loadImageSet('mnist', 'test', { ...where(), limit: 500 });
    const shard = site.manifest.datasets.mnist.splits.test.shards[0]!;
    expect((await datasetStorage(where()))[0]!.storedBytes).toBe(shard.bytes);

    const server = fakeServer(site);
    const progress: number[] = [];
    await storeAllDatasets({ baseUrl: BASE, fetch: server.fetch, cacheStorage: storage.asCacheStorage(), onProgress: (p) => progress.push(p.loaded / p.total) });
    expect(bins(server.requests)).not.toContain(shard.file); // never stored twice
    const full = await datasetStorage(where());
    expect(full.every((d) => d.storedBytes === d.totalBytes)).toBe(true);
    expect(progress.at(-1)).toBe(1);

    await removeStoredDatasets(storage.asCacheStorage());
    expect((await datasetStorage(where())).every((d) => d.storedBytes === 0)).toBe(true);
  });

  it('a cancelled download keeps only whole shards, which later loads use', async () => {
    const storage = new MemoryCacheStorage();
    const controller = new AbortController();
    const server = fakeServer(site);
    let seen = 0;
    await expect(storeAllDatasets({
      baseUrl: BASE, fetch: server.fetch, cacheStorage: storage.asCacheStorage(), signal: controller.signal,
      onProgress: (p) => { seen = p.loaded; if (p.loaded > p.total / 3) controller.abort(new DOMException('Cancelled', 'AbortError')); },
    })).rejects.toThrow('Cancelled');
    expect(seen).toBeGreaterThan(0);
    const partial = await datasetStorage({ baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const stored = partial.reduce((n, d) => n + d.storedBytes, 0);
    const total = partial.reduce((n, d) => n + d.totalBytes, 0);
    expect(stored).toBeLessThan(total);
    // Every stored entry is a whole, verified shard: loading everything again fetches only the rest.
    const again = fakeServer(site);
    await storeAllDatasets({ baseUrl: BASE, fetch: again.fetch, cacheStorage: storage.asCacheStorage() });
    const all = site.manifest.datasets.mnist.splits.train.shards.length + site.manifest.datasets.mnist.splits.test.shards.length
      + site.manifest.datasets['fashion-mnist'].splits.train.shards.length + site.manifest.datasets['fashion-mnist'].splits.test.shards.length;
    expect(bins(again.requests).length).toBeLessThan(all);
  });

  it('a full quota stores what fits, and says how much that is', async () => {
    const storage = new MemoryCacheStorage();
    const cache = await storage.open('bottleneck-data-v1');
    const put = cache.put.bind(cache);
    let room = 3; // entries the quota still allows (the manifest, then two shards)
    cache.put = async (request, response) => {
      if (room-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put(request, response);
    };
    await storeAllDatasets({ baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const after = await datasetStorage({ baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage() });
    const stored = after.reduce((n, d) => n + d.storedBytes, 0);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(after.reduce((n, d) => n + d.totalBytes, 0));
    // What is stored is whole: reading it back checks each shard's sha256.
    const set = await loadImageSet('mnist', 'train', { baseUrl: BASE, fetch: fakeServer(site).fetch, cacheStorage: storage.asCacheStorage(), limit: 10 });
    expect(set.count).toBe(10);
  });
});
