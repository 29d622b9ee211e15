import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { extractFeatures, featureModel } from '../../../src/lib/ml/feature-extractor';
import { buildCnn, disposeModel } from '../../../src/lib/ml/models';
import { buildDenseAutoencoder } from '../../../src/lib/ml/models-autoencoder';
import { mulberry32 } from '../../../src/lib/ml/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const random = mulberry32(9);
const images = (n: number) => Float32Array.from({ length: n * 784 }, () => random());

describe('feature extraction', () => {
  it('cuts the CNN at its last hidden layer (128) and its flatten (1,600), in batches, freeing every tensor', async () => {
    const cnn = buildCnn(1);
    const before = tf.memory().numTensors;
    const x = images(5);
    const progress: number[] = [];
    const dense = await extractFeatures(featureModel(cnn, 'cnn-dense'), x, 5, { batchSize: 2, onProgress: (done) => progress.push(done) });
    const flat = await extractFeatures(featureModel(cnn, 'cnn-flatten'), x, 5, { batchSize: 3 });
    expect([dense.dims, dense.data.length, flat.dims, flat.data.length]).toEqual([128, 640, 1600, 8000]);
    expect(progress).toEqual([2, 4, 5]);
    expect(tf.memory().numTensors).toBe(before);
    // The same numbers as running the layers by hand on the whole batch at once.
    const whole = tf.tidy(() => {
      let t: tf.Tensor = tf.tensor4d(x, [5, 28, 28, 1]);
      for (const layer of cnn.layers.slice(0, 6)) t = layer.apply(t) as tf.Tensor;
      return t.dataSync();
    });
    [...dense.data].forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 4));
    disposeModel(cnn);
  });

  it('takes an autoencoder\'s code, passes pixels through as they are, and says what a wrong model lacks', async () => {
    const ae = buildDenseAutoencoder(2, {}, 4);
    const code = await extractFeatures(featureModel(ae, 'autoencoder-code'), images(3), 3);
    expect([code.dims, code.data.length]).toEqual([4, 12]);
    const x = images(2);
    expect(await extractFeatures(null, x, 2)).toEqual({ data: x, dims: 784 });
    expect(() => featureModel(ae, 'cnn-flatten')).toThrow(/not the network/);
    await expect(extractFeatures(null, x, 3)).rejects.toThrow(/3 images/);
    disposeModel(ae);
  });
});
