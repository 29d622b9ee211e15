// Looking inside the course CNN: the layer table from the real model, the first-layer filters
// against the layer's own output (via the course's plain convolve3x3), feature-map shapes,
// no leaked tensors, float16 weights, and the shipped pretrained weights on real test images.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFashionClass } from '../../../scripts/data/fashion';
import { convolve3x3 } from '../../../src/lib/math/conv2d';
import { buildSuperres } from '../../../src/lib/tasks/superres/model';
import { channelOf, encodeFloat16, featureMaps, firstLayerFilters, outputSize, summariseLayers, totalParameters } from '../../../src/lib/ml/cnn-inspect';
import { buildCnn, disposeModel } from '../../../src/lib/ml/models';

const PER_CLASS = 20;

/** The first PER_CLASS rows of each Fashion-MNIST class (test-split rows), interleaved by label. */
function fashionTestImages(): { images: Uint8Array[]; labels: number[] } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json')), 'src/clothes');
  const classes = Array.from({ length: 10 }, (_, label) => readFashionClass(readFileSync(join(dir, `${label}.json`), 'utf8'), label).rows);
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < PER_CLASS; i++) {
    for (let label = 0; label < 10; label++) {
      images.push(classes[label]![i]!);
      labels.push(label);
    }
  }
  return { images, labels };
}

const data = fashionTestImages();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('outputSize', () => {
  it('follows (n − k) / s + 1 through the course CNN: 28 → 26 → 13 → 11 → 5', () => {
    expect(outputSize(28, 3)).toBe(26);
    expect(outputSize(26, 2, 2)).toBe(13);
    expect(outputSize(13, 3)).toBe(11);
    expect(outputSize(11, 2, 2)).toBe(5); // the odd row and column are dropped
  });
});

describe('summariseLayers', () => {
  it('reads shapes, parameter counts and their arithmetic off the model', () => {
    const model = buildCnn(1);
    const rows = summariseLayers(model);
    expect(rows.map((r) => r.outputShape)).toEqual([[26, 26, 64], [13, 13, 64], [11, 11, 64], [5, 5, 64], [1600], [128], [10]]);
    expect(rows.map((r) => r.parameters)).toEqual([640, 0, 36928, 0, 0, 204928, 1290]);
    expect(rows.map((r) => r.formula)).toEqual(['3·3·1·64 + 64', '', '3·3·64·64 + 64', '', '', '1600·128 + 128', '128·10 + 10']);
    expect(rows.map((r) => r.kind)).toEqual(['Conv2D 64 × 3×3, relu', 'MaxPool 2×2', 'Conv2D 64 × 3×3, relu', 'MaxPool 2×2', 'Flatten', 'Dense 128, relu', 'Dense 10, softmax']);
    expect(rows.map((r) => r.sizeFormula)).toEqual(['(28 − 3) / 1 + 1 = 26', '(26 − 2) / 2 + 1 = 13', '(13 − 3) / 1 + 1 = 11', '⌊(11 − 2) / 2⌋ + 1 = 5', '', '', '']);
    expect(totalParameters(rows)).toBe(243786);
    disposeModel(model);
  });

  it('describes both super-resolution networks, without a row for the functional model’s input', () => {
    const models = [buildSuperres('sr-upsample', 2, 1), buildSuperres('sr-transposed', 4, 1)] as const;
    const upsample = summariseLayers(models[0]);
    expect(upsample.map((r) => r.kind)).toEqual(['UpSampling ×2, bilinear', 'Conv2D 32 × 3×3, relu', 'Conv2D 32 × 3×3, relu', 'Conv2D 1 × 3×3, linear', 'Add (the two inputs, pixel by pixel)']);
    const transposed = summariseLayers(models[1]);
    expect(transposed.map((r) => [r.kind, r.outputShape.join('×'), r.formula])).toEqual([
      ['Conv2D 32 × 3×3, relu', '7×7×32', '3·3·1·32 + 32'],
      ['Conv2DTranspose 32 × 4×4, stride 2, relu', '14×14×32', '4·4·32·32 + 32'],
      ['Conv2DTranspose 32 × 4×4, stride 2, relu', '28×28×32', '4·4·32·32 + 32'],
      ['Conv2D 1 × 3×3, linear', '28×28×1', '3·3·32·1 + 1'],
    ]);
    models.forEach(disposeModel);
  });
});

describe('firstLayerFilters', () => {
  it('gives kernels that, run through convolve3x3 plus bias and ReLU, reproduce the first layer output', async () => {
    const model = buildCnn(7);
    const filters = await firstLayerFilters(model);
    expect(filters).toHaveLength(64);
    const pixels = data.images[3]!;
    const { stacks } = await featureMaps(model, pixels);
    const conv = stacks[0]!;
    const image = { width: 28, height: 28, pixels: Float32Array.from(pixels, (v) => v / 255) };
    for (const f of [0, 17, 63]) {
      const { kernel, bias } = filters[f]!;
      const ours = convolve3x3(image, kernel);
      const layer = channelOf(conv, f);
      let worst = 0;
      let nonZero = 0;
      // 'valid' convolution: the layer's pixel (y, x) is centred on input pixel (y + 1, x + 1).
      for (let y = 0; y < 26; y++) {
        for (let x = 0; x < 26; x++) {
          const expected = Math.max(0, ours[(y + 1) * 28 + x + 1]! + bias);
          const actual = layer[y * 26 + x]!;
          if (actual > 0) nonZero++;
          worst = Math.max(worst, Math.abs(expected - actual));
        }
      }
      expect(worst).toBeLessThan(1e-4);
      expect(nonZero).toBeGreaterThan(0);
    }
    disposeModel(model);
  });
});

describe('featureMaps', () => {
  it('returns every conv and pool output at its size, a probability vector, and leaves no tensors behind', async () => {
    const model = buildCnn(2);
    const before = tf.memory().numTensors;
    const { stacks, probabilities } = await featureMaps(model, data.images[0]!);
    await firstLayerFilters(model);
    expect(tf.memory().numTensors).toBe(before);
    expect(stacks.map((s) => [s.height, s.width, s.channels])).toEqual([[26, 26, 64], [13, 13, 64], [11, 11, 64], [5, 5, 64]]);
    expect(stacks.map((s) => s.data.length)).toEqual([26 * 26 * 64, 13 * 13 * 64, 11 * 11 * 64, 5 * 5 * 64]);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // Max pooling keeps the biggest of four: pooled (0, 0) of channel 0 is the max of the conv's top-left 2×2.
    const conv = channelOf(stacks[0]!, 0);
    expect(channelOf(stacks[1]!, 0)[0]).toBeCloseTo(Math.max(conv[0]!, conv[1]!, conv[26]!, conv[27]!), 6);
    await expect(featureMaps(model, new Uint8Array(10))).rejects.toThrow(/784 pixels/);
    disposeModel(model);
  });
});

describe('encodeFloat16', () => {
  it('rounds to the nearest half-precision value, as tfjs decodes it', () => {
    const values = new Float32Array([0, -0, 1, -2, 0.1, 1 / 3, 65504, 1e6, 1e-8, 6e-8, 3e-5, -0.00042]);
    const halves = encodeFloat16(values);
    const spec = { name: 'w', shape: [values.length], dtype: 'float32' as const, quantization: { dtype: 'float16' as const } };
    const decoded = tf.io.decodeWeights(halves.buffer as ArrayBuffer, [spec]).w!.dataSync();
    expect(Array.from(decoded.slice(0, 4))).toEqual([0, -0, 1, -2]);
    expect(decoded[4]).toBeCloseTo(0.1, 3);
    expect(Math.abs(decoded[5]! - 1 / 3)).toBeLessThan(2 ** -12);
    expect(decoded[6]).toBe(65504); // largest half
    expect(decoded[7]).toBe(Infinity);
    expect(decoded[8]).toBe(0); // below the smallest subnormal
    expect(decoded[9]).toBeCloseTo(5.96e-8, 9); // smallest subnormal
    expect(Math.abs(decoded[10]! - 3e-5) / 3e-5).toBeLessThan(2 ** -9);
    expect(Math.abs(decoded[11]! + 0.00042) / 0.00042).toBeLessThan(2 ** -11);
  });
});

const SHIPPED = 'public/models/cnn-fashion';

describe.runIf(existsSync(join(SHIPPED, 'model.json')))('the shipped pretrained CNN', () => {
  it('loads, has the course architecture, and classifies real test images as well as SOURCE.md says', async () => {
    const json = JSON.parse(readFileSync(join(SHIPPED, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weightData = new Uint8Array(readFileSync(join(SHIPPED, 'weights.bin'))).buffer;
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData }));
    expect(totalParameters(summariseLayers(model))).toBe(243786);
    let correct = 0;
    const before = tf.memory().numTensors;
    for (const [i, image] of data.images.entries()) {
      const { probabilities } = await featureMaps(model, image);
      if (probabilities.indexOf(Math.max(...probabilities)) === data.labels[i]) correct++;
    }
    expect(tf.memory().numTensors).toBe(before);
    const { testAccuracy } = JSON.parse(readFileSync(join(SHIPPED, 'training.json'), 'utf8')) as { testAccuracy: number };
    // 200 images: a binomial standard error of about 2 points around the 10,000-image figure.
    expect(correct / data.images.length).toBeGreaterThan(testAccuracy - 0.08);
    expect(testAccuracy).toBeGreaterThan(0.85);
    model.dispose();
  }, 60_000);
});

describe('comparison rows (model-comparison widget)', () => {
  const figures = { model: 'cnn-64-64-128', trainExamples: 60000, epochs: 2, secondsPerEpoch: [181, 323], examplesPerSecond: 240, trainAccuracy: 0.88, testAccuracy: 0.891, testExamples: 10000, parameters: 243786 };
  it('prefers the reader\'s stored record, labels shipped weights as pretrained, and scales time to 60,000 images', async () => {
    const { comparisonRow, formatSeconds } = await import('../../../src/widgets/model-comparison/rows');
    const record = { source: 'trained', trainExamples: 2000, epochs: 3, trainAccuracy: 0.8, testAccuracy: 0.78 } as Parameters<typeof comparisonRow>[1];
    expect(comparisonRow('CNN', record, figures, 243786)).toEqual({ name: 'CNN', source: 'yours', parameters: 243786, trainExamples: 2000, epochs: 3, trainAccuracy: 0.8, testAccuracy: 0.78, secondsPerEpoch: 250 });
    expect(comparisonRow('CNN', { ...record!, source: 'pretrained' }, figures, 1)?.source).toBe('pretrained');
    expect(comparisonRow('CNN', undefined, figures, 243786)?.testAccuracy).toBe(0.891);
    expect(comparisonRow('CNN', undefined, undefined, 243786)).toBeNull();
    expect(formatSeconds(250)).toBe('4 min 10 s');
    expect(formatSeconds(11)).toBe('11 s');
  });
});
