// The VAE trained through TrainLoop + vaeStep on real MNIST digits (the shards `npm run data`
// writes), on WASM as the training worker runs it: single-threaded in Node, so runs repeat exactly.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVae, VAE_LEARNING_RATE, vaeParts } from '../../../src/lib/tasks/vae/model';
import { VAE_METRIC_NAMES, vaeBatches, vaeStep } from '../../../src/lib/tasks/vae/loss';
import { decodeLatent, evaluateVae } from '../../../src/lib/tasks/vae/evaluate';
import { TrainLoop, tensorsFromBytes, type TrainResult, type TrainingTensors } from '../../../src/lib/ml/train-loop';
import { restoreOptimizerState, saveOptimizerState } from '../../../src/lib/ml/optimizer-state';
import { readSplit } from '../../../scripts/pretrain/common';
import { maxAbsDiff } from '../helpers/compare';

const HAVE_DATA = existsSync('public/data/manifest.json');
const COUNT = 512;
const BATCH = 64; // 8 batches per epoch
const SEED = 42;

let data: TrainingTensors;
let test: TrainingTensors;

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
  if (!HAVE_DATA) return;
  const train = readSplit('mnist', 'train', COUNT);
  const held = readSplit('mnist', 'test', 256);
  data = tensorsFromBytes(train.images, train.labels);
  test = tensorsFromBytes(held.images, held.labels);
});

afterAll(async () => {
  tf.dispose([data?.xs, data?.labels, test?.xs, test?.labels].filter((t) => t !== undefined));
  await tf.setBackend('cpu');
});

interface Run {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  loop: TrainLoop;
}

/** A VAE, its Adam and a loop over `data`, from `startEpoch` to `epochs`; `model` defaults to fresh weights. */
function makeRun(beta: number, epochs: number, opts: { model?: tf.LayersModel; startEpoch?: number; onEpochEnd?: (e: number, loss: number) => void } = {}): Run {
  const model = opts.model ?? buildVae(SEED);
  const optimizer = tf.train.adam(VAE_LEARNING_RATE);
  const loop = new TrainLoop(model, data, {
    epochs, batchSize: BATCH, seed: SEED, startEpoch: opts.startEpoch ?? 0, yieldIntervalMs: 1e9,
    metricNames: [...VAE_METRIC_NAMES], makeBatch: vaeBatches(data), step: vaeStep(vaeParts(model), optimizer, beta, SEED),
    onEpochEnd: (e, stats) => opts.onEpochEnd?.(e, stats.loss),
  });
  return { model, optimizer, loop };
}

function disposeRun(run: Run): void {
  run.model.dispose();
  run.optimizer.dispose();
}

const flatWeights = (model: tf.LayersModel): Float32Array[] => model.getWeights().map((w) => w.dataSync() as Float32Array);

describe.skipIf(!HAVE_DATA)('training the VAE on 512 MNIST digits', () => {
  it('lowers the loss and both terms are reported', async () => {
    const epochLosses: number[] = [];
    const run = makeRun(1, 4, { onEpochEnd: (_, loss) => epochLosses.push(loss) });
    const result: TrainResult = await run.loop.run();
    expect(result.outcome).toBe('completed');
    expect(epochLosses).toHaveLength(4);
    // From ~543 nats (784·ln 2 plus a little) towards ~200: each epoch lower, the last well below the first.
    for (let i = 1; i < 4; i++) expect(epochLosses[i]!).toBeLessThan(epochLosses[i - 1]!);
    expect(epochLosses[3]!).toBeLessThan(0.75 * epochLosses[0]!);
    expect(result.metrics['reconstruction']!).toBeGreaterThan(0);
    expect(result.metrics['kl']!).toBeGreaterThan(0);
    expect(result.loss).toBeCloseTo(result.metrics['reconstruction']! + result.metrics['kl']!, 1);
    disposeRun(run);
  });

  it('leaves the KL unchecked with β = 0: it ends far above the β = 1 run’s', async () => {
    const kl: Record<number, number> = {};
    for (const beta of [0, 1]) {
      const run = makeRun(beta, 3);
      await run.loop.run();
      kl[beta] = (await evaluateVae(vaeParts(run.model), test, beta, SEED)).kl;
      disposeRun(run);
    }
    // Without the KL's pull the encoder spreads μ out and shrinks σ, which the KL charges for.
    expect(kl[0]!).toBeGreaterThan(2 * kl[1]!);
  });

  it('resumes exactly: 3 epochs unbroken = 1 epoch, save weights and Adam, rebuild, 2 more', async () => {
    const unbroken = makeRun(1, 3);
    await unbroken.loop.run();
    const expected = flatWeights(unbroken.model);
    disposeRun(unbroken);

    const first = makeRun(1, 1);
    await first.loop.run();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await first.model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const adam = await saveOptimizerState(first.optimizer);
    disposeRun(first);

    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const second = makeRun(1, 3, { model: loaded, startEpoch: 1 });
    await restoreOptimizerState(second.optimizer, adam);
    await second.loop.run();
    const resumed = flatWeights(second.model);
    disposeRun(second);

    expect(resumed).toHaveLength(expected.length);
    for (let i = 0; i < expected.length; i++) expect(maxAbsDiff(resumed[i]!, expected[i]!)).toBeLessThanOrEqual(1e-5);
  });

  it('returns tf.memory().numTensors to its start after steps, evaluation, decoding and dispose', async () => {
    const warm = makeRun(1, 1); // first use of a kernel may allocate lasting state
    await warm.loop.run();
    disposeRun(warm);
    const before = tf.memory().numTensors;
    const run = makeRun(0.5, 1);
    await run.loop.run();
    const parts = vaeParts(run.model);
    await evaluateVae(parts, test, 0.5, SEED);
    for (let i = 0; i < 10; i++) decodeLatent(parts.decoder, [i - 5, 5 - i]);
    disposeRun(run);
    expect(tf.memory().numTensors).toBe(before);
  });
});
