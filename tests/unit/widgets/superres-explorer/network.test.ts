import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak } from '../../../../src/lib/ml/memory';
import { ModelCache } from '../../../../src/lib/ml/model-cache';
import type { ModelRecord } from '../../../../src/lib/tasks/record';
import { buildSuperres } from '../../../../src/lib/tasks/superres/model';
import { mulberry32 } from '../../../../src/lib/ml/random';
import { acceptsRecord, acquireNetwork, networkUpscaler, upscaleWith } from '../../../../src/widgets/superres-explorer/network';
import { shippedSuperresUrl as shippedUrl } from '../../../../src/lib/ml/model-info';
import { failedView, otherHint, readyView } from '../../../../src/widgets/superres-explorer/network-text';
import { computePanels, PIXELS } from '../../../../src/widgets/superres-explorer/panels';
import { readSplit } from '../../../../scripts/pretrain/common';
import { memoryStore } from '../../helpers/memory-store';

const models: tf.LayersModel[] = [];
beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  models.push(buildSuperres('sr-upsample', 2, 1), buildSuperres('sr-transposed', 4, 2));
});
afterAll(() => models.forEach((m) => m.dispose()));

const digit = (): Uint8Array => new Uint8Array(PIXELS).map((_, i) => (Math.abs((i % 28) - 14) < 3 && i > 120 && i < 660 ? 230 : 0));

const record = (over: Partial<ModelRecord> = {}): ModelRecord => ({
  key: 'sr', task: 'superres', model: 'sr-upsample', scale: 2, testMse: 0.003, testPsnr: 25.13, source: 'trained', dataset: 'mnist',
  trainExamples: 5000, epochs: 2, hyper: { epochs: 2, batchSize: 64, learningRate: 0.003 }, seed: 1, backend: 'cpu',
  testAccuracy: NaN, testLoss: 0.003, testExamples: 1000, trainAccuracy: NaN, history: [], savedAt: '2026-12-06T00:00:00Z', ...over,
} as ModelRecord);

describe('superres explorer: the network', () => {
  it('upscales a [1, side, side, 1] input to 784 pixels in 0…1, matching model.predict clipped, leaving no tensor', async () => {
    for (const [model, side] of [[models[0]!, 14], [models[1]!, 7]] as const) {
      const low = Float32Array.from({ length: side * side }, mulberry32(side));
      const out = await assertNoLeak('upscaleWith', () => upscaleWith(model, low, side));
      expect(out).toHaveLength(PIXELS);
      const expected = tf.tidy(() => (model.predict(tf.tensor4d(low, [1, side, side, 1])) as tf.Tensor).clipByValue(0, 1).dataSync());
      expect(Math.max(...out.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-6);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect(() => upscaleWith(models[0]!, new Float32Array(10), 14)).toThrow(/not a 14 × 14 image/);
  });

  it('computing the panels with the network leaves tf.memory().numTensors unchanged', async () => {
    for (const [model, scale] of [[models[0]!, 2], [models[1]!, 4]] as const) {
      const before = tf.memory().numTensors;
      const p = computePanels(digit(), scale, networkUpscaler(model));
      expect(tf.memory().numTensors).toBe(before);
      expect(p.network).toHaveLength(PIXELS);
      expect(Number.isFinite(p.psnr.network)).toBe(true);
    }
    // The wrong network for the scale: a sentence, not a crash, and still no tensor left.
    const before = tf.memory().numTensors;
    const wrong = computePanels(digit(), 4, networkUpscaler(models[0]!));
    expect(tf.memory().numTensors).toBe(before);
    expect(wrong.network).toBeNull();
    expect(wrong.networkError).toMatch(/could not run/);
  });

  it('takes the reader\'s stored network only for its data set and scale, through the shared cache, without leaking', async () => {
    const { store } = memoryStore();
    await store.save(models[0]!, record());
    const cache = new ModelCache(() => store);
    const before = tf.memory().numTensors;
    const lease = await acquireNetwork('sr', 'mnist', 2, '/base', cache);
    expect(lease.record?.trainExamples).toBe(5000);
    expect(lease.model.inputs[0]!.shape).toEqual([null, 14, 14, 1]);
    lease.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    // Another scale: the stored one is turned down (and freed); the shipped URL does not exist in Node.
    await expect(acquireNetwork('sr', 'mnist', 4, '/base', cache)).rejects.toThrow();
    await expect(acquireNetwork('sr', 'fashion-mnist', 2, '/base', cache)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    expect(cache.size).toBe(0);
    cache.close();
    expect(acceptsRecord('mnist', 2)(record())).toBe(true);
    expect(acceptsRecord('mnist', 4)(record())).toBe(false);
    expect(acceptsRecord('fashion-mnist', 2)(record())).toBe(false);
    expect(shippedUrl('/bottleneck', 'fashion-mnist', 4)).toBe('/bottleneck/models/sr-fashion-mnist-x4/');
    expect(shippedUrl('/', 'mnist', 2)).toBe('/models/sr-mnist-x2/');
  });

  it('says whose network it is in one line', () => {
    expect(readyView(record(), {}, 'mnist', 2).line).toBe('Network: yours, trained on 5,000 MNIST images, ×2, test PSNR 25.1 dB');
    expect(readyView(record({ source: 'pretrained', trainExamples: 20000 }), {}, 'mnist', 2)).toMatchObject({ whose: 'pretrained', line: expect.stringContaining('pretrained one, loaded in the training cell, trained on 20,000 MNIST') });
    expect(readyView(null, {}, 'mnist', 2)).toEqual({ status: 'ready', whose: 'shipped', line: "Network: the course's shipped one (train your own in the cell above)" });
    const meta = { trainExamples: 20000, testPsnr: 27.42, dataset: 'fashion-mnist', scale: 4 };
    expect(readyView(null, meta, 'fashion-mnist', 4).line).toBe("Network: the course's shipped one, trained on 20,000 Fashion-MNIST images, ×4, test PSNR 27.4 dB (train your own in the cell above)");
    expect(readyView(null, {}, 'mnist', 4, record()).line).toMatch(/\. Yours was trained on MNIST at ×2: choose those to see it\.$/);
    expect(otherHint(record(), 'mnist', 2)).toBe('');
    expect(otherHint(record({ source: 'pretrained' }), 'mnist', 4)).toBe('');
    expect(readyView(record({ testPsnr: NaN }), {}, 'mnist', 2).line).toMatch(/not tested$/);
    expect(failedView(new Error('no network is stored or shipped for this choice')).line).toBe('The network could not be loaded (no network is stored or shipped for this choice), so its panel stays empty; nearest and bicubic are still shown.');
    const http = new Error('Request to /models/sr-mnist-x4/model.json failed with status code 404. Please verify this URL points to the model JSON of the model to load.');
    expect(failedView(http).line).toBe('The network could not be loaded (the server answered 404 for its weights), so its panel stays empty; nearest and bicubic are still shown.');
  });
});

const SHIPPED = 'public/models/sr-mnist-x2';

describe.runIf(existsSync(join(SHIPPED, 'model.json')) && existsSync('public/data/manifest.json'))('the shipped ×2 MNIST network in the explorer', () => {
  it('beats bicubic on real test digits, as its SOURCE.md says', async () => {
    const json = JSON.parse(readFileSync(join(SHIPPED, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weightData = new Uint8Array(readFileSync(join(SHIPPED, 'weights.bin'))).buffer;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData }));
    const test = readSplit('mnist', 'test', 20);
    const before = tf.memory().numTensors;
    let wins = 0;
    for (let i = 0; i < 20; i++) {
      const p = computePanels(test.images.subarray(i * PIXELS, (i + 1) * PIXELS), 2, networkUpscaler(model));
      if (p.best === 'network') wins++;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(wins).toBeGreaterThanOrEqual(18);
    model.dispose();
  });
});
