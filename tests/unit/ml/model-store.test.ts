import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ModelStore, type MetaStore, type ModelRecord, type WeightStore } from '../../../src/lib/ml/model-store';
import { describeRecord } from '../../../src/lib/ml/record-text';
import { buildDenseClassifier } from '../../../src/lib/ml/models-classification';
import { disposeModel } from '../../../src/lib/ml/models';

/** In-memory stand-ins for IndexedDB: the metadata map and tf.io model artifacts. */
function memoryStores() {
  const records = new Map<string, unknown>();
  const artifacts = new Map<string, tf.io.ModelArtifacts>();
  const meta: MetaStore = {
    get: async (key) => structuredClone(records.get(key)),
    put: async (r) => void records.set(r.key, structuredClone(r)),
    list: async () => [...records.values()].map((r) => structuredClone(r)),
    delete: async (key) => void records.delete(key),
  };
  const weights: WeightStore = {
    save: async (model, key) => void (await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts.set(key, a);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }))),
    load: async (key) => {
      const a = artifacts.get(key);
      if (!a) throw new Error(`no weights for ${key}`);
      return tf.loadLayersModel(tf.io.fromMemory(a));
    },
    remove: async (key) => void artifacts.delete(key),
  };
  return { meta, weights, records, artifacts };
}

const record = (key: string, savedAt: string, testAccuracy = 0.871): ModelRecord => ({
  key, task: 'classifier', model: 'dense-784-128-10', source: 'trained', dataset: 'fashion-mnist', trainExamples: 60000, epochs: 5,
  hyper: { learningRate: 0.001, batchSize: 64, epochs: 5 }, seed: 1, backend: 'wasm', testAccuracy, testLoss: 0.36,
  testExamples: 10000, trainAccuracy: 0.9, history: [{ epoch: 1, loss: 0.5, accuracy: 0.82 }], savedAt,
});

describe('model store', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('round-trips weights and metadata; the loaded model predicts exactly like the saved one', async () => {
    const { meta, weights } = memoryStores();
    const store = new ModelStore(meta, weights);
    const model = buildDenseClassifier(7, {}, 16);
    await store.save(model, record('cls-dense', '2026-01-01T00:00:00Z'));
    const loaded = await store.load('cls-dense');
    expect(loaded?.record.testAccuracy).toBe(0.871);
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded!.model.predict(x) as tf.Tensor;
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    disposeModel(model);
    loaded!.model.dispose();
    expect(await store.load('missing')).toBeUndefined();
  });

  it('lists newest first, removes both halves, and rejects bad keys', async () => {
    const { meta, weights, artifacts } = memoryStores();
    const store = new ModelStore(meta, weights);
    const model = buildDenseClassifier(1, {}, 4);
    await store.save(model, record('old', '2026-01-01T00:00:00Z'));
    await store.save(model, record('new', '2026-02-01T00:00:00Z'));
    expect((await store.list()).map((r) => r.key)).toEqual(['new', 'old']);
    await store.remove('old');
    expect((await store.list()).map((r) => r.key)).toEqual(['new']);
    expect(artifacts.has('old')).toBe(false);
    await expect(store.save(model, record('Bad Key', '2026-01-01T00:00:00Z'))).rejects.toThrow(/lowercase/);
    disposeModel(model);
  });

  it('writes no record when the weights fail to save', async () => {
    const { meta, weights, records } = memoryStores();
    const store = new ModelStore(meta, { ...weights, save: async () => { throw new Error('quota exceeded'); } });
    const model = buildDenseClassifier(1, {}, 4);
    await expect(store.save(model, record('x', '2026-01-01T00:00:00Z'))).rejects.toThrow(/quota/);
    expect(records.size).toBe(0);
    disposeModel(model);
  });

  it('describes a record in words', () => {
    expect(describeRecord(record('k', 'x'))).toBe('trained on 60,000 Fashion-MNIST images, 5 epochs, test accuracy 87.1%');
    expect(describeRecord({ ...record('k', 'x'), source: 'pretrained', epochs: 1 })).toMatch(/^pretrained weights, trained on .* 1 epoch,/);
  });
});
