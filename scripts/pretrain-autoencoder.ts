/**
 * Trains the Autoencoders lesson's dense autoencoder (784 → 256 → 16 → 256 → 784) on MNIST in
 * Node, through the very worker handler the training cell uses (same data order, seed,
 * validation split and test evaluation), and writes:
 *   public/models/ae-dense-mnist/model.json + weights.bin   (tfjs layers format, float16 weights)
 *   public/models/ae-dense-mnist/reference.json             (the run's curves, drawn under the reader's)
 *   public/models/ae-dense-mnist/SOURCE.md                  (settings, test MSE and PSNR)
 *
 *   npx tsx scripts/pretrain-autoencoder.ts [--train 20000] [--epochs 5] [--bottleneck 16] [--sigma 0.5] [--backend wasm|cpu]
 *   (--sigma trains the denoising lesson's denoiser instead and writes public/models/dn-dense-mnist/)
 *
 * The shipped weights are float16 (half the bytes); the test figures in SOURCE.md are measured
 * on those rounded weights, since that is what readers load. An autoencoder has no accuracy:
 * reference.json writes `accuracy: null` (JSON's spelling of the cell's NaN) and `testAccuracy: null`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { isReconstructionRecord, type ModelRecord } from '../src/lib/tasks/record';
import { AUTOENCODER_HIDDEN_UNITS, BOTTLENECK, AUTOENCODER_LEARNING_RATE, denseAutoencoderParameters } from '../src/lib/ml/models-autoencoder';
import { evaluateReconstruction } from '../src/lib/ml/evaluate-reconstruction';
import { tensorsFromBytes } from '../src/lib/ml/train-loop';
import { nullModelStore, saveFloat16, readSplit, runCellHandler, type CellRun, option, artifactsOf } from './pretrain/common';

/** --sigma S trains a denoiser on Gaussian noise of σ = S (the denoising lesson's shipped weights). */
const SIGMA = (() => {
  const i = process.argv.indexOf('--sigma');
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!(v > 0 && v <= 1)) throw new Error('--sigma needs a number in (0, 1]');
  return v;
})();
const CORRUPTION = SIGMA !== undefined ? { kind: 'gaussian' as const, sigma: SIGMA } : undefined;
const OUT_DIR = CORRUPTION ? 'public/models/dn-dense-mnist' : 'public/models/ae-dense-mnist';
const VALIDATION_COUNT = 5000;
const TEST_COUNT = 10000;


const backend = process.argv.includes('cpu') ? 'cpu' : 'wasm';
/** The cell's settings for this run (the lesson's defaults: MNIST, k = 16, Adam 0.001, batch 64). */
const SETTINGS = {
  epochs: option('--epochs', 5), batchSize: 64, learningRate: AUTOENCODER_LEARNING_RATE, trainSize: option('--train', 20000),
  hiddenUnits: AUTOENCODER_HIDDEN_UNITS, bottleneck: option('--bottleneck', BOTTLENECK), dataset: 'mnist' as const, seed: 42,
  ...(CORRUPTION ? { noiseKind: CORRUPTION.kind, noiseLevel: CORRUPTION.sigma } : {}),
};


/** About 8 points per epoch of the training loss; accuracy null (autoencoders have none). */
function curves(run: CellRun) {
  const step = Math.max(1, Math.floor((run.progress[0]?.batches ?? 1) / 8));
  const curve = run.progress.filter((p) => p.batch % step === 0 || p.batch === p.batches)
    .map((p) => ({ x: Number((p.epoch - 1 + p.batch / p.batches).toFixed(4)), loss: Number(p.loss.toFixed(5)), accuracy: null }));
  const epochs = run.epochs.map((e) => ({ epoch: e.epoch, loss: Number(e.loss.toFixed(5)), accuracy: null, ...(e.valLoss !== undefined ? { valLoss: Number(e.valLoss.toFixed(5)) } : {}) }));
  return { curve, epochs };
}

async function main(): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend did not start`);
  const store = nullModelStore();
  let saved: { model: tf.LayersModel; record: ModelRecord } | undefined;
  // Keep the trained model instead of storing it; it is written as float16 below.
  store.save = async (model, record) => {
    saved = { model: await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(model))), record };
  };
  const s = SETTINGS;
  const started = performance.now();
  const run = await runCellHandler({
    ...(CORRUPTION ? { task: 'denoiser' as const, corruption: CORRUPTION } : { task: 'autoencoder' as const }),
    model: 'dense-autoencoder', hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed,
    backend, baseUrl: '', bottleneck: s.bottleneck,
    data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset: 'mnist', split: 'test', limit: TEST_COUNT }, saveKey: CORRUPTION ? 'dn-dense' : 'ae-dense',
  }, store);
  const seconds = (performance.now() - started) / 1000;
  if (run.failure || !run.done?.test || !saved) throw new Error(run.failure ?? 'The run did not finish with a test result');
  const { record, model } = saved;
  const float32 = isReconstructionRecord(record) ? { mse: record.testMse, psnr: record.testPsnr } : { mse: NaN, psnr: NaN };
  const { bytes, artifacts } = await saveFloat16(model, OUT_DIR, {
    trainExamples: record.trainExamples, epochs: record.epochs, seed: record.seed, hyper: record.hyper, bottleneck: s.bottleneck, dataset: 'mnist', ...(CORRUPTION ? { corruption: CORRUPTION } : {}),
    // float32 figures: float16 rounding moves them by < 0.01 dB (SOURCE.md gives both)
    testMse: float32.mse, testPsnr: float32.psnr,
  }, 'scripts/pretrain-autoencoder.ts');
  model.dispose();
  // What readers get is the float16 model: measure that one.
  const half = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const test = readSplit('mnist', 'test', TEST_COUNT);
  const testTensors = tensorsFromBytes(test.images, test.labels);
  // A denoiser is measured as the cell measures it: seeded noisy test inputs against the clean images.
  const evaluated = await evaluateReconstruction(half, testTensors, CORRUPTION ? { corruption: CORRUPTION, seed: s.seed } : {});
  tf.dispose([testTensors.xs, testTensors.labels]);
  half.dispose();

  const reference = {
    settings: s, backend, trainExamples: record.trainExamples, testAccuracy: null,
    testMse: Number(evaluated.mse.toFixed(6)), testPsnr: Number(evaluated.psnr.toFixed(2)), ...curves(run),
  };
  writeFileSync(join(OUT_DIR, 'reference.json'), `${JSON.stringify(reference)}\n`);
  const lastVal = run.epochs.at(-1)?.valLoss;
  const name = CORRUPTION ? `dn-dense-mnist: pretrained denoising autoencoder (Gaussian noise σ = ${CORRUPTION.sigma}) for the Denoising lesson` : 'ae-dense-mnist: pretrained dense autoencoder for the Autoencoders lesson';
  const flags = `--train ${s.trainSize} --epochs ${s.epochs} --bottleneck ${s.bottleneck}${CORRUPTION ? ` --sigma ${CORRUPTION.sigma}` : ''}`;
  writeFileSync(join(OUT_DIR, 'SOURCE.md'), `# ${name}

Produced by \`npx tsx scripts/pretrain-autoencoder.ts ${flags}\` (this repository; tfjs ${tf.version.tfjs},
${backend} backend, Node ${process.version}), which runs the training cell's own worker handler (src/lib/workers/handler.ts).
Nothing downloaded.

- Model: \`dense-autoencoder\` (src/lib/ml/models-autoencoder.ts): 784 → ${s.hiddenUnits} (ReLU) → **${s.bottleneck}** (linear code) → ${s.hiddenUnits} (ReLU) → 784 (sigmoid),
  ${denseAutoencoderParameters(s.bottleneck).toLocaleString('en-US')} parameters, weights initialised from seed ${s.seed}.
- Data: MNIST (Yann LeCun and Corinna Cortes; CC BY-SA 3.0), the first ${record.trainExamples.toLocaleString('en-US')} training images of the shards
  \`npm run data\` writes; the next ${VALIDATION_COUNT.toLocaleString('en-US')} held out for validation. Pixels in [0, 1].
- Training: ${s.epochs} epochs, batch ${s.batchSize}, Adam with learning rate ${s.learningRate}, mean squared error, seed ${s.seed}${CORRUPTION ? `;
  inputs corrupted with fresh seeded Gaussian noise (σ = ${CORRUPTION.sigma}, clipped to [0, 1]) every batch, targets clean` : ''};
  ${seconds.toFixed(0)} s wall-clock in all (training, validation and test) on a 2-core machine shared with other jobs, so only a rough guide.
- Result: validation MSE (last epoch) ${lastVal?.toFixed(5) ?? '–'}; on all ${evaluated.count.toLocaleString('en-US')} MNIST test images
  ${CORRUPTION ? '(noisy inputs, measured against the clean images) ' : ''}**test MSE ${evaluated.mse.toFixed(5)}, test PSNR ${evaluated.psnr.toFixed(2)} dB** with the shipped float16 weights
  (float32 before rounding: MSE ${float32.mse.toFixed(5)}, PSNR ${float32.psnr.toFixed(2)} dB). PSNR here is that of the pooled MSE.
- Files: \`model.json\` (tfjs layers format; every weight quantised to float16, which tfjs decodes on load; the user metadata
  carries the settings for "Load pretrained"), \`weights.bin\` (${bytes.toLocaleString('en-US')} bytes), \`reference.json\` (this run's loss curves;
  \`accuracy\` and \`testAccuracy\` are null because an autoencoder has none).
- Trained ${new Date().toISOString()}.
`);
  console.log(`test PSNR ${evaluated.psnr.toFixed(2)} dB (float32 ${float32.psnr.toFixed(2)} dB), ${seconds.toFixed(0)} s; wrote ${OUT_DIR}`);
}


main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
