// The course CNN on WASM with the conv-gradient kernels: its layer shapes, its weight gradients
// against the CPU backend on real Fashion-MNIST images, and a short real training run (loss
// falls, every tensor is released).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFashionClass } from '../../../scripts/data/fashion';
import { registerWasmConvKernels } from '../../../src/lib/ml/wasm-kernels';
import { MODELS, buildCnn, disposeModel } from '../../../src/lib/ml/models';
import { TrainLoop, tensorsFromBytes } from '../../../src/lib/ml/train-loop';
import { relativeError } from './wasm-kernels-helpers';

const PER_CLASS = 40;

/** The first PER_CLASS images of each Fashion-MNIST class, interleaved (label k at k, k + 10, …). */
function fashionSubset(): { images: Uint8Array; labels: Uint8Array } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json')), 'src/clothes');
  const classes = Array.from({ length: 10 }, (_, label) => readFashionClass(readFileSync(join(dir, `${label}.json`), 'utf8'), label).rows);
  const images = new Uint8Array(PER_CLASS * 10 * 784);
  const labels = new Uint8Array(PER_CLASS * 10);
  for (let i = 0; i < PER_CLASS; i++) {
    for (let label = 0; label < 10; label++) {
      images.set(classes[label]![i]!, (i * 10 + label) * 784);
      labels[i * 10 + label] = label;
    }
  }
  return { images, labels };
}

const data = fashionSubset();

describe('the course CNN (cnn-64-64-128)', () => {
  beforeAll(async () => {
    registerWasmConvKernels();
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has the layer shapes and parameter counts of the lesson (28→26→13→11→5)', () => {
    const model = buildCnn(1);
    expect(model.layers.map((l) => l.outputShape)).toEqual([
      [null, 26, 26, 64], [null, 13, 13, 64], [null, 11, 11, 64], [null, 5, 5, 64], [null, 1600], [null, 128], [null, 10],
    ]);
    expect(model.layers.map((l) => l.countParams())).toEqual([640, 0, 36928, 0, 0, 204928, 1290]);
    expect(model.countParams()).toBe(243786);
    expect(MODELS['cnn-64-64-128'].kind).toBe('conv-training');
    disposeModel(model);
  });

  it('gets the same weight gradients on WASM as on CPU', async () => {
    const gradients = async (backend: string): Promise<Float32Array[]> => {
      expect(await tf.setBackend(backend)).toBe(true);
      const model = buildCnn(5);
      const grads = tf.tidy(() => {
        const { xs, labels } = tensorsFromBytes(data.images.subarray(0, 6 * 784), data.labels.subarray(0, 6));
        const ys = tf.oneHot(labels, 10);
        const { grads: g } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor).asScalar());
        return model.trainableWeights.map((w) => g[w.originalName]!);
      });
      const values = await Promise.all(grads.map(async (g) => (await g.data()) as Float32Array));
      tf.dispose(grads);
      disposeModel(model);
      return values;
    };
    const reference = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(wasm).toHaveLength(8); // kernel and bias of 4 layers
    for (const [i, g] of wasm.entries()) {
      expect(reference[i]!.some((v) => v !== 0)).toBe(true);
      expect(relativeError(g, reference[i]!)).toBeLessThan(1e-4);
    }
  });

  it('trains on WASM: loss falls over a few epochs of real images, and every tensor is released', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const before = tf.memory().numTensors;
    const tensors = tensorsFromBytes(data.images, data.labels);
    const model = buildCnn(3, { learningRate: 0.002 });
    const loop = new TrainLoop(model, tensors, { epochs: 3, batchSize: 40, seed: 3, yieldIntervalMs: 0 });
    const result = await loop.run();
    disposeModel(model);
    tensors.xs.dispose();
    tensors.labels.dispose();
    expect(result.outcome).toBe('completed');
    const losses = result.batchLosses;
    expect(losses).toHaveLength(30);
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(0.75 * mean(losses.slice(0, 5)));
    expect(tf.memory().numTensors).toBe(before);
  });
});
