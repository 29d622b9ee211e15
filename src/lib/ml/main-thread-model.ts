/**
 * A stored model for a main-thread widget (the denoising widgets): a lease on the page's shared
 * copy (model-cache.ts), on tfjs's CPU backend, treating damaged or half-written weights as absent.
 * Release it on unmount or when swapping in a newer model; the last release frees the weights.
 */
import type { ModelRecord } from '../tasks/record';
import { modelCache, type ModelCache } from './model-cache';

export interface StoredModel {
  /** Shared: do not dispose it; call release() once. */
  model: import('@tensorflow/tfjs').LayersModel;
  record: ModelRecord;
  release(): void;
}

/**
 * The model stored under `key`, or undefined when nothing usable is stored: no IndexedDB, no
 * record, weights that fail to load, or a record `accept` turns down. Requests that name the same
 * `accept` function share one copy.
 */
export async function loadStoredModel(key: string, accept: (record: ModelRecord) => boolean = () => true, cache: ModelCache = modelCache): Promise<StoredModel | undefined> {
  const lease = await cache.acquire({ storeKey: key, accept, acceptName: accept.name || 'custom' });
  if (!lease) return undefined;
  if (!lease.record) {
    lease.release(); // only shipped weights come without a record, and none were asked for
    return undefined;
  }
  return { model: lease.model, record: lease.record, release: lease.release };
}
