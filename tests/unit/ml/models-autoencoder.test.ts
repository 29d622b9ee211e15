import * as tf from '@tensorflow/tfjs';
import { MODEL_INFO } from '../../../src/lib/ml/model-info';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BOTTLENECK_CHOICES, bottleneckOf, buildConvAutoencoder, buildDenseAutoencoder, decoderOf, denseAutoencoderParameters, denseAutoencoderWidths, encoderOf,
} from '../../../src/lib/ml/models-autoencoder';
import { buildModel } from '../../../src/lib/ml/models-classification';
import { useCpuBackend } from '../helpers/compare';

beforeAll(useCpuBackend);

describe('dense autoencoder', () => {
  it('has as many outputs as inputs and the parameter count the formula gives', () => {
    for (const k of BOTTLENECK_CHOICES) {
      const model = buildDenseAutoencoder(1, {}, k);
      expect(model.outputs[0]!.shape).toEqual([null, 28, 28, 1]);
      expect(model.countParams()).toBe(denseAutoencoderParameters(k));
      expect(bottleneckOf(model)).toBe(k);
      model.dispose();
    }
    expect(denseAutoencoderWidths(16)).toEqual([784, 256, 16, 256, 784]);
    // 784·256+256 + 256·16+16 + 16·256+256 + 256·784+784
    expect(denseAutoencoderParameters(16)).toBe(200_960 + 4_112 + 4_352 + 201_488);
  });

  it('splits into an encoder and a decoder that compose to the whole network', () => {
    const model = buildDenseAutoencoder(7, {}, 4);
    const encoder = encoderOf(model);
    const decoder = decoderOf(model);
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 3);
    const code = encoder.predict(x) as tf.Tensor;
    expect(code.shape).toEqual([3, 4]);
    const direct = model.predict(x) as tf.Tensor;
    const composed = decoder.predict(code) as tf.Tensor;
    expect(composed.shape).toEqual([3, 28, 28, 1]);
    expect(tf.max(tf.abs(direct.sub(composed))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, code, direct, composed]);
    model.dispose();
  });

  it('is seeded: same seed, same weights; another seed, other weights', () => {
    const a = buildDenseAutoencoder(5, {}, 8);
    const b = buildDenseAutoencoder(5, {}, 8);
    const c = buildDenseAutoencoder(6, {}, 8);
    const first = (m: tf.LayersModel) => m.getWeights()[0]!.dataSync().slice(0, 20);
    expect(Array.from(first(a))).toEqual(Array.from(first(b)));
    expect(Array.from(first(a))).not.toEqual(Array.from(first(c)));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('refuses a bottleneck that is not a whole number in range', () => {
    expect(() => buildDenseAutoencoder(1, {}, 0)).toThrow(/bottleneck/);
    expect(() => buildDenseAutoencoder(1, {}, 2.5)).toThrow(/bottleneck/);
    expect(() => buildDenseAutoencoder(1, {}, 1e9)).toThrow(/bottleneck/);
  });
});

describe('conv autoencoder', () => {
  it('maps 28×28 images back to 28×28 through a k-number code', () => {
    const model = buildConvAutoencoder(1, {}, 8);
    expect(model.outputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual([
      [28, 28, 16], [14, 14, 16], [14, 14, 8], [7, 7, 8], [392], [8], [392], [7, 7, 8], [14, 14, 8], [14, 14, 16], [28, 28, 16], [28, 28, 1],
    ]);
    expect(encoderOf(model).outputs[0]!.shape).toEqual([null, 8]);
    model.dispose();
  });

  it('is what buildModel builds by name, with the bottleneck option', () => {
    const model = buildModel('conv-autoencoder', 1, {}, { bottleneck: 4 });
    expect(bottleneckOf(model)).toBe(4);
    expect(MODEL_INFO['conv-autoencoder'].family).toBe('autoencoder');
    model.dispose();
  });
});

describe('training', () => {
  it('reconstruction error falls on real-looking data and no tensors leak', async () => {
    const before = tf.memory().numTensors;
    const model = buildDenseAutoencoder(3, { learningRate: 0.003 }, 8);
    // Blobs at random places: structure an autoencoder can learn.
    const xs = tf.tidy(() => {
      const grid = tf.linspace(0, 27, 28);
      const centres = tf.randomUniform([64, 2], 6, 22, 'float32', 11);
      const cx = centres.slice([0, 0], [64, 1]).reshape([64, 1, 1]);
      const cy = centres.slice([0, 1], [64, 1]).reshape([64, 1, 1]);
      const dx = grid.reshape([1, 1, 28]).sub(cx).square();
      const dy = grid.reshape([1, 28, 1]).sub(cy).square();
      return tf.exp(dx.add(dy).div(-18)).reshape([64, 28, 28, 1]);
    });
    const first = (await model.trainOnBatch(xs, xs)) as number;
    let last = first;
    for (let i = 0; i < 60; i++) last = (await model.trainOnBatch(xs, xs)) as number;
    expect(last).toBeLessThan(first * 0.5);
    xs.dispose();
    const optimizer = model.optimizer;
    model.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
