// Browser side of the course-CNN training section of `npm run bench` (run by course-cnn-run.ts,
// one fresh page per variant because WASM's thread count is fixed when the backend starts):
// examples/s of the lesson's CNN (cnn-64-64-128, batch 64, synthetic 28×28 data) on WASM with
// our kernels, on WASM with only the filter-gradient kernel (stock Conv2DBackpropInput, MaxPoolGrad and Sum),
// and on plain-JS CPU. Exposes window.runCourseCnnBench().
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { configureWasm } from '../../src/lib/ml/register-backends';
import { buildCnn, disposeModel } from '../../src/lib/ml/models';
import { registerWasmConvKernels, unregisterWasmConvKernels } from '../../src/lib/ml/wasm-kernels';
import { conv2dBackpropFilterWasmConfig } from '../../src/lib/ml/wasm-kernels/conv2d-backprop-filter';
import { MAX_WASM_THREADS } from '../../src/lib/ml/wasm-kernels/threads';

export type CourseCnnVariant = 'wasm' | 'wasm-filter-kernel-only' | 'cpu';

export interface CourseCnnOptions {
  variant: CourseCnnVariant;
  /** WASM threads (default: what configureWasm picks, all cores but one; 'all': every core). */
  threads?: number | 'all';
  batch: number;
  /** Timed training after one warm-up step. */
  ms: number;
  /** Timed steps at least. */
  minSteps: number;
}

export interface CourseCnnResult {
  variant: CourseCnnVariant;
  threads: number | null;
  batch: number;
  steps: number;
  msPerStep: number;
  examplesPerSecond: number;
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

async function runCourseCnnBench(o: CourseCnnOptions): Promise<CourseCnnResult> {
  configureWasm('');
  if (o.threads !== undefined) setThreadsCount(o.threads === 'all' ? Math.min(MAX_WASM_THREADS, navigator.hardwareConcurrency) : o.threads);
  if (o.variant === 'wasm-filter-kernel-only') {
    unregisterWasmConvKernels(); // back to WASM's own Conv2DBackpropInput, MaxPoolGrad and Sum
    tf.registerKernel(conv2dBackpropFilterWasmConfig);
  } else {
    registerWasmConvKernels();
  }
  const base = { variant: o.variant, threads: null, batch: o.batch, steps: 0, msPerStep: 0, examplesPerSecond: 0 };
  if (!(await tf.setBackend(o.variant === 'cpu' ? 'cpu' : 'wasm'))) return { ...base, error: 'setBackend failed' };
  const model = buildCnn(1);
  const x = tf.randomUniform([o.batch, 28, 28, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([o.batch], 0, 10, 'int32', 2), 10));
  try {
    await model.trainOnBatch(x, y); // warm-up: XNNPACK operator creation
    let steps = 0;
    const started = performance.now();
    while (steps < o.minSteps || performance.now() - started < o.ms) {
      await model.trainOnBatch(x, y);
      steps++;
    }
    const elapsed = performance.now() - started;
    const result: CourseCnnResult = {
      ...base, threads: o.variant === 'cpu' ? null : getThreadsCount(), steps,
      msPerStep: elapsed / steps, examplesPerSecond: (steps * o.batch * 1000) / elapsed,
    };
    if (o.variant === 'wasm') result.kernels = await profileKernels(model, x, y);
    return result;
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    disposeModel(model);
    x.dispose();
    y.dispose();
  }
}

(globalThis as unknown as { runCourseCnnBench: typeof runCourseCnnBench }).runCourseCnnBench = runCourseCnnBench;
