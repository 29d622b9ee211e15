// Browser side of the super-resolution section of `npm run bench` (BENCH_ONLY=superres; driven by
// superres-run.ts, one fresh page per run because WASM's thread count is fixed when it starts):
// (a) training examples/s of lesson 10's sr-upsample network at ×2, batch 64, on the first N MNIST
//     training images, through TrainLoop with the task's own model, step and batch maker (what the
//     worker runs) and through a bare loop over the same batches; best of 2 alternating rounds, on
//     the backend the course's probe picks for conv training (or one named by the run);
// (b) the photo upscaler's cost for one 112 × 112 region of a course photo at ×2 with the shipped
//     MNIST ×2 weights: the batched predict of every tile alone (runTiles) and the widget's whole
//     pass (upscaleRegion: pooling, bicubic, tiles, predict, stitching, PSNR), overlapping tiles
//     (64) and tiles side by side (16), p50/p95 after a warm-up. Exposes window.runSuperresBench().
import * as tf from '@tensorflow/tfjs';
import { configureWasm, wasmThreadCount } from '../../src/lib/ml/register-backends';
import { chooseBackend, type BackendName } from '../../src/lib/ml/backends';
import { initBackend, probeBackends } from '../../src/lib/ml/probe';
import { deriveSeed, mulberry32, shuffledIndices } from '../../src/lib/ml/random';
import { TrainLoop, tensorsFromBytes, type TrainingTensors } from '../../src/lib/ml/train-loop';
import { loadImageSet } from '../../src/lib/data/loader';
import { superresTask } from '../../src/lib/tasks/superres/index';
import type { PayloadOf } from '../../src/lib/tasks/schema';
import { loadPhoto, loadPhotoList } from '../../src/widgets/filter-editor/photos';
import { runTiles, tileNetwork } from '../../src/widgets/photo-upscale/infer';
import { cropRegion, upscaleRegion, type Upscaled } from '../../src/widgets/photo-upscale/upscale';

export interface SuperresBenchOptions {
  /** Training backend: 'course' runs the course's probe and uses its conv-training choice. */
  train: BackendName | 'course' | null;
  /** Backend for the photo pass (the widget's is 'cpu': the page's model cache runs there). */
  infer: BackendName | null;
  count: number;
  runs: number;
}

export interface SrLatency { p50: number; p95: number; n: number }

export interface SuperresBenchResult {
  train?: { backend: BackendName; reason: string; threads: number | null; count: number; loop: number; bare: number; loss: number };
  infer?: { backend: BackendName; threads: number | null; rows: Array<{ mode: string; tiles: number; predict: SrLatency; pass: SrLatency; psnr: Upscaled['psnr'] }> };
  error?: string;
}

const SEED = 1;
const SCALE = 2;
const BATCH = 64;
const ROUNDS = 2;
const WARM_UP = 2;

function percentiles(samples: number[]): SrLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), n: samples.length };
}

const payload = (backend: BackendName): PayloadOf<'superres'> => ({
  task: 'superres', model: 'sr-upsample', scale: SCALE, hyper: { epochs: 1, batchSize: BATCH, learningRate: 0.003 },
  seed: SEED, backend, baseUrl: '', data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: 0 },
} as PayloadOf<'superres'>);

/** One timed epoch over `data` with a fresh model, through TrainLoop or a bare loop. */
async function epoch(p: PayloadOf<'superres'>, data: TrainingTensors, bare: boolean): Promise<{ rate: number; loss: number }> {
  const trainable = superresTask.build(p);
  const makeBatch = superresTask.makeBatches(p, data);
  const count = data.xs.shape[0];
  try {
    const warm = await makeBatch(Int32Array.from({ length: BATCH }, (_, i) => i), 0, 0);
    await trainable.step(warm.x, warm.y, { epoch: 0, batch: 0 });
    tf.dispose([warm.x, warm.y]);
    const started = performance.now();
    let loss = 0;
    if (bare) {
      const order = shuffledIndices(count, mulberry32(deriveSeed(SEED, 'epoch', 0)));
      for (let b = 0; b * BATCH < count; b++) {
        const { x, y } = await makeBatch(order.subarray(b * BATCH, Math.min(count, (b + 1) * BATCH)), 0, b);
        try {
          loss += (await trainable.step(x, y, { epoch: 0, batch: b }))[0]! * x.shape[0]!;
        } finally {
          tf.dispose([x, y]);
        }
      }
      loss /= count;
    } else {
      const loop = new TrainLoop(trainable.model, data, { epochs: 1, batchSize: BATCH, seed: SEED, metricNames: trainable.metricNames, makeBatch, step: trainable.step });
      loss = (await loop.run()).loss;
    }
    return { rate: count / ((performance.now() - started) / 1000), loss };
  } finally {
    trainable.model.dispose();
    trainable.optimizer.dispose();
  }
}

async function training(train: BackendName | 'course', count: number): Promise<NonNullable<SuperresBenchResult['train']>> {
  let backend: BackendName;
  let reason = 'named by the bench';
  if (train === 'course') {
    const choice = chooseBackend(await probeBackends({ kinds: ['conv-training'] }), 'conv-training');
    backend = choice.backend;
    reason = choice.reason;
  } else {
    backend = train;
  }
  const init = await initBackend(backend);
  if (!init.ok) throw new Error(`backend ${backend}: ${init.error ?? 'failed'}`);
  const set = await loadImageSet('mnist', 'train', { limit: count, baseUrl: '/data/' });
  const data = tensorsFromBytes(set.images, set.labels);
  try {
    let loop = 0;
    let bare = 0;
    let loss = NaN;
    // Alternating, best of ROUNDS: the first epoch on a page also pays for warming up.
    for (let round = 0; round < ROUNDS; round++) {
      const looped = await epoch(payload(backend), data, false);
      loop = Math.max(loop, looped.rate);
      loss = looped.loss;
      bare = Math.max(bare, (await epoch(payload(backend), data, true)).rate);
    }
    return { backend, reason, threads: backend === 'wasm' ? wasmThreadCount() : null, count: set.count, loop, bare, loss };
  } finally {
    tf.dispose([data.xs, data.labels]);
  }
}

async function inference(backend: BackendName, runs: number): Promise<NonNullable<SuperresBenchResult['infer']>> {
  const init = await initBackend(backend);
  if (!init.ok) throw new Error(`backend ${backend}: ${init.error ?? 'failed'}`);
  const model = await tf.loadLayersModel('/models/sr-mnist-x2/model.json');
  const entry = (await loadPhotoList()).find((p) => p.id === 'camera');
  if (!entry) throw new Error('images/photos.json has no camera photo');
  const original = cropRegion(await loadPhoto(entry), { x: 174, y: 104, side: 112 });
  const rows: NonNullable<SuperresBenchResult['infer']>['rows'] = [];
  try {
    for (const overlap of [true, false]) {
      // The tiles exactly as the widget cuts them, captured from one pass.
      let captured: { tiles: Float32Array; count: number; tile: number } | undefined;
      const first = await upscaleRegion(original, 112, SCALE, (tiles, count, tile) => {
        captured = { tiles: tiles.slice(), count, tile };
        return runTiles(model, tiles, count, tile);
      }, overlap);
      const { tiles, count, tile } = captured!;
      const predict: number[] = [];
      const pass: number[] = [];
      for (let i = 0; i < WARM_UP + runs; i++) {
        let t = performance.now();
        runTiles(model, tiles, count, tile);
        if (i >= WARM_UP) predict.push(performance.now() - t);
        t = performance.now();
        await upscaleRegion(original, 112, SCALE, tileNetwork(model), overlap);
        if (i >= WARM_UP) pass.push(performance.now() - t);
      }
      rows.push({ mode: overlap ? 'overlapping, blended' : 'side by side', tiles: count, predict: percentiles(predict), pass: percentiles(pass), psnr: first.psnr });
    }
  } finally {
    model.dispose();
  }
  return { backend, threads: backend === 'wasm' ? wasmThreadCount() : null, rows };
}

async function runSuperresBench(o: SuperresBenchOptions): Promise<SuperresBenchResult> {
  configureWasm('');
  const result: SuperresBenchResult = {};
  try {
    if (o.train) result.train = await training(o.train, o.count);
    if (o.infer) result.infer = await inference(o.infer, o.runs);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

(globalThis as unknown as { runSuperresBench: typeof runSuperresBench }).runSuperresBench = runSuperresBench;
