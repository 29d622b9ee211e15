/**
 * Trains lesson 10's super-resolution network (sr-upsample: bilinear upsampling plus a learned
 * residual) for each data set and scale, in Node through the very worker handler the training
 * cell uses, and writes:
 *   public/models/sr-<dataset>-x<scale>/model.json + weights.bin  (float16 weights, "Load pretrained")
 *   public/models/sr-<dataset>-x<scale>/reference.json           (the run's curves, drawn under the reader's)
 *   public/models/sr-<dataset>-x<scale>/SOURCE.md
 *   public/models/superres-table/table.json   (the lesson's results table: nearest, bilinear, bicubic and
 *                                        the shipped network, test PSNR in dB, per data set and scale)
 *
 *   npx tsx scripts/pretrain-superres.ts [--train 20000] [--epochs 3]   (about 4 min per network here)
 *   npx tsx scripts/pretrain-superres.ts --cell-default   (only the lesson cell's default run, MNIST ×2,
 *                                        10,000 images × 2 epochs: its test PSNR goes into the table file)
 *
 * Every figure is measured on all 10,000 test images of the data set, on the shipped float16
 * weights, with the network's output clipped to 0…1 as the cell measures it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from '../src/lib/ml/wasm-kernels';
import type { ModelRecord } from '../src/lib/tasks/record';
import { evaluateSuperres } from '../src/lib/tasks/superres/index';
import { tensorsFromBytes } from '../src/lib/ml/train-loop';
import { SCALES } from '../src/lib/math/resample';
import { shippedSuperresUrl } from '../src/lib/ml/model-info';
import { baselinePsnr } from './sr-baselines';
import { artifactsOf, nullModelStore, option, readSplit, runCellHandler, saveFloat16, type CellRun } from './pretrain/common';

const MODEL = 'sr-upsample' as const;
const DATASETS = ['mnist', 'fashion-mnist'] as const;
const DATASET_NAMES = { mnist: 'MNIST (Yann LeCun and Corinna Cortes; CC BY-SA 3.0)', 'fashion-mnist': 'Fashion-MNIST (Zalando Research; MIT licence)' };
const VALIDATION_COUNT = 5000;
const TEST_COUNT = 10000;
const SETTINGS = { trainSize: option('--train', 20000), epochs: option('--epochs', 3), batchSize: 64, learningRate: 0.003, seed: 42 };

const round = (v: number, digits: number) => Number(v.toFixed(digits));

function curves(run: CellRun) {
  const step = Math.max(1, Math.floor((run.progress[0]?.batches ?? 1) / 8));
  return {
    curve: run.progress.filter((p) => p.batch % step === 0 || p.batch === p.batches)
      .map((p) => ({ x: round(p.epoch - 1 + p.batch / p.batches, 4), loss: round(p.loss, 6), accuracy: null })),
    epochs: run.epochs.map((e) => ({ epoch: e.epoch, loss: round(e.loss, 6), accuracy: null, ...(e.valLoss !== undefined ? { valLoss: round(e.valLoss, 6) } : {}) })),
  };
}

interface Row { dataset: (typeof DATASETS)[number]; scale: 2 | 4; nearest: number; bilinear: number; bicubic: number; network: number; seconds: number }

async function trainOne(dataset: (typeof DATASETS)[number], scale: 2 | 4): Promise<Row> {
  const dir = shippedSuperresUrl('public', dataset, scale);
  const store = nullModelStore();
  let saved: { model: tf.LayersModel; record: ModelRecord } | undefined;
  store.save = async (model, record) => { saved = { model: await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(model))), record }; };
  const s = SETTINGS;
  const started = performance.now();
  const run = await runCellHandler({
    task: 'superres', model: MODEL, scale, hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed,
    backend: 'wasm', baseUrl: '', data: { kind: 'dataset', dataset, split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset, split: 'test', limit: TEST_COUNT }, saveKey: 'sr',
  }, store);
  const seconds = (performance.now() - started) / 1000;
  if (run.failure || !run.done?.test || !saved) throw new Error(run.failure ?? 'The run did not finish with a test result');
  const { model, record } = saved;
  const float32 = run.done.test.psnr ?? NaN;
  const { bytes, artifacts } = await saveFloat16(model, dir, {
    trainExamples: record.trainExamples, epochs: record.epochs, seed: record.seed, hyper: record.hyper, dataset, scale, testPsnr: float32,
  }, 'scripts/pretrain-superres.ts');
  const parameters = model.countParams();
  model.dispose();
  const half = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const test = readSplit(dataset, 'test', TEST_COUNT);
  const tensors = tensorsFromBytes(test.images, test.labels);
  const evaluated = await evaluateSuperres(half, tensors, scale, 0);
  tf.dispose([tensors.xs, tensors.labels]);
  half.dispose();
  const baselines = baselinePsnr(test, scale);

  writeFileSync(join(dir, 'reference.json'), `${JSON.stringify({
    settings: { ...s, dataset, scale, model: MODEL }, backend: 'wasm', trainExamples: record.trainExamples, testAccuracy: null,
    testMse: round(evaluated.mse, 6), testPsnr: round(evaluated.psnr, 2), ...curves(run),
  })}\n`);
  const lastVal = run.epochs.at(-1)?.valLoss;
  writeFileSync(join(dir, 'SOURCE.md'), `# sr-${dataset}-x${scale}: pretrained super-resolution network (×${scale}, ${dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}) for the Super-resolution lesson

Produced by \`npx tsx scripts/pretrain-superres.ts --train ${s.trainSize} --epochs ${s.epochs}\` (this repository; tfjs ${tf.version.tfjs},
wasm backend with the course's conv-gradient kernels, Node ${process.version}), which runs the training cell's own worker handler
(src/lib/workers/handler.ts). Nothing downloaded.

- Model: \`${MODEL}\` (src/lib/tasks/superres/model.ts): a ${28 / scale} × ${28 / scale} image in, bilinear upsampling to 28 × 28, then
  3×3 convolutions of 32 and 32 filters (ReLU) and one of 1 filter whose output is added to the upsampled image (a residual);
  ${parameters.toLocaleString('en-US')} parameters, weights initialised from seed ${s.seed}.
- Data: ${DATASET_NAMES[dataset]}, the first ${record.trainExamples.toLocaleString('en-US')} training images of the shards \`npm run data\` writes;
  the next ${VALIDATION_COUNT.toLocaleString('en-US')} held out for validation. Each input is its image shrunk by ${scale} with average pooling
  (every ${scale} × ${scale} block becomes its mean); the target is the original. Pixels in [0, 1].
- Training: ${s.epochs} epochs, batch ${s.batchSize}, Adam with learning rate ${s.learningRate}, mean squared error, seed ${s.seed};
  ${seconds.toFixed(0)} s wall-clock in all (training, validation and test) on a 2-core machine, so only a rough guide.
- Result: validation MSE (last epoch) ${lastVal?.toFixed(5) ?? '–'}; on all ${evaluated.count.toLocaleString('en-US')} test images, outputs clipped to
  [0, 1], **test MSE ${evaluated.mse.toFixed(5)}, test PSNR ${evaluated.psnr.toFixed(2)} dB** with the shipped float16 weights
  (float32 before rounding: ${float32.toFixed(2)} dB). On the same images: nearest ${baselines.nearest.toFixed(2)} dB,
  bilinear ${baselines.bilinear.toFixed(2)} dB, bicubic ${baselines.bicubic.toFixed(2)} dB (src/lib/math/resample.ts).
- Files: \`model.json\` (tfjs layers format, float16 weights; the user metadata carries the settings for "Load pretrained"),
  \`weights.bin\` (${bytes.toLocaleString('en-US')} bytes), \`reference.json\` (this run's loss curves).
- Trained ${new Date().toISOString()}.
`);
  console.log(`${dataset} ×${scale}: network ${evaluated.psnr.toFixed(2)} dB, bicubic ${baselines.bicubic.toFixed(2)} dB, ${seconds.toFixed(0)} s`);
  return { dataset, scale, ...Object.fromEntries(Object.entries(baselines).map(([k, v]) => [k, round(v, 2)])) as Record<'nearest' | 'bilinear' | 'bicubic', number>, network: round(evaluated.psnr, 2), seconds: Math.round(seconds) };
}

/** The lesson cell's defaults (content/lessons/10-super-resolution/index.mdx), for the challenge's hint and bar. */
const CELL_DEFAULT = { trainSize: 10000, epochs: 2 };

/** One run at the cell's default settings (not shipped): test PSNR and wall-clock seconds. */
async function cellDefaultRun(): Promise<{ trainSize: number; epochs: number; psnr: number; seconds: number }> {
  const started = performance.now();
  const run = await runCellHandler({
    task: 'superres', model: MODEL, scale: 2, hyper: { epochs: CELL_DEFAULT.epochs, batchSize: SETTINGS.batchSize, learningRate: SETTINGS.learningRate }, seed: SETTINGS.seed,
    backend: 'wasm', baseUrl: '', data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: CELL_DEFAULT.trainSize },
    validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset: 'mnist', split: 'test', limit: TEST_COUNT }, saveKey: 'sr',
  }, nullModelStore());
  if (run.failure || !run.done?.test?.psnr) throw new Error(run.failure ?? 'The default run did not finish with a test result');
  return { ...CELL_DEFAULT, psnr: round(run.done.test.psnr, 2), seconds: Math.round((performance.now() - started) / 1000) };
}

async function main(): Promise<void> {
  registerWasmConvKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('The WASM backend did not start');
  const tablePath = 'public/models/superres-table/table.json';
  if (process.argv.includes('--cell-default')) {
    const table = JSON.parse(readFileSync(tablePath, 'utf8')) as object;
    const cellDefault = await cellDefaultRun();
    writeFileSync(tablePath, `${JSON.stringify({ ...table, cellDefault }, null, 1)}\n`);
    console.log('cell default (MNIST ×2):', cellDefault);
    return;
  }
  const rows: Row[] = [];
  for (const dataset of DATASETS) for (const scale of SCALES) rows.push(await trainOne(dataset, scale));
  writeFileSync(tablePath, `${JSON.stringify({
    script: 'scripts/pretrain-superres.ts', testImages: TEST_COUNT, model: MODEL, settings: SETTINGS,
    rows: rows.map(({ seconds: _, ...r }) => r), cellDefault: await cellDefaultRun(),
  }, null, 1)}\n`);
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
