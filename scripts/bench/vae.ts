// Browser side of the VAE section of `npm run bench` (BENCH_ONLY=vae; driven by vae-run.ts, one
// fresh page per backend because WASM's thread count is fixed when its backend starts):
// (a) training examples/s of lesson 8's VAE on the first N MNIST training images, through
//     TrainLoop + vaeStep (what the worker runs: shuffles, progress, yields) and through a bare
//     loop calling the same step on the same batches (the loop's own cost is the difference),
//     for 256 and 512 hidden units (VAE_HIDDEN_UNITS is chosen from these); best of 2 rounds;
// (b) decode latency, one latent point → 784 bytes (decodeLatent, what the latent explorer calls
//     on each pointer move), p50/p95 over ≥ 200 decodes after a warm-up, and the 15 × 15 grid
//     in one call. Exposes window.runVaeBench().
import * as tf from '@tensorflow/tfjs';
import { configureWasm, wasmThreadCount } from '../../src/lib/ml/register-backends';
import { initBackend } from '../../src/lib/ml/probe';
import { BATCH_SIZE } from '../../src/lib/ml/models';
import { deriveSeed, mulberry32, shuffledIndices } from '../../src/lib/ml/random';
import { TrainLoop, tensorsFromBytes, type TrainingTensors } from '../../src/lib/ml/train-loop';
import { loadImageSet } from '../../src/lib/data/loader';
import { buildVae, VAE_BETA, VAE_LATENT, VAE_LEARNING_RATE, vaeParts } from '../../src/lib/tasks/vae/model';
import { VAE_METRIC_NAMES, vaeBatches, vaeStep } from '../../src/lib/tasks/vae/loss';
import { decodeLatent, decodeLatents } from '../../src/lib/tasks/vae/evaluate';
import { GRID_SIZE, manifoldGrid } from '../../src/lib/math/latent-grid';
import type { BackendName } from '../../src/lib/ml/backends';

export interface VaeBenchOptions {
  backend: BackendName;
  /** Training images per timed epoch. */
  count: number;
  hiddenUnits: number[];
  decodes: number;
}

export interface VaeThroughput {
  hidden: number;
  /** Wall-clock examples/s of one epoch, TrainLoop + vaeStep (default 16 ms yields); best of ROUNDS. */
  loop: number;
  /** The same step over the same batches in a plain for loop. */
  bare: number;
  /** Mean loss of the TrainLoop epoch (a sanity check that it trained). */
  loss: number;
}

export interface VaeLatency { p50: number; p95: number; n: number }

export interface VaeBenchResult {
  backend: BackendName;
  threads: number | null;
  count: number;
  batchSize: number;
  training: VaeThroughput[];
  /** One point → 784 bytes, ms. */
  decode?: VaeLatency;
  /** The 15 × 15 grid in one decodeLatents call, ms. */
  grid?: VaeLatency;
  error?: string;
}

const SEED = 1;
const WARM_UP_DECODES = 20;
const ROUNDS = 2;

function percentiles(samples: number[]): VaeLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), n: samples.length };
}

/** One epoch over `data`, timed: TrainLoop or the bare step. Returns examples/s and the mean loss. */
async function epoch(hidden: number, data: TrainingTensors, bare: boolean): Promise<{ rate: number; loss: number }> {
  const model = buildVae(SEED, VAE_LATENT, hidden);
  const optimizer = tf.train.adam(VAE_LEARNING_RATE);
  const step = vaeStep(vaeParts(model), optimizer, VAE_BETA, SEED);
  const makeBatch = vaeBatches(data);
  const count = data.xs.shape[0];
  try {
    // Warm-up: one batch, so kernel set-up and Adam's moment variables are not timed.
    const warm = await makeBatch(Int32Array.from({ length: BATCH_SIZE }, (_, i) => i), 0, 0);
    await step(warm.x, warm.y, { epoch: 0, batch: 0 });
    warm.x.dispose();
    const started = performance.now();
    let loss = 0;
    if (bare) {
      // The same order TrainLoop uses for epoch 0, so both see the same batches.
      const order = shuffledIndices(count, mulberry32(deriveSeed(SEED, 'epoch', 0)));
      for (let b = 0; b * BATCH_SIZE < count; b++) {
        const { x, y } = await makeBatch(order.subarray(b * BATCH_SIZE, Math.min(count, (b + 1) * BATCH_SIZE)), 0, b);
        try {
          loss += (await step(x, y, { epoch: 0, batch: b }))[0]! * x.shape[0]!;
        } finally {
          x.dispose();
        }
      }
      loss /= count;
    } else {
      const loop = new TrainLoop(model, data, { epochs: 1, batchSize: BATCH_SIZE, seed: SEED, metricNames: [...VAE_METRIC_NAMES], makeBatch, step });
      loss = (await loop.run()).loss;
    }
    return { rate: count / ((performance.now() - started) / 1000), loss };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

function decodeLatency(decodes: number): { decode: VaeLatency; grid: VaeLatency } {
  const model = buildVae(SEED);
  const { decoder } = vaeParts(model);
  const random = mulberry32(SEED);
  const point = () => [random() * 6 - 3, random() * 6 - 3];
  const grid = manifoldGrid(GRID_SIZE);
  try {
    for (let i = 0; i < WARM_UP_DECODES; i++) decodeLatent(decoder, point());
    const one: number[] = [];
    for (let i = 0; i < decodes; i++) {
      const z = point();
      const t = performance.now();
      decodeLatent(decoder, z);
      one.push(performance.now() - t);
    }
    const sheets: number[] = [];
    for (let i = 0; i < 3 + 20; i++) {
      const t = performance.now();
      decodeLatents(decoder, grid);
      if (i >= 3) sheets.push(performance.now() - t);
    }
    return { decode: percentiles(one), grid: percentiles(sheets) };
  } finally {
    model.dispose();
  }
}

async function runVaeBench(o: VaeBenchOptions): Promise<VaeBenchResult> {
  const base: VaeBenchResult = { backend: o.backend, threads: null, count: o.count, batchSize: BATCH_SIZE, training: [] };
  configureWasm('');
  const init = await initBackend(o.backend);
  if (!init.ok) return { ...base, error: `backend ${o.backend}: ${init.error ?? 'failed'}` };
  const set = await loadImageSet('mnist', 'train', { limit: o.count, baseUrl: '/data/' });
  const data = tensorsFromBytes(set.images, set.labels);
  try {
    const training: VaeThroughput[] = [];
    for (const hidden of o.hiddenUnits) {
      // Alternating, best of ROUNDS each: the first epoch on a page also pays for the JIT
      // warming up (CPU's JS kernels), which would otherwise count against whichever ran first.
      let loop = 0;
      let bare = 0;
      let loss = NaN;
      for (let round = 0; round < ROUNDS; round++) {
        const looped = await epoch(hidden, data, false);
        loop = Math.max(loop, looped.rate);
        loss = looped.loss;
        bare = Math.max(bare, (await epoch(hidden, data, true)).rate);
      }
      training.push({ hidden, loop, bare, loss });
    }
    return { ...base, threads: o.backend === 'wasm' ? wasmThreadCount() : null, count: set.count, training, ...decodeLatency(o.decodes) };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    data.xs.dispose();
    data.labels.dispose();
  }
}

(globalThis as unknown as { runVaeBench: typeof runVaeBench }).runVaeBench = runVaeBench;
