/**
 * Dense network or CNN at equal budgets, for lesson 4's "which generalises better": both trained
 * on the same 55,000 Fashion-MNIST images (all the training cell can use), same batch, learning
 * rate and seed, in the same process on the same backend (WASM with our conv kernels). After every
 * epoch each is measured on the whole training set and on the 10,000 test images, so the table can
 * compare them at the same images and epochs, and at the same training time (the dense network
 * keeps going, epoch by epoch, until it has used the CNN's whole training time). Writes
 * public/models/cnn-fashion/equal-budget.json, which the lesson's table reads.
 *
 *   npx tsx scripts/equal-budget.ts [--cnn-epochs 3] [--max-dense-epochs 60] [--train 55000] [--seed 42]
 *
 * Times are training only (evaluation excluded), on whatever machine runs it; the JSON says which.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from '../src/lib/ml/wasm-kernels';
import { buildCnn, buildDense784, disposeModel, LEARNING_RATE } from '../src/lib/ml/models';
import { TrainLoop, tensorsFromBytes, type TrainingTensors } from '../src/lib/ml/train-loop';
import { evaluateClassifier } from '../src/lib/ml/evaluate';
import { option, readSplit } from './pretrain/common';

export interface EpochRow {
  epoch: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
  /** Accuracy on all training images, measured after the epoch with the weights fixed. */
  trainAccuracy: number;
  testAccuracy: number;
}

const BATCH = 64;

/**
 * Trains `model` epoch by epoch, measuring it after each, until `enough` says stop. One TrainLoop
 * runs all epochs (its shuffles are the cell's); evaluation happens in onEpochEnd and its time is
 * taken out of the training time.
 */
async function trainMeasured(model: tf.LayersModel, name: string, train: TrainingTensors, test: TrainingTensors, seed: number, maxEpochs: number, enough: (rows: EpochRow[]) => boolean): Promise<EpochRow[]> {
  const rows: EpochRow[] = [];
  let evaluationMs = 0;
  const started = performance.now();
  let stop = false;
  const loop = new TrainLoop(model, train, {
    epochs: maxEpochs, batchSize: BATCH, seed, yieldIntervalMs: 1000,
    onEpochEnd: async (epoch) => {
      const seconds = (performance.now() - started - evaluationMs) / 1000;
      const evalStart = performance.now();
      const onTrain = await evaluateClassifier(model, train);
      const onTest = await evaluateClassifier(model, test);
      evaluationMs += performance.now() - evalStart;
      rows.push({ epoch, seconds: Math.round(seconds), trainAccuracy: onTrain.accuracy, testAccuracy: onTest.accuracy });
      console.log(`${name} epoch ${epoch}: ${seconds.toFixed(0)} s, train ${(onTrain.accuracy * 100).toFixed(2)}%, test ${(onTest.accuracy * 100).toFixed(2)}%`);
      if (enough(rows)) { stop = true; loop.stop(); }
    },
  });
  await loop.run();
  if (!stop && rows.length < maxEpochs) throw new Error(`${name} ended after ${rows.length} epochs`);
  return rows;
}

async function main(): Promise<void> {
  registerWasmConvKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('The WASM backend did not start');
  const trainCount = option('--train', 55000);
  const cnnEpochs = option('--cnn-epochs', 3);
  const maxDenseEpochs = option('--max-dense-epochs', 60);
  const seed = option('--seed', 42);
  const trainBytes = readSplit('fashion-mnist', 'train', trainCount);
  const testBytes = readSplit('fashion-mnist', 'test', 10000);
  const train = tensorsFromBytes(trainBytes.images, trainBytes.labels);
  const test = tensorsFromBytes(testBytes.images, testBytes.labels);

  const cnnModel = buildCnn(seed);
  const cnn = await trainMeasured(cnnModel, 'cnn', train, test, seed, cnnEpochs, (rows) => rows.length >= cnnEpochs);
  const cnnParameters = cnnModel.countParams();
  disposeModel(cnnModel);
  const cnnSeconds = cnn.at(-1)!.seconds;

  const denseModel = buildDense784(seed);
  // The dense network stops once its next epoch would pass the CNN's training time.
  const dense = await trainMeasured(denseModel, 'dense', train, test, seed, maxDenseEpochs, (rows) => {
    const last = rows.at(-1)!;
    return last.seconds + last.seconds / rows.length > cnnSeconds;
  });
  const denseParameters = denseModel.countParams();
  disposeModel(denseModel);
  tf.dispose([train.xs, train.labels, test.xs, test.labels]);

  const summary = {
    script: 'scripts/equal-budget.ts',
    dataset: 'fashion-mnist', trainExamples: trainBytes.labels.length, testExamples: testBytes.labels.length,
    batchSize: BATCH, learningRate: LEARNING_RATE, optimizer: 'adam', seed,
    backend: `tfjs ${tf.version.tfjs} wasm (Node ${process.version}, ${cpus().length} cores: ${cpus()[0]?.model ?? 'unknown'})`,
    cnn: { model: 'cnn-64-64-128', parameters: cnnParameters, epochs: cnn },
    dense: { model: 'dense-784-128-10', parameters: denseParameters, epochs: dense },
    measuredAt: new Date().toISOString(),
  };
  writeFileSync('public/models/cnn-fashion/equal-budget.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log('wrote public/models/cnn-fashion/equal-budget.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
