/**
 * Trains the Classification lesson's dense network in Node, through the very worker handler the
 * training cell uses (same data order, seed, validation split and test evaluation), and writes:
 *   public/models/dense-fashion/model.json + weights.bin   (tfjs layers format, float32)
 *   public/models/dense-fashion/reference.json             (the run's curves: the cell draws them under the reader's)
 *   public/models/dense-fashion/SOURCE.md                  (settings and test accuracy)
 *
 *   npx tsx scripts/pretrain-dense.ts [--backend wasm|cpu]
 *
 * Settings are the cell's defaults (src/widgets/training-cell/settings.ts), so the reference
 * curve is what a reader pressing Train with the defaults should see on the same backend.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ModelRecord } from '../src/lib/ml/model-store';
import { DEFAULT_SETTINGS, TEST_COUNT, VALIDATION_COUNT } from '../src/widgets/training-cell/settings';
import { nullModelStore, referenceCurves, runCellHandler } from './pretrain/common';

const OUT_DIR = 'public/models/dense-fashion';
const backend = process.argv.includes('cpu') ? 'cpu' : 'wasm';

/** Writes the model as tfjs model.json + one weights.bin, with the run's settings as user metadata. */
async function writeModel(model: tf.LayersModel, record: ModelRecord): Promise<void> {
  model.setUserDefinedMetadata({ trainExamples: record.trainExamples, epochs: record.epochs, seed: record.seed, hyper: record.hyper, hiddenUnits: (record.task === 'classifier' ? record.hiddenUnits : undefined) ?? 128, testAccuracy: record.testAccuracy });
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
    const json = {
      format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: null,
      modelTopology: artifacts.modelTopology, userDefinedMetadata: artifacts.userDefinedMetadata,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    writeFileSync(join(OUT_DIR, 'model.json'), `${JSON.stringify(json)}\n`);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
}

async function main(): Promise<void> {
  await tf.setBackend(backend);
  const store = nullModelStore();
  let saved: { model: tf.LayersModel; record: ModelRecord } | undefined;
  // Intercept the save to write files (the record carries the settings and test result).
  store.save = async (model, record) => {
    await writeModel(model, record);
    saved = { model, record };
  };
  const s = DEFAULT_SETTINGS;
  const run = await runCellHandler({
    task: 'classifier', model: 'dense-784-128-10', hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed,
    backend, baseUrl: '', hiddenUnits: s.hiddenUnits,
    data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: s.trainSize },
    validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset: 'fashion-mnist', split: 'test', limit: TEST_COUNT }, saveKey: 'dense-fashion',
  }, store);
  if (run.failure || !run.done?.test || !saved) throw new Error(run.failure ?? 'The run did not finish with a test result');
  const { record } = saved;
  const reference = { settings: s, backend, trainExamples: record.trainExamples, testAccuracy: record.testAccuracy, ...referenceCurves(run) };
  writeFileSync(join(OUT_DIR, 'reference.json'), `${JSON.stringify(reference)}\n`);
  const pct = (f: number) => `${(f * 100).toFixed(1)}%`;
  writeFileSync(join(OUT_DIR, 'SOURCE.md'), `# dense-fashion: pretrained weights for the Classification lesson

Produced by \`npx tsx scripts/pretrain-dense.ts\` (tfjs ${tf.version.tfjs}, ${backend} backend, Node), which runs the
training cell's own worker handler (src/lib/workers/handler.ts) with the cell's default settings.

- Model: Flatten → Dense(${s.hiddenUnits}, relu) → Dense(10, softmax) (src/lib/ml/models-classification.ts), ${(785 * s.hiddenUnits + (s.hiddenUnits + 1) * 10).toLocaleString('en-US')} parameters, float32.
- Data: Fashion-MNIST (MIT licence, Zalando Research), the first ${record.trainExamples.toLocaleString('en-US')} training images of the shards; the next ${VALIDATION_COUNT.toLocaleString('en-US')} held out for validation.
- Training: ${s.epochs} epochs, batch ${s.batchSize}, Adam with learning rate ${s.learningRate}, categorical cross-entropy, seed ${s.seed}.
- Result: training accuracy (last epoch) ${pct(record.trainAccuracy)}, validation accuracy ${pct(run.epochs.at(-1)?.valAccuracy ?? NaN)},
  **test accuracy ${pct(record.testAccuracy)}** on all ${record.testExamples.toLocaleString('en-US')} test images (test loss ${record.testLoss.toFixed(3)}).
- Files: model.json + weights.bin (tfjs layers format), reference.json (this run's loss/accuracy curves, drawn under the reader's).
`);
  console.log(`test accuracy ${pct(record.testAccuracy)}; wrote ${OUT_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
