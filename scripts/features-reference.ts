/**
 * Reference figures for lesson 6 (deep features), measured in Node on the WASM backend with the
 * shipped lesson-4 CNN (public/models/cnn-fashion) as the feature extractor:
 *   - test accuracy of softmax regression against labelled examples per class (1, 10, 100, 1,000)
 *     on raw pixels, on the CNN's last hidden layer (128) and on its flattened conv output (1,600),
 *     next to the whole CNN trained from scratch on the same few labels;
 *   - transfer: the same features on MNIST digits, which the network never saw;
 *   - precision@10 of retrieval over the 10,000 test images, 1,000 fixed queries: pixels
 *     (Euclidean) against deep features (cosine).
 * The labelled picks are put in a seeded random order once and fitted without reshuffling, so a
 * run repeats exactly.
 * Writes public/models/cnn-fashion/features-reference.json and prints the tables.
 * Run: npx tsx scripts/features-reference.ts [--no-scratch]
 */
import { firstPerClass as firstOfEachClass } from '../src/lib/math/per-class';
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readSplit, type SplitBytes } from './pretrain/common';
import { extractFeatures, featureModel } from '../src/lib/ml/feature-extractor';
import { buildCnn, disposeModel } from '../src/lib/ml/models';
import { registerWasmConvKernels } from '../src/lib/ml/wasm-kernels';
import { meanPrecisionAt } from '../src/lib/math/nearest';
import { mulberry32 } from '../src/lib/ml/random';
import type { DatasetName } from '../src/lib/workers/protocol';

const DIR = 'public/models/cnn-fashion';
const PER_CLASS = [1, 10, 100, 1000];
const SEED = 42;
/** Optimiser steps a fit gets whatever its size: small sets get more epochs (at least 5). */
const STEPS = 500;
const BATCH = 64;

async function loadShippedCnn(): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(`${DIR}/model.json`, 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const bin = readFileSync(`${DIR}/weights.bin`);
  return tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((m) => m.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }));
}

const toFloat = (bytes: Uint8Array): Float32Array => Float32Array.from(bytes, (b) => b / 255);

/**
 * The first `k` images of each class, in a seeded random order. Split order would end with the
 * classes that filled up last, and a fit that sees them last leans towards them.
 */
/** The first k training images of each class (lib/math/per-class.ts, as the training cell picks them), in a seeded shuffled order. */
function firstPerClass(labels: Uint8Array, k: number): number[] {
  const out = Array.from(firstOfEachClass(labels, k));
  const random = mulberry32(SEED);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function rowsOf(data: Float32Array, dims: number, index: number[]): Float32Array {
  const out = new Float32Array(index.length * dims);
  index.forEach((i, j) => out.set(data.subarray(i * dims, (i + 1) * dims), j * dims));
  return out;
}

/** One number per feature set that brings its features to unit root-mean-square (ReLU features run large). */
function rmsScale(data: Float32Array): number {
  let s = 0;
  for (const v of data) s += v * v;
  return 1 / Math.sqrt(s / data.length || 1);
}

/** Softmax regression fitted with Adam on cross-entropy; test accuracy. */
async function fitSoftmax(x: Float32Array, y: Uint8Array, dims: number, testX: Float32Array, testY: Uint8Array, scale: number): Promise<number> {
  const n = y.length;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [dims], units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }) })] });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.tensor2d(x, [n, dims]).mul(scale);
  const ys = tf.tensor1d(Float32Array.from(y));
  const epochs = Math.max(5, Math.ceil(STEPS / Math.ceil(n / BATCH)));
  await model.fit(xs, ys, { epochs, batchSize: BATCH, shuffle: false, verbose: 0 });
  const accuracy = evaluate(model, testX, testY, dims, scale);
  xs.dispose(); ys.dispose(); disposeModel(model);
  return accuracy;
}

function evaluate(model: tf.LayersModel, testX: Float32Array, testY: Uint8Array, dims: number, scale: number, shape: number[] = [testY.length, dims]): number {
  const predicted = tf.tidy(() => (model.predict(tf.tensor(testX, shape).mul(scale)) as tf.Tensor).argMax(-1).dataSync());
  let right = 0;
  testY.forEach((label, i) => { if (predicted[i] === label) right++; });
  return right / testY.length;
}

/** The whole course CNN trained from scratch on the few labelled images. */
async function fitCnn(images: Float32Array, y: Uint8Array, test: Float32Array, testY: Uint8Array): Promise<number> {
  const n = y.length;
  const model = buildCnn(SEED, { learningRate: 0.001 });
  const xs = tf.tensor4d(images, [n, 28, 28, 1]);
  const ys = tf.oneHot(tf.tensor1d(Float32Array.from(y), 'int32'), 10);
  const epochs = Math.max(5, Math.ceil(STEPS / Math.ceil(n / BATCH)));
  await model.fit(xs, ys, { epochs, batchSize: BATCH, shuffle: false, verbose: 0 });
  const accuracy = evaluate(model, test, testY, 784, 1, [testY.length, 28, 28, 1]);
  xs.dispose(); ys.dispose(); disposeModel(model);
  return accuracy;
}

interface FeatureSets { pixels: Float32Array; dense: Float32Array; flatten: Float32Array }
const DIMS = { pixels: 784, dense: 128, flatten: 1600 } as const;

async function featuresOf(cnn: tf.LayersModel, split: SplitBytes): Promise<FeatureSets> {
  const images = toFloat(split.images);
  const count = split.labels.length;
  const dense = await extractFeatures(featureModel(cnn, 'cnn-dense'), images, count);
  const flatten = await extractFeatures(featureModel(cnn, 'cnn-flatten'), images, count);
  return { pixels: images, dense: dense.data, flatten: flatten.data };
}

async function fewLabels(cnn: tf.LayersModel, dataset: DatasetName, scratch: boolean) {
  const train = readSplit(dataset, 'train', 30000);
  const test = readSplit(dataset, 'test', 10000);
  const [trainF, testF] = [await featuresOf(cnn, train), await featuresOf(cnn, test)];
  const rows = [];
  for (const k of PER_CLASS) {
    const pick = firstPerClass(train.labels, k);
    const y = Uint8Array.from(pick, (i) => train.labels[i]!);
    const row: Record<string, number> = { perClass: k };
    for (const set of ['pixels', 'dense', 'flatten'] as const) {
      const x = rowsOf(trainF[set], DIMS[set], pick);
      row[set] = await fitSoftmax(x, y, DIMS[set], testF[set], test.labels, rmsScale(trainF[set]));
    }
    if (scratch) row['cnnFromScratch'] = await fitCnn(rowsOf(trainF.pixels, 784, pick), y, testF.pixels, test.labels);
    console.log(`${dataset} ${k}/class: ${Object.entries(row).map(([key, v]) => `${key} ${key === 'perClass' ? v : `${(v * 100).toFixed(1)}%`}`).join(', ')}`);
    rows.push(row);
  }
  // Retrieval: 1,000 fixed queries (the first test images) against all 10,000 test images.
  const queries = Array.from({ length: 1000 }, (_, i) => i);
  const precision = {
    pixels: meanPrecisionAt({ data: testF.pixels, count: 10000, dims: 784 }, test.labels, queries, 10, 'euclidean'),
    dense: meanPrecisionAt({ data: testF.dense, count: 10000, dims: 128 }, test.labels, queries, 10, 'cosine'),
    flatten: meanPrecisionAt({ data: testF.flatten, count: 10000, dims: 1600 }, test.labels, queries, 10, 'cosine'),
  };
  console.log(`${dataset} precision@10: ${Object.entries(precision).map(([key, v]) => `${key} ${(v * 100).toFixed(1)}%`).join(', ')}`);
  return { dataset, fewLabels: rows, precisionAt10: precision };
}

async function main(): Promise<void> {
  registerWasmConvKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('The WASM backend did not start');
  const scratch = !process.argv.includes('--no-scratch');
  const cnn = await loadShippedCnn();
  const fashion = await fewLabels(cnn, 'fashion-mnist', scratch);
  // Transfer: the Fashion-MNIST network's features for handwritten digits it never saw.
  const digits = await fewLabels(cnn, 'mnist', scratch);
  const out = {
    script: 'scripts/features-reference.ts', extractor: `${DIR} (the shipped lesson-4 CNN, trained on Fashion-MNIST)`,
    backend: `tfjs ${tf.version.tfjs} wasm (Node ${process.version})`, fit: { optimizer: 'adam', learningRate: 0.003, batchSize: BATCH, steps: `≥ ${STEPS}`, featureScaling: 'one factor per feature set to unit RMS' },
    labelledFrom: 'the first k training images of each class', test: 'the 10,000 test images', retrieval: '1,000 queries (the first test images) among the 10,000 test images, each without itself',
    fashion, digits,
  };
  writeFileSync(`${DIR}/features-reference.json`, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Wrote ${DIR}/features-reference.json`);
}

await main();
