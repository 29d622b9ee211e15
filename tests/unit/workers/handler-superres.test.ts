import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { PayloadOf } from '../../../src/lib/workers/protocol';
import { parseRequest } from '../../../src/lib/workers/protocol';
import { buildSuperres } from '../../../src/lib/tasks/superres/model';
import { shrink } from '../../../src/lib/tasks/superres/index';
import { downsample } from '../../../src/lib/math/resample';
import { registerWasmConvKernels } from '../../../src/lib/ml/wasm-kernels';
import { harness, memoryStore } from '../helpers/memory-store';

// Lesson 10's task through the generic worker handler: shrunk images in, originals out, trained
// with the mean squared error; the record keeps the first test images for the explorer.
const START: PayloadOf<'superres'> = {
  // WASM: the cpu backend takes minutes over 32-filter convolutions at 28 × 28.
  task: 'superres', model: 'sr-upsample', scale: 2, hyper: { learningRate: 0.003, batchSize: 8, epochs: 3 }, seed: 2, backend: 'wasm',
  data: { kind: 'synthetic', count: 48 }, baseUrl: '', validationCount: 8, test: { kind: 'synthetic', count: 8 }, saveKey: 'sr',
};

describe('the super-resolution task', () => {
  beforeAll(async () => {
    registerWasmConvKernels(); // the course's conv gradients for WASM, as the worker registers them
    await tf.setBackend('cpu');
  });

  it('shrinks by average pooling exactly as the lesson-3 code does', () => {
    const pixels = Float32Array.from({ length: 784 }, (_, i) => (i * 37 % 101) / 100);
    const expected = downsample({ width: 28, height: 28, pixels }, 4).pixels;
    const actual = tf.tidy(() => shrink(tf.tensor4d(pixels, [1, 28, 28, 1]), 4).dataSync());
    expect(actual.length).toBe(49);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('builds both networks for both scales: the small image in, 28 × 28 out', () => {
    for (const model of ['sr-upsample', 'sr-transposed'] as const) {
      for (const scale of [2, 4] as const) {
        const m = buildSuperres(model, scale, 1);
        expect([m.inputs[0]!.shape, m.outputs[0]!.shape]).toEqual([[null, 28 / scale, 28 / scale, 1], [null, 28, 28, 1]]);
        m.dispose();
      }
    }
  });

  it('trains: the loss falls, the test PSNR is reported and stored with the first images, every tensor is freed', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const epochs = of('epoch').map((e) => e.payload);
    expect(epochs.at(-1)!.valLoss!).toBeLessThan(epochs[0]!.valLoss!);
    const test = of('done')[0]!.payload.test!;
    expect(test.psnr).toBeCloseTo(10 * Math.log10(1 / test.mse!), 6);
    const record = records.get('sr')!;
    expect(record).toMatchObject({ task: 'superres', scale: 2, upscales: { count: 8, scale: 2 } });
    expect([record.upscales.inputs.length, record.upscales.outputs.length]).toEqual([8 * 196, 8 * 784]);
  });

  it('refuses a scale other than 2 or 4, and weights made for another scale', async () => {
    expect(parseRequest({ type: 'start', payload: START }).ok).toBe(true);
    expect(parseRequest({ type: 'start', payload: { ...START, scale: 3 } }).ok).toBe(false);
    const { store } = memoryStore();
    await harness(store).handle({ type: 'start', payload: { ...START, hyper: { ...START.hyper, epochs: 1 }, saveKey: 'sr-x2' } });
    const { handle, of } = harness(store);
    await handle({ type: 'start', payload: { ...START, scale: 4, initialWeights: { kind: 'store', key: 'sr-x2' } } });
    expect(of('error')[0]!.payload.message).toMatch(/14 × 14 images, so they are for another scale than ×4/);
  });
});
