import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { syntheticImages } from '../../../src/lib/ml/synthetic';
import type { PayloadOf } from '../../../src/lib/workers/protocol';
import { harness, memoryStore } from '../helpers/memory-store';
import { PROBE_VERSION, type ProbeReport } from '../../../src/lib/ml/backends';

// Every way a run can fail after it has made tensors frees them, and a Stop that arrives while the
// run is still loading its data is kept: the run then reports started and stopped, and resumes.
const START: PayloadOf<'classifier'> = {
  task: 'classifier', model: 'dense-784-128-10', hyper: { learningRate: 0.01, batchSize: 32, epochs: 2 }, seed: 5, backend: 'cpu',
  data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: 200 }, baseUrl: '', hiddenUnits: 16,
  validationCount: 50, test: { kind: 'dataset', dataset: 'fashion-mnist', split: 'test', limit: 100 }, saveKey: 'cls-fail',
};

/** Synthetic shards; `failOn` makes one split's load throw (a missing shard). */
function loader(failOn?: 'train' | 'test', delayMs = 0) {
  return async (source: { split: string; limit: number }) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (source.split === failOn) throw new Error(`shard for ${failOn} is missing`);
    return syntheticImages(source.limit, source.split === 'train' ? 1 : 2);
  };
}

describe('worker handler failure paths', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('frees the training and validation tensors when the test data fails to load', async () => {
    const { handle, of } = harness(undefined, { loadDataset: loader('test') });
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(of('error')[0]!.payload.message).toMatch(/shard for test is missing/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the data when the stored model to continue from is gone', async () => {
    const { store } = memoryStore();
    const { handle, of } = harness(store, { loadDataset: loader() });
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: { ...START, initialWeights: { kind: 'store', key: 'cls-gone' }, startEpoch: 1 } });
    expect(of('error')[0]!.payload.message).toMatch(/No stored model called cls-gone/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the loaded model and the data when a checkpoint\'s optimizer state is damaged', async () => {
    const { store, records } = memoryStore();
    const first = harness(store, { loadDataset: loader() });
    await first.handle({ type: 'start', payload: { ...START, saveKey: 'cls-ok' } });
    expect(first.of('error')).toEqual([]);
    records.set('cls-ok', { ...records.get('cls-ok')!, optimizerState: [{ name: 'iter', shape: [3], dtype: 'float32', values: new Float32Array(2) }] });
    const { handle, of } = harness(store, { loadDataset: loader() });
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: { ...START, initialWeights: { kind: 'store', key: 'cls-ok' }, startEpoch: 1 } });
    expect(of('error')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps a Stop sent while the data is loading: started, stopped, then Resume trains to the end', async () => {
    const { handle, of } = harness(undefined, { loadDataset: loader(undefined, 30) });
    const before = tf.memory().numTensors;
    const starting = handle({ type: 'start', payload: { ...START, saveKey: undefined } });
    await new Promise((r) => setTimeout(r, 5)); // inside the data load
    await handle({ type: 'stop', payload: {} });
    await starting;
    expect(of('started')).toHaveLength(1);
    expect(of('stopped')).toHaveLength(1);
    expect(of('stopped')[0]!.payload).toMatchObject({ next: { epoch: 0, batch: 0 }, examplesSeen: 0 });
    expect(of('progress')).toHaveLength(0); // not one batch trained after the Stop
    await handle({ type: 'resume', payload: {} });
    expect(of('error')).toEqual([]);
    expect(of('done')[0]!.payload.examplesSeen).toBe(2 * 200);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('falls back when the measured backend will not start (a stale speed test), and sends the corrected report', async () => {
    // A cached report that says WebGPU works and is fastest: in Node it cannot start.
    const stale: ProbeReport = {
      version: PROBE_VERSION, takenAt: Date.now(), userAgent: 'test',
      probes: [
        { backend: 'webgpu', available: true, software: false, examplesPerSecond: { 'dense-training': 99999, 'conv-training': 99999 } },
        { backend: 'cpu', available: true, software: false, examplesPerSecond: { 'dense-training': 100, 'conv-training': 10 } },
      ],
    };
    const { handle, of } = harness(undefined, { loadDataset: loader() });
    await handle({ type: 'start', payload: { ...START, backend: 'auto', probe: stale } });
    expect(of('error')).toEqual([]);
    const started = of('started')[0]!.payload;
    expect(started.backend).toBe('cpu');
    expect(started.reason).toMatch(/WebGPU would not start here/);
    const corrected = of('probe-result').at(-1)!.payload;
    expect(corrected.cached).toBe(false); // the page stores it in place of the stale one
    expect(corrected.report.probes.find((p) => p.backend === 'webgpu')).toMatchObject({ available: false });
    expect(of('done')).toHaveLength(1);
  });
});
