/**
 * Records every batch's loss (and accuracy) of three real training cells, in Node through the
 * cell's own worker handler, to choose the training curve's smoothing (src/lib/math/ema.ts):
 *   npx tsx scripts/bench/curve-smoothing-data.ts > /tmp/batch-curves.json
 * Runs: lesson 1's dense cell (20,000 images, batch 64, 5 epochs), lesson 1's overfitting cell
 * (500 images, batch 32, 30 epochs) and lesson 5's dense autoencoder (10,000, batch 64, 3 epochs).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { StartPayload } from '../../src/lib/workers/protocol';
import { nullModelStore, runCellHandler } from '../pretrain/common';

interface Case { name: string; start: StartPayload }
const base = { seed: 42, backend: 'wasm' as const, baseUrl: '', validationCount: 1000 };
const cases: Case[] = [
  { name: 'dense-20000-b64', start: { ...base, task: 'classifier', model: 'dense-784-128-10', hyper: { epochs: 5, batchSize: 64, learningRate: 0.001 }, hiddenUnits: 128, data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: 20000 } } },
  { name: 'overfit-500-b32', start: { ...base, task: 'classifier', model: 'dense-784-128-10', hyper: { epochs: 30, batchSize: 32, learningRate: 0.001 }, hiddenUnits: 256, data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: 500 } } },
  { name: 'ae-10000-b64', start: { ...base, task: 'autoencoder', model: 'dense-autoencoder', hyper: { epochs: 3, batchSize: 64, learningRate: 0.001 }, bottleneck: 16, data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: 10000 } } },
];

async function main(): Promise<void> {
  await tf.setBackend('wasm');
  const out: Record<string, { batches: number; loss: number[]; accuracy: number[]; runningLoss: number[] }> = {};
  for (const c of cases) {
    const run = await runCellHandler(c.start, nullModelStore());
    if (run.failure) throw new Error(run.failure);
    // Per-batch accuracy from consecutive running means (progress comes for every batch here).
    const accuracy: number[] = [];
    let prev = 0;
    for (const p of run.progress) {
      const mean = p.metrics['accuracy'] ?? NaN;
      accuracy.push(p.batch === 1 ? mean : mean * p.batch - prev * (p.batch - 1));
      prev = mean;
    }
    out[c.name] = { batches: run.progress[0]!.batches, loss: run.progress.map((p) => p.batchLoss), accuracy, runningLoss: run.progress.map((p) => p.loss) };
    console.error(`${c.name}: ${run.progress.length} batches`);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
