import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ModelCache } from '../../../src/lib/ml/model-cache';
import { buildDenseAutoencoder } from '../../../src/lib/ml/models-autoencoder';
import { disposeModel } from '../../../src/lib/ml/models';
import { isReconstructionRecord, type ModelRecord } from '../../../src/lib/tasks/record';
import { memoryStore } from '../helpers/memory-store';

const record = (key: string): ModelRecord => ({
  key, task: 'autoencoder', model: 'dense-autoencoder', bottleneck: 4, testMse: 0.02, testPsnr: 17, source: 'trained', dataset: 'mnist',
  trainExamples: 10, epochs: 1, hyper: { epochs: 1, batchSize: 8, learningRate: 0.001 }, seed: 1, backend: 'cpu',
  testAccuracy: NaN, testLoss: 0.02, testExamples: 5, trainAccuracy: NaN, history: [], savedAt: '2026-12-06T00:00:00Z',
});

describe('model cache', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives widgets asking for the same model one shared copy, and frees it at the last release', async () => {
    const { store } = memoryStore();
    const built = buildDenseAutoencoder(1, {}, 4);
    await store.save(built, record('ae-x'));
    disposeModel(built);
    const cache = new ModelCache(() => store);
    const before = tf.memory().numTensors;
    const [a, b] = await Promise.all([cache.acquire({ storeKey: 'ae-x' }), cache.acquire({ storeKey: 'ae-x' })]);
    expect(a!.model).toBe(b!.model);
    const oneCopy = tf.memory().numTensors - before;
    expect(oneCopy).toBe(a!.model.weights.length); // one set of weights, not two
    a!.release();
    a!.release(); // twice is harmless
    expect(tf.memory().numTensors - before).toBe(oneCopy);
    b!.release();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    expect(cache.size).toBe(0);
    cache.close();
  });

  it('loads a newly stored model for new requests while holders keep the old copy until they release it', async () => {
    const { store } = memoryStore();
    const first = buildDenseAutoencoder(1, {}, 4);
    await store.save(first, record('ae-y'));
    disposeModel(first);
    const cache = new ModelCache(() => store);
    const before = tf.memory().numTensors;
    const old = await cache.acquire({ storeKey: 'ae-y', accept: isReconstructionRecord, acceptName: 'reconstructing' });
    const second = buildDenseAutoencoder(2, {}, 4);
    await store.save(second, { ...record('ae-y'), seed: 2 });
    disposeModel(second);
    cache.invalidate('ae-y');
    const fresh = await cache.acquire({ storeKey: 'ae-y', accept: isReconstructionRecord, acceptName: 'reconstructing' });
    expect(fresh!.model).not.toBe(old!.model);
    expect(fresh!.record!.seed).toBe(2);
    expect(old!.model.getWeights()[0]!.dataSync().length).toBeGreaterThan(0); // still usable
    old!.release();
    fresh!.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    // A record the request turns down counts as none (nothing shipped to fall back on).
    expect(await cache.acquire({ storeKey: 'ae-y', accept: (r) => r.task === 'classifier', acceptName: 'classifiers' })).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    cache.close();
  });
});
