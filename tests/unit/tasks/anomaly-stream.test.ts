import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { syntheticImages } from '../../../src/lib/ml/synthetic';
import { mulberry32 } from '../../../src/lib/ml/random';
import { auc } from '../../../src/lib/math/detection';
import { parseRequest, type PayloadOf } from '../../../src/lib/workers/protocol';
import { harness, memoryStore } from '../helpers/memory-store';

// An autoencoder trained on "digits" (synthetic strokes) scores a mixed stream in the worker:
// the foreign images (uniform noise) and corrupted digits reconstruct worse, so the AUC is high.
function loadDataset(source: { dataset: string; split: string; limit: number }) {
  if (source.dataset === 'mnist') return Promise.resolve(syntheticImages(source.limit, source.split === 'train' ? 1 : 2));
  const random = mulberry32(3);
  const images = Uint8Array.from({ length: source.limit * 784 }, () => Math.floor(random() * 256));
  return Promise.resolve({ images, labels: new Uint8Array(source.limit) });
}

const START: PayloadOf<'anomaly'> = {
  task: 'anomaly', model: 'dense-autoencoder', hyper: { learningRate: 0.003, batchSize: 32, epochs: 3 }, seed: 4, backend: 'cpu',
  data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: 400 }, baseUrl: '', bottleneck: 8,
  test: { kind: 'dataset', dataset: 'mnist', split: 'test', limit: 100 }, saveKey: 'anomaly-test',
  anomalyTest: { normal: 60, foreign: 20, corrupted: 20, corruption: { kind: 'salt-pepper', rate: 0.3 } },
};

describe('anomaly stream', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('scores normal images, foreign images and corrupted images, stores them with the AUC, and frees every tensor', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store, { loadDataset });
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const record = records.get('anomaly-test')!;
    const a = record.anomaly!;
    expect(Array.from(a.kinds)).toEqual([...Array(60).fill(0), ...Array(20).fill(2), ...Array(20).fill(1)]);
    expect(a.inputs).toHaveLength(100 * 784);
    expect(a.foreignDataset).toBe('fashion-mnist');
    expect(record.testAuc).toBeCloseTo(auc(a.scores, Array.from(a.kinds as Uint8Array, (k) => k !== 0)), 10);
    expect(of('done')[0]!.payload.test!.auc).toBe(record.testAuc);
    // Noise images and salted digits are far from anything it learned to draw.
    expect(record.testAuc!).toBeGreaterThan(0.9);
    // The corrupted inputs are stored as scored: salt and pepper shows as extra 0/255 pixels.
    const salted = a.inputs.subarray(60 * 784, 61 * 784).filter((v: number) => v === 255).length;
    expect(salted).toBeGreaterThan(784 * 0.1);
  });

  it('validates the request', () => {
    const bad = (anomalyTest: unknown) => parseRequest({ type: 'start', payload: { ...START, anomalyTest } }).ok;
    expect(bad(START.anomalyTest)).toBe(true);
    expect(bad({ ...START.anomalyTest, normal: 0 })).toBe(false);
    expect(bad({ ...START.anomalyTest, foreign: 0, corrupted: 0 })).toBe(false);
    expect(bad({ ...START.anomalyTest, foreign: 1e9 })).toBe(false);
    expect(bad({ ...START.anomalyTest, corruption: { kind: 'gaussian', sigma: 5 } })).toBe(false);
  });
});
