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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { validateManifest } from '../src/lib/data/manifest';
import { decodeShard } from '../src/lib/data/shard-format';
import { ModelStore, type ModelRecord } from '../src/lib/ml/model-store';
import { createTrainingHandler } from '../src/lib/workers/handler';
import type { DataSource, DonePayload, EpochPayload, ProgressPayload, WorkerEvent } from '../src/lib/workers/protocol';
import { DEFAULT_SETTINGS, TEST_COUNT, VALIDATION_COUNT } from '../src/widgets/training-cell/settings';

const DATA_DIR = 'public/data';
const OUT_DIR = 'public/models/dense-fashion';
const backend = process.argv.includes('cpu') ? 'cpu' : 'wasm';

/** The first `limit` images of a split, from the shards on disk (what the browser loader returns for `limit`). */
function readSplit(source: Extract<DataSource, { kind: 'dataset' }>): { images: Uint8Array; labels: Uint8Array } {
  const manifest = validateManifest(JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')));
  const info = manifest.datasets[source.dataset].splits[source.split];
  const count = Math.min(source.limit, info.count);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (const shard of info.shards) {
    if (shard.offset >= count) break;
    const decoded = decodeShard(new Uint8Array(readFileSync(join(DATA_DIR, shard.file))), { count: shard.count, offset: shard.offset });
    const n = Math.min(decoded.count, count - shard.offset);
    labels.set(decoded.labels.subarray(0, n), shard.offset);
    images.set(decoded.images.subarray(0, n * 784), shard.offset * 784);
  }
  return { images, labels };
}

/** Writes the model as tfjs model.json + one weights.bin, with the run's settings as user metadata. */
async function writeModel(model: tf.LayersModel, record: ModelRecord): Promise<void> {
  model.setUserDefinedMetadata({ trainExamples: record.trainExamples, epochs: record.epochs, seed: record.seed, hyper: record.hyper, hiddenUnits: record.hiddenUnits ?? 128, testAccuracy: record.testAccuracy });
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
  const progress: ProgressPayload[] = [];
  const epochs: EpochPayload[] = [];
  let done: DonePayload | undefined;
  let failure: string | undefined;
  const store = new ModelStore(
    { get: async () => undefined, put: async () => undefined, list: async () => [], delete: async () => undefined },
    { save: async () => undefined, load: async () => { throw new Error('not used'); }, remove: async () => undefined },
  );
  let saved: { model: tf.LayersModel; record: ModelRecord } | undefined;
  // Intercept the save to write files (the record carries the settings and test result).
  store.save = async (model, record) => {
    await writeModel(model, record);
    saved = { model, record };
  };
  const handle = createTrainingHandler({
    post: (event: WorkerEvent) => {
      if (event.type === 'progress') progress.push(event.payload);
      else if (event.type === 'epoch') {
        epochs.push(event.payload);
        console.log(`epoch ${event.payload.epoch}: loss ${event.payload.loss.toFixed(4)}, accuracy ${event.payload.accuracy.toFixed(4)}, validation ${event.payload.valAccuracy?.toFixed(4)}`);
      } else if (event.type === 'done') done = event.payload;
      else if (event.type === 'error') failure = event.payload.message;
    },
    loadDataset: async (source) => readSplit(source),
    modelStore: store,
    progressIntervalMs: 0,
  });
  const s = DEFAULT_SETTINGS;
  await handle({
    type: 'start',
    payload: {
      model: 'dense-784-128-10', hyper: { epochs: s.epochs, batchSize: s.batchSize, learningRate: s.learningRate }, seed: s.seed,
      backend, baseUrl: '', options: { hiddenUnits: s.hiddenUnits },
      data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: s.trainSize },
      validationCount: VALIDATION_COUNT, test: { kind: 'dataset', dataset: 'fashion-mnist', split: 'test', limit: TEST_COUNT }, saveKey: 'dense-fashion',
    },
  });
  if (failure || !done?.test || !saved) throw new Error(failure ?? 'The run did not finish with a test result');
  const { record } = saved;
  // About 8 points per epoch is plenty for a reference line.
  const step = Math.max(1, Math.floor((progress[0]?.batches ?? 1) / 8));
  const curve = progress.filter((p) => p.batch % step === 0 || p.batch === p.batches)
    .map((p) => ({ x: Number((p.epoch - 1 + p.batch / p.batches).toFixed(4)), loss: Number(p.loss.toFixed(4)), accuracy: Number((p.metrics['accuracy'] ?? NaN).toFixed(4)) }));
  const reference = {
    settings: s, backend, trainExamples: record.trainExamples, testAccuracy: record.testAccuracy,
    curve, epochs: epochs.map(({ epoch, loss, accuracy, valLoss, valAccuracy }) => ({ epoch, loss, accuracy, valLoss, valAccuracy })),
  };
  writeFileSync(join(OUT_DIR, 'reference.json'), `${JSON.stringify(reference)}\n`);
  const pct = (f: number) => `${(f * 100).toFixed(1)}%`;
  writeFileSync(join(OUT_DIR, 'SOURCE.md'), `# dense-fashion: pretrained weights for the Classification lesson

Produced by \`npx tsx scripts/pretrain-dense.ts\` (tfjs ${tf.version.tfjs}, ${backend} backend, Node), which runs the
training cell's own worker handler (src/lib/workers/handler.ts) with the cell's default settings.

- Model: Flatten → Dense(${s.hiddenUnits}, relu) → Dense(10, softmax) (src/lib/ml/models-classification.ts), ${(785 * s.hiddenUnits + (s.hiddenUnits + 1) * 10).toLocaleString('en-US')} parameters, float32.
- Data: Fashion-MNIST (MIT licence, Zalando Research), the first ${record.trainExamples.toLocaleString('en-US')} training images of the shards; the next ${VALIDATION_COUNT.toLocaleString('en-US')} held out for validation.
- Training: ${s.epochs} epochs, batch ${s.batchSize}, Adam with learning rate ${s.learningRate}, categorical cross-entropy, seed ${s.seed}.
- Result: training accuracy (last epoch) ${pct(record.trainAccuracy)}, validation accuracy ${pct(epochs.at(-1)?.valAccuracy ?? NaN)},
  **test accuracy ${pct(record.testAccuracy)}** on all ${record.testExamples.toLocaleString('en-US')} test images (test loss ${record.testLoss.toFixed(3)}).
- Files: model.json + weights.bin (tfjs layers format), reference.json (this run's loss/accuracy curves, drawn under the reader's).
`);
  console.log(`test accuracy ${pct(record.testAccuracy)}; wrote ${OUT_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
