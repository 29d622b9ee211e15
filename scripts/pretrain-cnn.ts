/**
 * Trains the course CNN (src/lib/ml/models.ts, buildCnn) in Node on the WASM backend with our
 * conv-gradient kernels, evaluates it on the 10,000 Fashion-MNIST test images, and writes small
 * float16 weights the lesson loads: public/models/cnn-fashion/{model.json, weights.bin,
 * training.json, SOURCE.md}. `--model dense` trains lesson 1's dense network under the same
 * conditions and writes only its figures, public/models/cnn-fashion/dense-baseline.json: the
 * CNN's baseline in the lesson's comparison table (the dense weights readers load are
 * public/models/dense-fashion/, made by scripts/pretrain-dense.ts).
 *
 *   npx tsx scripts/pretrain-cnn.ts [--model cnn|dense] [--train 60000] [--epochs 2] [--batch 64] [--seed 42]
 *   npx tsx scripts/pretrain-cnn.ts --reference   (reference.json: the lesson's training cell defaults,
 *                                                  run through the cell's own worker handler)
 *
 * Data: the shards `npm run data` wrote (public/data/fashion-mnist), read from disk and checked
 * by the same decoder the browser uses. Training uses the same TrainLoop (seeded shuffling) as
 * the site's training cell, so the run is reproducible on the same backend.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from '../src/lib/ml/wasm-kernels';
import { buildCnn, buildDense784, disposeModel, LEARNING_RATE } from '../src/lib/ml/models';
import { TrainLoop, tensorsFromBytes, type TrainingTensors } from '../src/lib/ml/train-loop';
import { evaluateClassifier } from '../src/lib/ml/evaluate';
import { CNN_CELL_DEFAULTS } from '../src/lib/ml/cnn-inspect';
import { DEFAULT_SETTINGS, TEST_COUNT, VALIDATION_COUNT } from '../src/widgets/training-cell/settings';
import { nullModelStore, saveFloat16, readSplit, referenceCurves, runCellHandler } from './pretrain/common';

interface Options { model: 'cnn' | 'dense'; train: number; epochs: number; batch: number; seed: number }

function parseArgs(argv: string[]): Options {
  const options: Options = { model: 'cnn', train: 60000, epochs: 2, batch: 64, seed: 42 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--model' && (value === 'cnn' || value === 'dense')) options.model = value;
    else if (flag === '--train' || flag === '--epochs' || flag === '--batch' || flag === '--seed') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a whole number ≥ 1, got ${value}`);
      options[flag.slice(2) as 'train' | 'epochs' | 'batch' | 'seed'] = n;
    } else throw new Error(`Unknown argument ${flag} ${value ?? ''}`);
  }
  return options;
}


async function main(): Promise<void> {
  registerWasmConvKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('The WASM backend did not start');
  if (process.argv[2] === '--reference') {
    await writeReference('public/models/cnn-fashion');
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  const name = options.model === 'cnn' ? 'cnn-64-64-128' : 'dense-784-128-10';
  const dir = 'public/models/cnn-fashion';
  const train = readSplit('fashion-mnist', 'train', options.train);
  const test = readSplit('fashion-mnist', 'test', 10000);
  const trainTensors: TrainingTensors = tensorsFromBytes(train.images, train.labels);
  const testTensors: TrainingTensors = tensorsFromBytes(test.images, test.labels);
  const model = options.model === 'cnn' ? buildCnn(options.seed) : buildDense784(options.seed);
  const epochSeconds: number[] = [];
  let epochStart = performance.now();
  const loop = new TrainLoop(model, trainTensors, {
    epochs: options.epochs, batchSize: options.batch, seed: options.seed, yieldIntervalMs: 1000,
    onProgress: (p) => {
      if (p.batch % 100 === 0) console.log(`epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches} loss ${p.loss.toFixed(4)} acc ${(p.metrics.accuracy ?? 0).toFixed(4)} ${p.examplesPerSecond.toFixed(0)} ex/s`);
    },
    onEpochEnd: (epoch, stats) => {
      epochSeconds.push((performance.now() - epochStart) / 1000);
      epochStart = performance.now();
      console.log(`epoch ${epoch} done: loss ${stats.loss.toFixed(4)}, train accuracy ${(stats.metrics.accuracy ?? 0).toFixed(4)}, ${epochSeconds.at(-1)!.toFixed(1)} s`);
    },
  });
  const result = await loop.run();
  const full = await evaluateClassifier(model, testTensors);
  const common = {
    model: name, dataset: 'fashion-mnist', seed: options.seed, trainExamples: train.labels.length, epochs: options.epochs,
    batchSize: options.batch, learningRate: LEARNING_RATE, optimizer: 'adam', backend: `tfjs ${tf.version.tfjs} wasm (Node ${process.version})`,
    trainingSeconds: Math.round(result.trainingSeconds), secondsPerEpoch: epochSeconds.map((s) => Math.round(s)),
    examplesPerSecond: Math.round(result.examplesPerSecond), trainAccuracy: result.metrics.accuracy ?? NaN,
  };
  if (options.model === 'dense') {
    const summary = {
      ...common,
      testExamples: test.labels.length, testAccuracy: full.accuracy, testLoss: full.loss, parameters: model.countParams(),
      note: 'Figures only (weights not kept): the dense baseline trained like the CNN, for the comparison table.',
      trainedAt: new Date().toISOString(),
    };
    writeFileSync(join(dir, 'dense-baseline.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(summary);
    disposeModel(model);
    tf.dispose([trainTensors.xs, trainTensors.labels, testTensors.xs, testTensors.labels]);
    return;
  }
  const { bytes, artifacts } = await saveFloat16(model, dir, {
    trainExamples: train.labels.length, epochs: options.epochs, seed: options.seed,
    hyper: { learningRate: LEARNING_RATE, batchSize: options.batch, epochs: options.epochs }, testAccuracy: full.accuracy,
  }, 'scripts/pretrain-cnn.ts');
  // The accuracy readers get is the one of the float16 weights, so it is measured on those.
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const half = await evaluateClassifier(reloaded, testTensors);
  const summary = {
    ...common,
    testExamples: test.labels.length, testAccuracyFloat32: full.accuracy, testAccuracy: half.accuracy, testLoss: half.loss,
    parameters: model.countParams(), weightBytes: bytes, trainedAt: new Date().toISOString(),
  };
  writeFileSync(join(dir, 'training.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, 'SOURCE.md'), sourceMarkdown(summary));
  console.log(summary);
  disposeModel(model);
  reloaded.dispose();
  tf.dispose([trainTensors.xs, trainTensors.labels, testTensors.xs, testTensors.labels]);
}

function sourceMarkdown(s: Record<string, unknown> & { testAccuracy: number; testAccuracyFloat32: number; trainAccuracy: number }): string {
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  return `# ${String(s.model)} — pretrained on Fashion-MNIST

Produced by \`scripts/pretrain-cnn.ts\` (this repository); nothing downloaded. Reproduce with

    npx tsx scripts/pretrain-cnn.ts --model ${s.model === 'cnn-64-64-128' ? 'cnn' : 'dense'} --train ${String(s.trainExamples)} --epochs ${String(s.epochs)} --batch ${String(s.batchSize)} --seed ${String(s.seed)}

- Architecture: \`${String(s.model)}\` from \`src/lib/ml/models.ts\`, ${Number(s.parameters).toLocaleString('en-US')} parameters, weights initialised from seed ${String(s.seed)}.
- Data: the first ${Number(s.trainExamples).toLocaleString('en-US')} images of the Fashion-MNIST training split as built by \`npm run data\` (shuffled once at build time), pixels scaled to [0, 1].
- Training: Adam, learning rate ${String(s.learningRate)}, batch size ${String(s.batchSize)}, ${String(s.epochs)} epoch(s), seeded shuffling (TrainLoop), backend ${String(s.backend)} with the conv-gradient kernels of \`src/lib/ml/wasm-kernels/\`.
- Time: ${String(s.trainingSeconds)} s of training (per epoch: ${(s.secondsPerEpoch as number[]).join(', ')} s), ${String(s.examplesPerSecond)} examples/s, on a shared 2-core machine without a GPU.
- Training accuracy (mean over the last epoch, measured while still learning): ${pct(s.trainAccuracy)}.
- **Test accuracy on the ${Number(s.testExamples).toLocaleString('en-US')} test images: ${pct(s.testAccuracy)}** with the shipped float16 weights (${pct(s.testAccuracyFloat32)} before rounding to float16).
- Files: \`model.json\` (tfjs layers format; every weight quantised to float16, which tfjs decodes on load), \`weights.bin\` (${Number(s.weightBytes).toLocaleString('en-US')} bytes), \`training.json\` (these figures, read by the lesson's comparison table).
- Trained ${String(s.trainedAt)}. Fashion-MNIST © 2017 Zalando SE, MIT License.
`;
}

/**
 * The reference run the CNN's training cell draws under the reader's curves: the lesson's cell
 * defaults (CNN_CELL_DEFAULTS), trained through the cell's own worker handler (same data order,
 * seed, validation split and test evaluation), written as reference.json.
 */
export async function writeReference(dir: string): Promise<void> {
  const s = { ...DEFAULT_SETTINGS, ...CNN_CELL_DEFAULTS };
  const started = performance.now();
  // Nothing is stored: the shipped weights are the ones of the longer run (training.json).
  const run = await runCellHandler({
    task: 'classifier', model: 'cnn-64-64-128', hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed,
    backend: 'wasm', baseUrl: '',
    data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset: 'fashion-mnist', split: 'test', limit: TEST_COUNT }, saveKey: 'cnn-reference',
  }, nullModelStore());
  const { done } = run;
  if (run.failure || !done?.test) throw new Error(run.failure ?? 'The run did not finish with a test result');
  const reference = {
    settings: s, backend: 'wasm', trainExamples: s.trainSize, testAccuracy: done.test.accuracy,
    seconds: Math.round((performance.now() - started) / 1000),
    ...referenceCurves(run),
  };
  writeFileSync(join(dir, 'reference.json'), `${JSON.stringify(reference)}\n`);
  console.log(`reference run: test accuracy ${(done.test.accuracy * 100).toFixed(1)}% in ${reference.seconds} s; wrote ${dir}/reference.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
