/**
 * The page's main-thread copies of models: the reader's stored model when there is a usable one,
 * else the shipped weights, on tfjs's CPU backend (a handful of images per call takes a few
 * milliseconds there, and it leaves the GPU to the training worker).
 *
 * One copy per request, shared: widgets `acquire()` a lease and `release()` it on unmount; the
 * last release disposes the weights. When a cell stores a new model under the key, the next
 * acquire loads it afresh while holders of the old copy keep it until they let go. So lesson 4's
 * feature maps and filter gallery hold one CNN between them, and unmounting leaves no tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRecord } from '../tasks/record';
import { onModelSaved } from './model-events';
import { browserModelStore, type ModelStore } from './model-store';

export interface ModelRequest {
  /** Model-store key of the reader's model. */
  storeKey: string;
  /** Folder URL of shipped weights (ends with '/'; model.json inside), used when nothing usable is stored. */
  shippedUrl?: string;
  /** Which stored records are usable (a denoiser wants a reconstructing model); default any. */
  accept?: (record: ModelRecord) => boolean;
  /** Names `accept` for the cache key: requests with the same key, URL and acceptName share one copy. */
  acceptName?: string;
}

export interface CachedModel {
  model: tf.LayersModel;
  /** The stored record, or null for shipped weights. */
  record: ModelRecord | null;
  /** The shipped model's userDefinedMetadata (how it was trained), {} for a stored one. */
  meta: Record<string, unknown>;
}

/** A shared copy: do not dispose `model`; call release() when done (once). */
export interface ModelLease extends CachedModel {
  release(): void;
}

interface Entry {
  loading: Promise<CachedModel | undefined>;
  refs: number;
  /** A newer model was stored: dispose this copy at the last release, and load afresh for new requests. */
  stale: boolean;
  /** The loaded copy once `loading` settles, so the last release frees it at once. */
  value?: CachedModel | undefined;
}

/** Frees an entry's copy now if it has loaded, else as soon as it does. */
function disposeEntry(entry: Entry): void {
  if (entry.value) entry.value.model.dispose();
  else void entry.loading.then((m) => m?.model.dispose(), () => undefined);
}

const requestKey = (r: ModelRequest): string => `${r.storeKey}|${r.shippedUrl ?? ''}|${r.acceptName ?? ''}`;

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  /** Listens from construction, so the cache hears of a new model before any widget reloads. */
  private readonly unsubscribe: () => void;

  constructor(private readonly store: () => ModelStore | undefined = browserModelStore) {
    this.unsubscribe = onModelSaved((key) => this.invalidate(key));
  }

  /** Stops listening (tests make their own caches). */
  close(): void {
    this.unsubscribe();
  }

  /** A lease on the model, or undefined when nothing usable is stored and nothing is shipped. Throws when the shipped weights fail to load. */
  async acquire(request: ModelRequest): Promise<ModelLease | undefined> {
    const key = requestKey(request);
    let entry = this.entries.get(key);
    if (!entry || entry.stale) {
      const created: Entry = { loading: this.load(request), refs: 0, stale: false };
      created.loading.then((m) => (created.value = m), () => undefined);
      entry = created;
      this.entries.set(key, entry);
    }
    entry.refs += 1;
    const owner = entry;
    let loaded: CachedModel | undefined;
    try {
      loaded = await owner.loading;
    } catch (error) {
      this.drop(key, owner);
      throw error;
    }
    if (!loaded) {
      this.drop(key, owner);
      return undefined;
    }
    let released = false;
    return {
      ...loaded,
      release: () => {
        if (released) return;
        released = true;
        this.drop(key, owner);
      },
    };
  }

  /** Live copies (for tests and the memory check). */
  get size(): number {
    return this.entries.size;
  }

  /** Marks copies of `storeKey` stale: new requests load the newly stored model. */
  invalidate(storeKey: string): void {
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(`${storeKey}|`)) continue;
      entry.stale = true;
      this.entries.delete(key);
      if (entry.refs === 0) disposeEntry(entry);
    }
  }

  private drop(key: string, entry: Entry): void {
    entry.refs -= 1;
    if (entry.refs > 0) return;
    if (this.entries.get(key) === entry) this.entries.delete(key);
    disposeEntry(entry);
  }

  private async load(request: ModelRequest): Promise<CachedModel | undefined> {
    if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
    await tf.ready();
    try {
      const stored = await this.store()?.load(request.storeKey);
      if (stored) {
        if (!request.accept || request.accept(stored.record)) return { model: stored.model, record: stored.record, meta: {} };
        stored.model.dispose();
      }
    } catch {
      // Damaged or half-written weights, or no IndexedDB: as if none were stored.
    }
    if (!request.shippedUrl) return undefined;
    const model = await tf.loadLayersModel(`${request.shippedUrl}model.json`);
    return { model, record: null, meta: (model.getUserDefinedMetadata() ?? {}) as Record<string, unknown> };
  }
}

/** The page's cache: one per page, shared by every island. */
export const modelCache = new ModelCache();
