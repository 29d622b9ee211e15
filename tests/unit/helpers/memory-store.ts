/** In-memory model store and a worker-handler harness, for Node tests of the training worker. */
import * as tf from '@tensorflow/tfjs';
import { ModelStore, type MetaStore, type ModelRecord, type WeightStore } from '../../../src/lib/ml/model-store';
import { createTrainingHandler, type HandlerDeps } from '../../../src/lib/workers/handler';
import type { WorkerEvent } from '../../../src/lib/workers/protocol';

/** A record whose task-specific fields tests read without narrowing first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseRecord = ModelRecord & { [field: string]: any };

export function memoryStore() {
  // Loose on purpose: tests read any task's fields from the records they expect.
  const records = new Map<string, LooseRecord>();
  const artifacts = new Map<string, tf.io.ModelArtifacts>();
  const meta: MetaStore = {
    get: async (k) => records.get(k), put: async (r) => void records.set(r.key, r as LooseRecord),
    list: async () => [...records.values()], delete: async (k) => void records.delete(k),
  };
  const weights: WeightStore = {
    save: async (model, key) => void (await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts.set(key, a);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }))),
    load: async (key) => tf.loadLayersModel(tf.io.fromMemory(artifacts.get(key)!)),
    remove: async (key) => void artifacts.delete(key),
  };
  return { store: new ModelStore(meta, weights), records };
}

/** The weights stored under `key`, as plain arrays (the loaded model is disposed). */
export async function storedWeights(store: ModelStore, key: string): Promise<Float32Array[]> {
  const { model } = (await store.load(key))!;
  const values = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  model.dispose();
  return values;
}

export function harness(store?: ModelStore, deps: Partial<HandlerDeps> = {}) {
  const events: WorkerEvent[] = [];
  const handle = createTrainingHandler({ post: (e) => events.push(e), progressIntervalMs: 0, ...(store ? { modelStore: store } : {}), ...deps });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return { handle, of };
}

