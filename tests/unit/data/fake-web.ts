// Test doubles for the loader: a tiny data site served by a fake fetch, and an in-memory Cache
// API (Node has fetch and Response but no `caches`). Both record what they were asked.
import { shardSplit } from '../../../scripts/data/build';
import { CLASS_NAMES, type DatasetId, type SplitId } from '../../../src/lib/data/datasets';
import { MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, type DataManifest, type DatasetInfo, type SplitInfo } from '../../../src/lib/data/manifest';

export const BASE = 'http://course.test/data/';

/** Synthetic split: image k has label k % 10 and every pixel equal to (k * 7 + p) % 256. */
export function syntheticSplit(dataset: DatasetId, split: SplitId, count: number) {
  const labels = Uint8Array.from({ length: count }, (_, k) => k % 10);
  const images = new Uint8Array(count * 784);
  for (let k = 0; k < count; k++) for (let p = 0; p < 784; p++) images[k * 784 + p] = (k * 7 + p) % 256;
  return shardSplit(dataset, split, images, labels, 'synthetic');
}

/** A complete small site: mnist test has 2,500 images (3 shards), the others 1,000 each. */
export function makeSite() {
  const files = new Map<string, Uint8Array>();
  const dataset = (id: DatasetId, testCount: number): DatasetInfo => {
    const splits = {} as Record<SplitId, SplitInfo>;
    for (const [split, count] of [['train', 1000], ['test', testCount]] as const) {
      const built = syntheticSplit(id, split, count);
      splits[split] = built.info;
      for (const f of built.files) files.set(f.file, f.bytes);
    }
    return {
      title: id,
      classNames: CLASS_NAMES[id],
      source: { package: 'test', version: '0', files: '', homepage: '' },
      license: 'test',
      attribution: 'test',
      droppedRows: [],
      splits,
    };
  };
  const manifest: DataManifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    shardFormat: 'test',
    imagesPerShard: 1000,
    inputs: { scriptVersion: 0, packages: {} },
    datasets: { mnist: dataset('mnist', 2500), 'fashion-mnist': dataset('fashion-mnist', 1000) },
  };
  return { manifest, files };
}

export interface FakeServer {
  fetch: typeof fetch;
  /** Paths requested, relative to BASE, in order. */
  requests: string[];
  /** Replace what a path serves (e.g. a corrupted shard). */
  override: Map<string, Uint8Array | 'network-error' | 404>;
  /** Make every body stall after its first chunk until the request is aborted. */
  stall: boolean;
}

/** Serves `site` from BASE; bodies stream in 100,000-byte chunks and honour the abort signal. */
export function fakeServer(site: { manifest: DataManifest; files: Map<string, Uint8Array> }): FakeServer {
  const server: FakeServer = {
    requests: [],
    override: new Map(),
    stall: false,
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const path = url.startsWith(BASE) ? url.slice(BASE.length) : url;
      server.requests.push(path);
      const signal = init?.signal ?? undefined;
      signal?.throwIfAborted();
      const override = server.override.get(path);
      if (override === 'network-error') throw new TypeError('Failed to fetch');
      if (override === 404) return new Response('Not found', { status: 404, statusText: 'Not Found' });
      const body =
        override ?? (path === 'manifest.json' ? new TextEncoder().encode(JSON.stringify(site.manifest)) : site.files.get(path));
      if (!body) return new Response('Not found', { status: 404, statusText: 'Not Found' });
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
        },
        async pull(controller) {
          await new Promise((r) => setTimeout(r, 0));
          if (signal?.aborted) return;
          if (sent >= body.length) return controller.close();
          if (server.stall && sent > 0) return new Promise<void>(() => {});
          controller.enqueue(body.slice(sent, sent + 100_000));
          sent += 100_000;
        },
      });
      return new Response(stream, { status: 200, headers: { 'Content-Length': String(body.length) } });
    },
  };
  return server;
}

class MemoryCache {
  readonly entries = new Map<string, Uint8Array>();
  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const bytes = this.entries.get(String(request instanceof Request ? request.url : request));
    return bytes ? new Response(bytes.slice()) : undefined;
  }
  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(request instanceof Request ? request.url : request), new Uint8Array(await response.arrayBuffer()));
  }
  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(String(request instanceof Request ? request.url : request));
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

/** In-memory stand-in for the parts of CacheStorage and Cache the loader uses. */
export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new MemoryCache()));
    return cache;
  }
  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }
  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}
