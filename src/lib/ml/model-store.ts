/**
 * Trained models kept in the browser so later cells and lessons can reuse them: weights through
 * tf.io ('indexeddb://bottleneck-<key>') and a checked record beside them (record-store.ts, which
 * display islands use without tfjs). Works in the page and in the worker. Both halves are
 * interfaces, so Node tests run the same logic with in-memory stores.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRecord } from '../tasks/record';
import { browserMetaStore, checkKey, listRecords, readRecord, type MetaStore } from './record-store';

export type {
  EpochStats, ModelRecord, ReconstructionRecord, RecordOf, StoredAnomalyScores, StoredPredictions, StoredReconstructions,
} from '../tasks/record';
export { isReconstructionRecord } from '../tasks/record';
export { indexedDbMetaStore, type MetaStore } from './record-store';

export interface WeightStore {
  save(model: tf.LayersModel, key: string): Promise<void>;
  load(key: string): Promise<tf.LayersModel>;
  remove(key: string): Promise<void>;
}

export class ModelStore {
  constructor(private readonly meta: MetaStore, private readonly weights: WeightStore) {}

  /** Saves weights first, then the record, so a record never points at missing weights. */
  async save(model: tf.LayersModel, record: ModelRecord): Promise<void> {
    checkKey(record.key);
    await this.weights.save(model, record.key);
    await this.meta.put(record);
  }

  /** The record alone (cheap: no weights); undefined when none is stored or it is damaged. */
  get(key: string): Promise<ModelRecord | undefined> {
    return readRecord(this.meta, key);
  }

  /** Weights and record; the caller owns (and disposes) the model. Undefined when nothing usable is stored. */
  async load(key: string): Promise<{ model: tf.LayersModel; record: ModelRecord } | undefined> {
    const record = await this.get(key);
    if (!record) return undefined;
    return { model: await this.weights.load(key), record };
  }

  /** All usable records, newest first. */
  list(): Promise<ModelRecord[]> {
    return listRecords(this.meta);
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.meta.delete(key);
    await this.weights.remove(key).catch(() => undefined); // already gone is fine
  }
}

export const weightsUrl = (key: string): string => `indexeddb://bottleneck-${key}`;

/** Weights through tf.io's IndexedDB handler. */
export function tfIndexedDbWeightStore(): WeightStore {
  return {
    save: async (model, key) => void (await model.save(weightsUrl(key))),
    load: (key) => tf.loadLayersModel(weightsUrl(key)),
    remove: async (key) => void (await tf.io.removeModel(weightsUrl(key))),
  };
}

/** The store the site uses; undefined where IndexedDB is missing (private modes, old browsers). */
export function browserModelStore(): ModelStore | undefined {
  const meta = browserMetaStore();
  return meta ? new ModelStore(meta, tfIndexedDbWeightStore()) : undefined;
}

