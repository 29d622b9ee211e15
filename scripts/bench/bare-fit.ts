// Browser side of the cell-vs-fit section of `npm run bench` (driven by cell-vs-fit.ts): the
// baseline the training cell is compared with. The same model (buildModel, the cell's builder),
// the same backend set up the way the training worker does (configureWasm + initBackend), the
// same first N Fashion-MNIST training images and the same batch size, trained with a plain
// `model.fit(xs, ys, { batchSize, epochs: 1, shuffle: true })` on the page's main thread.
// Exposes window.runBareFit().
import * as tf from '@tensorflow/tfjs';
import { MODEL_INFO } from '../../src/lib/ml/model-info';
import { configureWasm, wasmThreadCount } from '../../src/lib/ml/register-backends';
import { initBackend } from '../../src/lib/ml/probe';
import { disposeModel, NUM_CLASSES, type ModelName } from '../../src/lib/ml/models';
import { buildModel } from '../../src/lib/ml/models-classification';
import { tensorsFromBytes } from '../../src/lib/ml/train-loop';
import { loadImageSet } from '../../src/lib/data/loader';
import type { BackendName } from '../../src/lib/ml/backends';

export interface BareFitOptions {
  model: ModelName;
  backend: BackendName;
  /** Training examples (the first N of the training split, like the cell's "Training images"). */
  count: number;
  batchSize: number;
  seed: number;
  /** The cell's data set (default Fashion-MNIST). */
  dataset?: 'mnist' | 'fashion-mnist';
}

export interface BareFitResult {
  model: ModelName;
  backend: BackendName;
  threads: number | null;
  count: number;
  batchSize: number;
  /** Seconds of the timed fit (one epoch over `count` examples). */
  fitSeconds: number;
  examplesPerSecond: number;
  /** Seconds of the untimed warm-up fit (one batch: kernel/operator set-up). */
  warmUpSeconds: number;
  loss: number;
  error?: string;
}

async function runBareFit(o: BareFitOptions): Promise<BareFitResult> {
  const base: BareFitResult = { model: o.model, backend: o.backend, threads: null, count: o.count, batchSize: o.batchSize, fitSeconds: 0, examplesPerSecond: 0, warmUpSeconds: 0, loss: NaN };
  configureWasm('');
  const init = await initBackend(o.backend);
  if (!init.ok) return { ...base, error: `backend ${o.backend}: ${init.error ?? 'failed'}` };
  const set = await loadImageSet(o.dataset ?? 'fashion-mnist', 'train', { limit: o.count, baseUrl: '/data/' });
  const { xs, labels } = tensorsFromBytes(set.images, set.labels);
  // An autoencoder's target is its input.
  const ys = MODEL_INFO[o.model].family === 'autoencoder' ? xs.clone() : tf.tidy(() => tf.oneHot(labels, NUM_CLASSES));
  const model = buildModel(o.model, o.seed, { learningRate: 0.001, batchSize: o.batchSize, epochs: 1 });
  try {
    // Warm-up: one batch through fit, so WASM operator creation and the first-call set-up of
    // fit's training function are not counted (the cell's first batch pays them inside the run).
    const w = tf.tidy(() => ({ x: xs.slice(0, o.batchSize), y: ys.slice(0, o.batchSize) }));
    let t = performance.now();
    await model.fit(w.x, w.y, { batchSize: o.batchSize, epochs: 1, shuffle: false, verbose: 0 });
    const warmUpSeconds = (performance.now() - t) / 1000;
    w.x.dispose();
    w.y.dispose();
    // The harness may sample CPU time right around the timed fit (page.exposeFunction).
    const mark = (globalThis as unknown as { __benchMark?: (what: string) => Promise<void> }).__benchMark;
    await mark?.('fit-start');
    t = performance.now();
    const history = await model.fit(xs, ys, { batchSize: o.batchSize, epochs: 1, shuffle: true, verbose: 0 });
    const fitSeconds = (performance.now() - t) / 1000;
    await mark?.('fit-end');
    const loss = Number(history.history['loss']?.[0] ?? NaN);
    return { ...base, threads: o.backend === 'wasm' ? wasmThreadCount() : null, fitSeconds, examplesPerSecond: set.count / fitSeconds, warmUpSeconds, loss, count: set.count };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    disposeModel(model);
    xs.dispose();
    labels.dispose();
    ys.dispose();
  }
}

(globalThis as unknown as { runBareFit: typeof runBareFit }).runBareFit = runBareFit;
