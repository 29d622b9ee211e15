// Bundled by wasm-threads.spec.ts into a bare page served with cross-origin isolation: trains
// the course CNN on WASM a few steps from fixed weights and one fixed batch, and reports the
// losses with the thread count WASM runs on. Exposes window.trainCourseCnn().
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { configureWasm } from '../../../src/lib/ml/register-backends';
import { buildCnn, disposeModel } from '../../../src/lib/ml/models';
import { heapJobsShared } from '../../../src/lib/ml/wasm-kernels/heap-pool';

/** sharedJobs: kernel loops that helper workers shared (heap-pool.ts). */
export interface ThreadRun { threads: number; cores: number; isolated: boolean; losses: number[]; leakedTensors: number; sharedJobs: number; error?: string }

/** `threads` overrides the course's choice (configureWasm's); leave it out to test that choice. */
async function trainCourseCnn(steps: number, threads?: number): Promise<ThreadRun> {
  const run: ThreadRun = { threads: 0, cores: navigator.hardwareConcurrency, isolated: globalThis.crossOriginIsolated, losses: [], leakedTensors: 0, sharedJobs: 0 };
  try {
    configureWasm('');
    if (threads !== undefined) setThreadsCount(threads);
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) failed');
    run.threads = getThreadsCount();
    const before = tf.memory().numTensors;
    const model = buildCnn(7);
    const x = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.oneHot(tf.randomUniform([32], 0, 10, 'int32', 4), 10));
    for (let i = 0; i < steps; i++) {
      const result = await model.trainOnBatch(x, y); // [loss, accuracy]: the model is compiled with a metric
      run.losses.push(Array.isArray(result) ? result[0]! : result);
      await new Promise((resolve) => setTimeout(resolve, 0)); // a macrotask between steps, as the cell's TrainLoop yields: helper workers start then
    }
    disposeModel(model);
    tf.dispose([x, y]);
    run.leakedTensors = tf.memory().numTensors - before;
    run.sharedJobs = heapJobsShared();
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  }
  return run;
}

(globalThis as unknown as { trainCourseCnn: typeof trainCourseCnn }).trainCourseCnn = trainCourseCnn;
