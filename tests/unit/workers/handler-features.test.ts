import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { PayloadOf } from '../../../src/lib/workers/protocol';
import { parseRequest } from '../../../src/lib/workers/protocol';
import { buildCnn } from '../../../src/lib/ml/models';
import { clearFeatureCache, featureCacheCounts } from '../../../src/lib/tasks/features/extract';
import { memoryRowsStore } from '../../../src/lib/tasks/features/rows-store';
import { syntheticImages } from '../../../src/lib/ml/synthetic';
import { harness, memoryStore } from '../helpers/memory-store';

// Lesson 6 through the generic worker handler: images become feature rows (pixels, or a stored
// or shipped CNN's layer) before the model is built, softmax regression learns from them, and
// everything made on the way is freed.
const START: PayloadOf<'features'> = {
  task: 'features', model: 'softmax-regression', features: 'pixels', hyper: { learningRate: 0.01, batchSize: 16, epochs: 4 }, seed: 5,
  backend: 'cpu', data: { kind: 'synthetic', count: 400 }, baseUrl: 'memory:', validationCount: 40, test: { kind: 'synthetic', count: 60 }, saveKey: 'feat',
};
const CLASSIFIER = { task: 'classifier', hyper: { learningRate: 0.003, batchSize: 8, epochs: 1 }, seed: 1, backend: 'cpu', data: { kind: 'synthetic', count: 8 }, baseUrl: '', test: { kind: 'synthetic', count: 8 } } as const;
/** Few images through a CNN: the cpu backend takes about 10 ms an image. */
const SMALL = { data: { kind: 'synthetic', count: 48 }, validationCount: 8, test: { kind: 'synthetic', count: 16 }, hyper: { ...START.hyper, epochs: 1 } } as const;

/** Serves "shipped" weights at memory:/models/cnn-fashion/model.json, as the site would. */
async function shipCnn(): Promise<void> {
  const cnn = buildCnn(9);
  let artifacts: tf.io.ModelArtifacts | null = null;
  await cnn.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  cnn.dispose();
  // A router answers null for URLs it does not serve (the typings say IOHandler).
  tf.io.registerLoadRouter((url) => (url === 'memory:/models/cnn-fashion/model.json' ? tf.io.fromMemory(artifacts!) : null) as tf.io.IOHandler);
}

describe('the features task in the worker handler', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await shipCnn();
  });
  afterEach(() => clearFeatureCache());

  it('trains softmax regression on the first n pixels images of each class and frees every tensor', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: { ...START, labelsPerClass: 6 } });
    expect(of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    expect(of('started')[0]!.payload.examples).toBeLessThanOrEqual(60);
    expect(of('preparing').map((e) => e.payload.stage)).toContain('Reading the pixels of the training images');
    const epochs = of('epoch').map((e) => e.payload);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss);
    expect(of('done')[0]!.payload.test!.accuracy).toBeGreaterThan(0.3);
    expect(records.get('feat')).toMatchObject({ task: 'features', features: 'pixels', dims: 784, extractor: 'none', labelsPerClass: 6 });
  });

  it('uses the reader\'s stored CNN for its 128 dense features, and computes them once per network and images', async () => {
    const { store, records } = memoryStore();
    await harness(store).handle({ type: 'start', payload: { ...CLASSIFIER, model: 'cnn-64-64-128', saveKey: 'cnn-course' } });
    const before = tf.memory().numTensors;
    const first = harness(store);
    await first.handle({ type: 'start', payload: { ...START, features: 'cnn-dense', ...SMALL } });
    expect(first.of('error')).toEqual([]);
    expect(records.get('feat')).toMatchObject({ features: 'cnn-dense', dims: 128, extractor: 'yours' });
    expect(featureCacheCounts()).toEqual({ hits: 0, stored: 0, misses: 3 });
    const again = harness(store);
    await again.handle({ type: 'start', payload: { ...START, features: 'cnn-dense', ...SMALL, hyper: { ...SMALL.hyper, learningRate: 0.1 } } });
    expect(featureCacheCounts()).toEqual({ hits: 3, stored: 0, misses: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('falls back to the shipped CNN, saying why, when the stored model is not a CNN; or uses it when asked', async () => {
    const { store, records } = memoryStore();
    await harness(store).handle({ type: 'start', payload: { ...CLASSIFIER, model: 'dense-784-128-10', saveKey: 'cnn-course' } });
    const { handle, of } = harness(store);
    await handle({ type: 'start', payload: { ...START, features: 'cnn-flatten', ...SMALL } });
    expect(of('error')).toEqual([]);
    const record = records.get('feat')!;
    expect(record).toMatchObject({ features: 'cnn-flatten', dims: 1600, extractor: 'shipped' });
    expect(record.extractorNote).toMatch(/lesson 4 model could not be used.*not the network this lesson expects/);
    await handle({ type: 'start', payload: { ...START, features: 'cnn-dense', preferStored: false, ...SMALL } });
    expect(records.get('feat')).toMatchObject({ extractor: 'shipped' });
    expect(records.get('feat')!.extractorNote).toBeUndefined();
  });

  it('answers a features request with rows, labels and precision@k, from the cache the second time', async () => {
    const { store } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    const request = { features: 'cnn-dense', data: { kind: 'synthetic', count: 40 }, baseUrl: 'memory:', precision: { queries: 10, k: 5, metric: 'cosine' } } as const;
    await handle({ type: 'features', payload: request });
    expect(of('error')).toEqual([]);
    const [result] = of('features-result').map((e) => e.payload);
    expect([result!.rows.length, result!.dims, result!.labels.length, result!.origin]).toEqual([40 * 128, 128, 40, 'shipped']);
    expect(result!.precision).toBeGreaterThanOrEqual(0);
    expect(result!.precision).toBeLessThanOrEqual(1);
    await handle({ type: 'features', payload: { ...request, returnRows: false, map: { points: 30 } } });
    const second = of('features-result')[1]!.payload;
    expect([second.rows.length, second.precision, second.map!.length]).toEqual([0, result!.precision, 60]);
    // The map's first axis is the direction of most variance: it spreads the points more than the second.
    const spread = (axis: number) => Math.max(...[...second.map!].filter((_, i) => i % 2 === axis)) - Math.min(...[...second.map!].filter((_, i) => i % 2 === axis));
    expect(spread(0)).toBeGreaterThan(0);
    expect(spread(0)).toBeGreaterThanOrEqual(spread(1) * 0.5);
    expect(featureCacheCounts()).toEqual({ hits: 1, stored: 0, misses: 1 });
    expect(tf.memory().numTensors).toBe(before);
    await handle({ type: 'features', payload: { ...request, features: 'conv5' } });
    expect(of('error').at(-1)!.payload.message).toMatch(/Malformed features message: features/);
  });

  it('keeps a network\'s rows across visits in the rows store (a new worker reads them), never raw pixels', async () => {
    const rowsStore = memoryRowsStore();
    const request = { features: 'cnn-dense', data: { kind: 'synthetic', count: 24 }, baseUrl: 'memory:' } as const;
    const first = harness(undefined, { rowsStore });
    await first.handle({ type: 'features', payload: request });
    await first.handle({ type: 'features', payload: { ...request, features: 'pixels' } });
    expect(rowsStore.keys()).toHaveLength(1);
    expect(rowsStore.keys()[0]).toMatch(/^url:models\/cnn-fashion:.*\|synthetic\/24\/0$/);
    clearFeatureCache(); // the next visit: a new worker with an empty memory
    const second = harness(undefined, { rowsStore });
    await second.handle({ type: 'features', payload: request });
    expect(featureCacheCounts()).toEqual({ hits: 0, stored: 1, misses: 0 });
    expect([first.of('features-result')[0]!.payload.from, second.of('features-result')[0]!.payload.from]).toEqual(['computed', 'store']);
    expect(second.of('features-result')[0]!.payload.rows).toEqual(first.of('features-result')[0]!.payload.rows);
  });

  it('computes the test images\' rows once for the training cell and the retrieval index of the same images', async () => {
    // A stand-in for the data set shards: the same source always gives the same images.
    const loadDataset = async (source: { split: string; limit: number }) => syntheticImages(source.limit, source.split === 'train' ? 1 : 2);
    const { handle, of } = harness(undefined, { loadDataset });
    const test = { kind: 'dataset', dataset: 'mnist', split: 'test', limit: 16 } as const;
    await handle({ type: 'start', payload: { ...START, features: 'cnn-dense', ...SMALL, data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: 40 }, test } });
    expect(featureCacheCounts()).toEqual({ hits: 0, stored: 0, misses: 3 });
    await handle({ type: 'features', payload: { features: 'cnn-dense', data: test, baseUrl: 'memory:' } });
    expect(of('error')).toEqual([]);
    expect(featureCacheCounts()).toEqual({ hits: 1, stored: 0, misses: 3 });
    expect(of('features-result')[0]!.payload.from).toBe('memory');
  });

  it('refuses unknown features and labels per class out of range', () => {
    expect(parseRequest({ type: 'start', payload: START }).ok).toBe(true);
    expect(parseRequest({ type: 'start', payload: { ...START, features: 'conv3' } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...START, labelsPerClass: 0 } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...START, labelsPerClass: 10_000 } }).ok).toBe(false);
  });
});
