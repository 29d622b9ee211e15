import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { MODEL_INFO } from '../../../src/lib/ml/model-info';
import '@tensorflow/tfjs-backend-wasm';
import { MODELS, buildConvSmall, buildDense784, disposeModel } from '../../../src/lib/ml/models';
import { syntheticImages } from '../../../src/lib/ml/synthetic';
import { TrainLoop, tensorsFromBytes, type TrainProgress, type TrainResult } from '../../../src/lib/ml/train-loop';
import { measureTensors } from '../../../src/lib/ml/memory';

const COUNT = 320;
const BATCH = 32; // 10 batches per epoch

/** Builds model + data, trains, disposes everything; returns the result and progress reports. */
async function train(seed: number, opts: { stopAfter?: number; epochs?: number; dataSeed?: number } = {}) {
  const { images, labels } = syntheticImages(COUNT, opts.dataSeed ?? 99);
  const data = tensorsFromBytes(images, labels);
  const model = buildDense784(seed);
  const reports: TrainProgress[] = [];
  const loop: TrainLoop = new TrainLoop(model, data, {
    epochs: opts.epochs ?? 2, batchSize: BATCH, seed, yieldIntervalMs: 0,
    onProgress: (p) => {
      reports.push(p);
      if (opts.stopAfter !== undefined && reports.length === opts.stopAfter) loop.stop();
    },
  });
  const results: TrainResult[] = [await loop.run()];
  while (!loop.finished) results.push(await loop.run()); // resume until done
  disposeModel(model);
  data.xs.dispose();
  data.labels.dispose();
  return { results, reports, final: results.at(-1)! };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`training loop on the ${backend} backend`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it('returns tf.memory().numTensors to its baseline after a full run', async () => {
      await train(1, { epochs: 1 }); // warm-up: first use of a kernel may allocate lasting state
      const report = await measureTensors(() => train(1));
      expect(report.result.final.outcome).toBe('completed');
      expect(report.leakedTensors).toBe(0);
    });

    it('returns to baseline after a stopped run', async () => {
      const before = tf.memory().numTensors;
      const { images, labels } = syntheticImages(COUNT, 5);
      const data = tensorsFromBytes(images, labels);
      const model = buildDense784(3);
      const loop: TrainLoop = new TrainLoop(model, data, { epochs: 3, batchSize: BATCH, seed: 3, yieldIntervalMs: 0, onProgress: (p) => p.batch === 4 && loop.stop() });
      const result = await loop.run();
      expect(result.outcome).toBe('stopped');
      disposeModel(model);
      data.xs.dispose();
      data.labels.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('reproduces the loss curve with the same seed and changes with another', async () => {
      const a = (await train(7)).final.batchLosses;
      const b = (await train(7)).final.batchLosses;
      const c = (await train(8)).final.batchLosses;
      expect(a).toHaveLength(20);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    });

    it('learns: the loss falls', async () => {
      const { final, reports } = await train(11, { epochs: 3 });
      const losses = final.batchLosses;
      const first = losses.slice(0, 3).reduce((s, v) => s + v, 0) / 3;
      const last = losses.slice(-3).reduce((s, v) => s + v, 0) / 3;
      expect(last).toBeLessThan(first * 0.6);
      expect(reports.at(-1)!.metrics['accuracy']).toBeGreaterThan(0.5);
    });

    it('stop finishes the current batch and resume continues from the next one', async () => {
      const whole = await train(21);
      const split = await train(21, { stopAfter: 4 });
      expect(split.results.map((r) => r.outcome)).toEqual(['stopped', 'completed']);
      expect(split.results[0]!.next).toEqual({ epoch: 0, batch: 4 });
      expect(split.results[0]!.batchLosses).toHaveLength(4);
      // Reports continue with batch 5 of epoch 1, and the whole curve equals the uninterrupted one.
      expect(split.reports.slice(3, 6).map((p) => [p.epoch, p.batch])).toEqual([[1, 4], [1, 5], [1, 6]]);
      expect(split.final.batchLosses).toEqual(whole.final.batchLosses);
      expect(split.final.examplesSeen).toBe(2 * COUNT);
    });

    it('stopping on the last batch of an epoch resumes at the next epoch', async () => {
      const split = await train(5, { stopAfter: 10 });
      expect(split.results[0]!.next).toEqual({ epoch: 1, batch: 0 });
      expect(split.reports[10]).toMatchObject({ epoch: 2, batch: 1, batches: 10 });
    });
  });
}

describe('progress reports and limits', () => {
  it('reports epoch/batch counts, speed and a shrinking ETA', async () => {
    const { reports } = await train(2);
    expect(reports).toHaveLength(20);
    expect(reports[0]).toMatchObject({ epoch: 1, epochs: 2, batch: 1, batches: 10 });
    expect(reports.at(-1)).toMatchObject({ epoch: 2, batch: 10, etaSeconds: 0 });
    for (const p of reports) {
      expect(p.examplesPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(p.loss)).toBe(true);
    }
    expect(reports[5]!.etaSeconds).toBeGreaterThan(reports[15]!.etaSeconds);
  });

  it('stops with outcome time-limit when the budget is spent', async () => {
    const { images, labels } = syntheticImages(COUNT, 1);
    const data = tensorsFromBytes(images, labels);
    const model = buildDense784(1);
    const result = await new TrainLoop(model, data, { epochs: 1000, batchSize: BATCH, seed: 1, timeBudgetMs: 150 }).run();
    expect(result.outcome).toBe('time-limit');
    expect(result.examplesSeen).toBeGreaterThan(0);
    expect(result.examplesSeen).toBeLessThan(1000 * COUNT);
    disposeModel(model);
    data.xs.dispose();
    data.labels.dispose();
  });

  it('refuses bad input', () => {
    expect(() => tensorsFromBytes(new Uint8Array(10), new Uint8Array(1))).toThrow(/784/);
  });
});

describe('model registry', () => {
  it('builds models with the documented shapes and weight counts', () => {
    tf.tidy(() => {
      const dense = buildDense784(1);
      expect(dense.outputs[0]!.shape).toEqual([null, 10]);
      expect(dense.countParams()).toBe(784 * 128 + 128 + 128 * 10 + 10);
      const conv = buildConvSmall(1);
      expect(conv.predict(tf.zeros([2, 28, 28, 1])) instanceof tf.Tensor && (conv.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor).shape).toEqual([2, 10]);
      expect(conv.countParams()).toBe(3 * 3 * 8 + 8 + 14 * 14 * 8 * 10 + 10);
      disposeModel(dense);
      disposeModel(conv);
    });
    expect(Object.values(MODELS).map((m) => [m.name, m.kind, MODEL_INFO[m.name].family])).toEqual([
      ['dense-784-128-10', 'dense-training', 'classifier'], ['conv-8-pool-dense-10', 'conv-training', 'classifier'], ['cnn-64-64-128', 'conv-training', 'classifier'],
      ['dense-autoencoder', 'dense-training', 'autoencoder'], ['conv-autoencoder', 'conv-training', 'autoencoder'],
      ['vae-dense', 'dense-training', 'vae'], ['softmax-regression', 'dense-training', 'features'],
      ['sr-upsample', 'conv-training', 'superres'], ['sr-transposed', 'conv-training', 'superres'],
    ]);
    const softmax = MODELS['softmax-regression'].build(1);
    expect([softmax.outputs[0]!.shape, softmax.countParams()]).toEqual([[null, 10], 784 * 10 + 10]);
    disposeModel(softmax);
  });

  it('seeds the initial weights', () => {
    const weights = (seed: number) => {
      const m = buildDense784(seed);
      const w = Array.from(m.getWeights()[0]!.dataSync().slice(0, 20));
      disposeModel(m);
      return w;
    };
    expect(weights(4)).toEqual(weights(4));
    expect(weights(4)).not.toEqual(weights(5));
  });
});
