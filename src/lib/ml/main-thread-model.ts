/**
 * A stored model used on the page's main thread (inspection and denoising widgets), the way the
 * feature-map viewer and the compression table already do it: tfjs's CPU backend (a handful of
 * images per call is a few milliseconds there, and it leaves the GPU to the training worker), and
 * the reader's weights from the model store, treating damaged or half-written weights as absent.
 *
 * Each widget loads its own copy and disposes it (unmount, or a newer model swapped in), so
 * mounting and unmounting leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { browserModelStore, type ModelRecord, type ModelStore } from './model-store';

export interface StoredModel {
  /** The caller owns it and disposes it. */
  model: tf.LayersModel;
  record: ModelRecord;
}

/** Switches the page's tfjs to the CPU backend unless it is already on it. */
export async function useMainThreadBackend(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

/**
 * The model stored under `key` on the CPU backend, or undefined when nothing usable is stored:
 * no IndexedDB, no record, weights that fail to load, or a record `accept` turns down (its
 * weights are then disposed here). The caller disposes the returned model.
 */
export async function loadStoredModel(
  key: string,
  accept: (record: ModelRecord) => boolean = () => true,
  store: ModelStore | undefined = browserModelStore(),
): Promise<StoredModel | undefined> {
  await useMainThreadBackend();
  let loaded: StoredModel | undefined;
  try {
    loaded = await store?.load(key);
  } catch {
    return undefined; // damaged or half-written weights: as if none were stored
  }
  if (loaded && !accept(loaded.record)) {
    loaded.model.dispose();
    return undefined;
  }
  return loaded;
}

/** The record alone under `key` (cheap: no weights), or undefined, also when IndexedDB is missing. */
export async function storedRecordOf(key: string, store: ModelStore | undefined = browserModelStore()): Promise<ModelRecord | undefined> {
  try {
    return await store?.get(key);
  } catch {
    return undefined;
  }
}
