import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak } from '../../../../src/lib/ml/memory';
import { loadStoredModel } from '../../../../src/lib/ml/main-thread-model';
import { ModelCache } from '../../../../src/lib/ml/model-cache';
import { storedRecord } from '../../../../src/lib/ml/record-store';
import type { ModelRecord } from '../../../../src/lib/ml/model-store';
import { trainingCorruption } from '../../../../src/lib/tasks/record';
import { buildDenseAutoencoder } from '../../../../src/lib/ml/models-autoencoder';
import { mulberry32 } from '../../../../src/lib/ml/random';
import { denoiseRows, PIXELS } from '../../../../src/widgets/denoise-explorer/denoise';
import { denoiseBatch, INFER_BATCH, modelDenoiser } from '../../../../src/widgets/denoise-explorer/infer';
import { memoryStore } from '../../helpers/memory-store';

let model: tf.LayersModel;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  model = buildDenseAutoencoder(3, {}, 4);
});
afterAll(() => model.dispose());

const noise = (count: number, seed: number): Float32Array => Float32Array.from({ length: count * PIXELS }, mulberry32(seed));

describe('denoise explorer: inference', () => {
  it('matches model.predict image for image, across batch boundaries, and leaves no tensor', async () => {
    const count = INFER_BATCH + 5;
    const input = noise(count, 1);
    const out = await assertNoLeak('denoiseBatch', () => denoiseBatch(model, input, count));
    expect(out).toHaveLength(count * PIXELS);
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(input, [count, 28, 28, 1])) as tf.Tensor).dataSync());
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-5);
    // A sigmoid output: every value in (0, 1), and not a copy of the input.
    expect(out.every((v) => v > 0 && v < 1)).toBe(true);
    expect(out[0]).not.toBe(input[0]);
    expect(() => denoiseBatch(model, input, count + 1)).toThrow(/not 134 images/);
  });

  it('a whole explorer pass with the model leaves no tensor behind', async () => {
    const clean = new Uint8Array(6 * PIXELS).map((_, i) => (i % 28 > 10 && i % 28 < 16 ? 255 : 0));
    const rows = await assertNoLeak('denoiseRows', () => denoiseRows(clean, 6, { kind: 'gaussian', sigma: 0.5 }, mulberry32(2), modelDenoiser(model)));
    for (const row of rows) {
      expect(row.denoised).toHaveLength(PIXELS);
      expect(Number.isFinite(row.psnr.denoised)).toBe(true);
    }
  });
});

describe('main-thread model helper', () => {
  const record = (key: string): ModelRecord => ({
    key, model: 'dense-autoencoder', source: 'trained', dataset: 'mnist', trainExamples: 10, epochs: 1, hyper: { epochs: 1, batchSize: 8, learningRate: 0.001 },
    seed: 1, backend: 'cpu', testAccuracy: NaN, testLoss: 0, testExamples: 0, trainAccuracy: NaN, history: [], savedAt: new Date().toISOString(), task: 'denoiser',
    corruption: { kind: 'gaussian', sigma: 0.5 }, bottleneck: 16, testMse: NaN, testPsnr: NaN,
  });

  it('loads a stored model on the CPU backend, refuses one the caller turns down without leaking, and treats missing or broken weights as none', async () => {
    const { store } = memoryStore();
    await store.save(model, record('dn-test'));
    const before = tf.memory().numTensors;
    const cache = new ModelCache(() => store);
    const loaded = await loadStoredModel('dn-test', (r) => r.task === 'denoiser', cache);
    expect(trainingCorruption(loaded?.record)).toEqual({ kind: 'gaussian', sigma: 0.5 });
    expect(tf.getBackend()).toBe('cpu');
    const x = noise(2, 4);
    expect([...denoiseBatch(loaded!.model, x, 2)].slice(0, 20)).toEqual([...denoiseBatch(model, x, 2)].slice(0, 20));
    loaded!.release();
    expect(tf.memory().numTensors).toBe(before);

    expect(await loadStoredModel('dn-test', (r) => r.task === 'classifier', cache)).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    expect(await loadStoredModel('dn-none', undefined, cache)).toBeUndefined();
    expect(await loadStoredModel('dn-test', undefined, new ModelCache(() => undefined))).toBeUndefined();
    const broken = { ...store, load: () => Promise.reject(new Error('half-written')) } as unknown as typeof store;
    expect(await loadStoredModel('dn-test', undefined, new ModelCache(() => broken))).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    expect((await storedRecord('dn-test', { get: async () => (await store.get('dn-test')), put: async () => undefined, list: async () => [], delete: async () => undefined }))?.key).toBe('dn-test');
    expect(await storedRecord('dn-test', undefined)).toBeUndefined();
    cache.close();
  });
});
