// Browser side of the course-CNN training section of `npm run bench` (run by course-cnn-run.ts,
// one fresh page per variant because WASM's thread count is fixed when the backend starts):
// examples/s of the lesson's CNN (cnn-64-64-128, batch 64, one synthetic 28×28 batch reused) on
// WASM with our kernels, on WASM with only the filter-gradient kernel (WASM's own kernels for the
// rest), and on plain-JS CPU; on WASM with our kernels also lesson 1's dense 784→128→10, for the
// native comparison. Exposes window.runCourseCnnBench().
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { configureWasm } from '../../src/lib/ml/register-backends';
import { buildCnn, buildDense784, disposeModel } from '../../src/lib/ml/models';
import { registerWasmConvKernels, unregisterWasmConvKernels } from '../../src/lib/ml/wasm-kernels';
import { conv2dBackpropFilterWasmConfig } from '../../src/lib/ml/wasm-kernels/conv2d-backprop-filter';
import { MAX_WASM_THREADS } from '../../src/lib/ml/wasm-kernels/threads';
import { heapJobsShared } from '../../src/lib/ml/wasm-kernels/heap-pool';

export type CourseCnnVariant = 'wasm' | 'wasm-filter-kernel-only' | 'cpu';

export interface CourseCnnOptions {
  variant: CourseCnnVariant;
  /** WASM threads (default: what configureWasm picks; 'all': every core, up to tfjs's 8). */
  threads?: number | 'all';
  batch: number;
  /** Timed training after one warm-up step. */
  ms: number;
  /** Timed steps at least. */
  minSteps: number;
}

export interface Throughput {
  steps: number;
  /** Median over the timed steps, so a stall of a shared machine does not move it. */
  msPerStep: number;
  examplesPerSecond: number;
}

export interface CourseCnnResult extends Throughput {
  variant: CourseCnnVariant;
  threads: number | null;
  batch: number;
  /** Lesson 1's dense network on the same backend and threads (WASM with our kernels only). */
  dense?: Throughput;
  /** Kernel loops our helper workers shared during the timed steps (heap-pool.ts). */
  sharedJobs?: number;
  /** Kernel ms in one profiled step, largest first (WASM only). */
  kernels?: Array<[string, number]>;
  error?: string;
}

async function profileKernels(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<Array<[string, number]>> {
  const info = await tf.profile(async () => {
    await model.trainOnBatch(x, y);
  });
  const byName: Record<string, number> = {};
  for (const k of info.kernels) byName[k.name] = (byName[k.name] ?? 0) + Number(k.kernelTimeMs);
  return Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 8);
}

async function timeSteps(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, o: CourseCnnOptions): Promise<Throughput> {
  await model.trainOnBatch(x, y); // warm-up: XNNPACK operator creation
  const times: number[] = [];
  const started = performance.now();
  while (times.length < o.minSteps || performance.now() - started < o.ms) {
    const t0 = performance.now();
    await model.trainOnBatch(x, y);
    times.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 0)); // a macrotask between steps, as the cell's TrainLoop yields
  }
  times.sort((a, b) => a - b);
  const msPerStep = times[Math.floor(times.length / 2)]!;
  return { steps: times.length, msPerStep, examplesPerSecond: (o.batch * 1000) / msPerStep };
}

async function runCourseCnnBench(o: CourseCnnOptions): Promise<CourseCnnResult> {
  configureWasm('');
  if (o.threads !== undefined) setThreadsCount(o.threads === 'all' ? Math.min(MAX_WASM_THREADS, navigator.hardwareConcurrency) : o.threads);
  if (o.variant === 'wasm-filter-kernel-only') {
    unregisterWasmConvKernels(); // back to WASM's own kernels but for the filter gradient it lacks
    tf.registerKernel(conv2dBackpropFilterWasmConfig);
  } else {
    registerWasmConvKernels();
  }
  const base = { variant: o.variant, threads: null, batch: o.batch, steps: 0, msPerStep: 0, examplesPerSecond: 0 };
  if (!(await tf.setBackend(o.variant === 'cpu' ? 'cpu' : 'wasm'))) return { ...base, error: 'setBackend failed' };
  const x = tf.randomUniform([o.batch, 28, 28, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([o.batch], 0, 10, 'int32', 2), 10));
  const models: tf.LayersModel[] = [];
  try {
    const cnn = buildCnn(1);
    models.push(cnn);
    const sharedBefore = heapJobsShared();
    const result: CourseCnnResult = { ...base, ...(await timeSteps(cnn, x, y, o)), threads: o.variant === 'cpu' ? null : getThreadsCount() };
    result.sharedJobs = heapJobsShared() - sharedBefore;
    if (o.variant === 'wasm') {
      result.kernels = await profileKernels(cnn, x, y);
      const dense = buildDense784(1);
      models.push(dense);
      result.dense = await timeSteps(dense, x, y, { ...o, ms: Math.min(o.ms, 3000) });
    }
    return result;
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    models.forEach(disposeModel);
    x.dispose();
    y.dispose();
  }
}

(globalThis as unknown as { runCourseCnnBench: typeof runCourseCnnBench }).runCourseCnnBench = runCourseCnnBench;
