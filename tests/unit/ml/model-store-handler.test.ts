import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildDenseClassifier } from '../../../src/lib/ml/models-classification';
import { disposeModel } from '../../../src/lib/ml/models';
import type { ModelRecord } from '../../../src/lib/ml/model-store';
import type { StartPayload } from '../../../src/lib/workers/protocol';
import { harness, memoryStore } from '../helpers/memory-store';

// The worker handler's classification features, in Node with real tfjs: per-epoch validation,
// test evaluation, saving to the model store, evaluating stored weights, and the NaN stop.
const START: StartPayload = {
  task: 'classifier', model: 'dense-784-128-10', hyper: { learningRate: 0.01, batchSize: 32, epochs: 3 }, seed: 5, backend: 'cpu',
  data: { kind: 'synthetic', count: 400 }, baseUrl: '', hiddenUnits: 16,
  validationCount: 100, test: { kind: 'synthetic', count: 200 }, saveKey: 'cls-test',
};

describe('classification runs in the worker handler', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('validates every epoch, evaluates on the test data, stores the model, frees every tensor', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(tf.memory().numTensors).toBe(before);
    expect(of('error')).toEqual([]);
    expect(of('started')[0]!.payload.examples).toBe(300); // 100 of 400 held out
    const epochs = of('epoch').map((e) => e.payload);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of epochs) expect(e.valAccuracy).toBeGreaterThanOrEqual(0);
    const done = of('done')[0]!.payload;
    expect(done.test!.examples).toBe(200);
    expect(done.test!.accuracy).toBeGreaterThan(0.5); // synthetic classes are learnable; chance is 0.1
    const record = records.get('cls-test')!;
    expect(record).toMatchObject({ source: 'trained', trainExamples: 300, epochs: 3, hiddenUnits: 16, testAccuracy: done.test!.accuracy });
    expect(record.predictions!.predicted).toHaveLength(200);
    expect(record.history).toHaveLength(3);

    // The stored weights, evaluated without training, give the same test accuracy.
    await handle({ type: 'start', payload: { ...START, evaluateOnly: true, initialWeights: { kind: 'store', key: 'cls-test' }, saveKey: 'cls-copy' } });
    expect(of('error')).toEqual([]);
    expect(of('done')[1]!.payload.test!.accuracy).toBeCloseTo(done.test!.accuracy, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on a non-finite loss with an explanation, and frees everything', async () => {
    const { store } = memoryStore();
    const broken = buildDenseClassifier(1, {}, 16);
    const nan = broken.layers[1]!.getWeights().map((w) => tf.fill(w.shape, NaN));
    broken.layers[1]!.setWeights(nan);
    tf.dispose(nan);
    await store.save(broken, {
      key: 'broken', task: 'classifier', model: 'dense-784-128-10', hiddenUnits: 16, source: 'trained', dataset: 'fashion-mnist', trainExamples: 10, epochs: 1,
      hyper: START.hyper, seed: 1, backend: 'cpu', testAccuracy: NaN, testLoss: NaN, testExamples: 0, trainAccuracy: NaN, history: [], savedAt: '',
    } satisfies ModelRecord);
    disposeModel(broken);
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: { ...START, initialWeights: { kind: 'store', key: 'broken' }, saveKey: 'never' } });
    expect(of('error').map((e) => e.payload.message)).toEqual([expect.stringMatching(/^The loss became NaN .* epoch 1, batch 1.*lower learning rate than 0\.01/)]);
    expect(of('done')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses evaluateOnly without weights and test data', async () => {
    const { handle, of } = harness();
    const { test: _unused, ...withoutTest } = START;
    await handle({ type: 'start', payload: { ...withoutTest, evaluateOnly: true } });
    expect(of('error')[0]!.payload.message).toMatch(/evaluateOnly needs initialWeights and test/);
  });
});
