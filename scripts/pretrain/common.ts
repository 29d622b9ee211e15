/**
 * What the pretraining scripts share (scripts/pretrain-cnn.ts, scripts/pretrain-dense.ts): the
 * data shards `npm run data` wrote, read from disk with the browser's own decoder; a model store
 * that keeps nothing; one run through the training cell's own worker handler; and the reference
 * curve the cell draws under the reader's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateManifest } from '../../src/lib/data/manifest';
import { decodeShard } from '../../src/lib/data/shard-format';
import * as tf from '@tensorflow/tfjs';
import { encodeFloat16 } from '../../src/lib/ml/cnn-inspect';
import { ModelStore } from '../../src/lib/ml/model-store';
import { createTrainingHandler } from '../../src/lib/workers/handler';
import type { DatasetName, DonePayload, EpochPayload, ProgressPayload, SplitName, StartPayload, WorkerEvent } from '../../src/lib/workers/protocol';

export const DATA_DIR = 'public/data';

export interface SplitBytes {
  /** [count × 784] pixels, 0–255. */
  images: Uint8Array;
  labels: Uint8Array;
}

/** The first `limit` images of a split, from the shards on disk (what the browser loader returns for `limit`). */
export function readSplit(dataset: DatasetName, split: SplitName, limit: number): SplitBytes {
  const manifest = validateManifest(JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')));
  const info = manifest.datasets[dataset].splits[split];
  const count = Math.min(limit, info.count);
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

/** A model store that keeps nothing: the scripts write files instead (a script may replace `save`). */
export function nullModelStore(): ModelStore {
  return new ModelStore(
    { get: async () => undefined, put: async () => undefined, list: async () => [], delete: async () => undefined },
    { save: async () => undefined, load: async () => { throw new Error('not used'); }, remove: async () => undefined },
  );
}

export interface CellRun {
  progress: ProgressPayload[];
  epochs: EpochPayload[];
  /** Undefined when the run failed or ended without a test result (then `failure` may say why). */
  done: DonePayload | undefined;
  failure: string | undefined;
}

/**
 * Runs one training through the cell's worker handler in Node (same data order, seed, validation
 * split and test evaluation as the site), loading datasets from the shards on disk and logging
 * each epoch.
 */
export async function runCellHandler(start: StartPayload, store: ModelStore): Promise<CellRun> {
  const run: CellRun = { progress: [], epochs: [], done: undefined, failure: undefined };
  const handle = createTrainingHandler({
    post: (event: WorkerEvent) => {
      if (event.type === 'progress') run.progress.push(event.payload);
      else if (event.type === 'epoch') {
        run.epochs.push(event.payload);
        console.log(`epoch ${event.payload.epoch}: loss ${event.payload.loss.toFixed(4)}, accuracy ${event.payload.accuracy.toFixed(4)}, validation loss ${event.payload.valLoss?.toFixed(4) ?? '–'}, validation accuracy ${event.payload.valAccuracy?.toFixed(4) ?? '–'}`);
      } else if (event.type === 'done') run.done = event.payload;
      else if (event.type === 'error') run.failure = event.payload.message;
    },
    loadDataset: async (source) => readSplit(source.dataset, source.split, source.limit),
    modelStore: store,
    progressIntervalMs: 0,
  });
  await handle({ type: 'start', payload: start });
  return run;
}

/** The run's curves for reference.json: about 8 points per epoch (plenty for a reference line), and every epoch's figures. */
export function referenceCurves(run: CellRun) {
  const { progress, epochs } = run;
  const step = Math.max(1, Math.floor((progress[0]?.batches ?? 1) / 8));
  const curve = progress.filter((p) => p.batch % step === 0 || p.batch === p.batches)
    .map((p) => ({ x: Number((p.epoch - 1 + p.batch / p.batches).toFixed(4)), loss: Number(p.loss.toFixed(4)), accuracy: Number((p.metrics['accuracy'] ?? NaN).toFixed(4)) }));
  return { curve, epochs: epochs.map(({ epoch, loss, accuracy, valLoss, valAccuracy }) => ({ epoch, loss, accuracy, valLoss, valAccuracy })) };
}

/**
 * Saves model.json + weights.bin into `dir` with every float32 weight stored as float16 (half the
 * bytes); `metadata` goes into model.json, where "Load pretrained" reads it to label the model.
 * Returns the artifacts tfjs would load, to evaluate exactly what ships.
 */
export async function saveFloat16(model: tf.LayersModel, dir: string, metadata: object, script: string): Promise<{ bytes: number; artifacts: tf.io.ModelArtifacts }> {
  model.setUserDefinedMetadata(metadata);
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!saved?.weightSpecs || !saved.weightData) throw new Error('model.save produced no weights');
  const halves = encodeFloat16(new Float32Array(new tf.io.CompositeArrayBuffer(saved.weightData).slice()));
  const weightSpecs = saved.weightSpecs.map((spec) => ({ ...spec, quantization: { dtype: 'float16' as const } }));
  const json = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: `${script} (float16 weights)`,
    modelTopology: saved.modelTopology,
    userDefinedMetadata: saved.userDefinedMetadata,
    weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }],
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(json)}\n`);
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(halves.buffer));
  return { bytes: halves.byteLength, artifacts: { modelTopology: saved.modelTopology as object, weightSpecs, weightData: halves.buffer as ArrayBuffer } };
}

/** A whole-number command-line option (`--epochs 5`), or `fallback` when it is not given. */
export function option(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a whole number ≥ 1`);
  return n;
}

/** The model's artifacts in memory (a copy that survives the handler disposing the model). */
export async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let out: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    out = { ...a, weightData: new tf.io.CompositeArrayBuffer(a.weightData!).slice() };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return out!;
}
