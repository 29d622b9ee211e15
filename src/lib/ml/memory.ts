/**
 * Tensor-leak helpers. Every tensor a tfjs program makes must be disposed (tf.tidy or
 * .dispose()); a leak grows GPU/WASM memory on every click. These helpers make the
 * count visible and testable.
 */
import * as tf from '@tensorflow/tfjs';

export interface MemorySnapshot {
  numTensors: number;
  numBytes: number;
}

export function memorySnapshot(): MemorySnapshot {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}

export interface LeakReport<T> {
  result: T;
  before: MemorySnapshot;
  after: MemorySnapshot;
  /** Tensors alive after minus before: 0 when everything was disposed. */
  leakedTensors: number;
}

/** Runs `fn` and reports how many tensors it left behind. `fn` may be async. */
export async function measureTensors<T>(fn: () => T | Promise<T>): Promise<LeakReport<T>> {
  const before = memorySnapshot();
  const result = await fn();
  const after = memorySnapshot();
  return { result, before, after, leakedTensors: after.numTensors - before.numTensors };
}

/**
 * Runs `fn` and throws if it leaves more than `allowed` new tensors alive (e.g. allowed = the
 * weights of a model it deliberately returns).
 */
export async function assertNoLeak<T>(label: string, fn: () => T | Promise<T>, allowed = 0): Promise<T> {
  const report = await measureTensors(fn);
  if (report.leakedTensors > allowed) {
    throw new Error(`${label} leaked ${report.leakedTensors - allowed} tensor(s): ${report.before.numTensors} before, ${report.after.numTensors} after`);
  }
  return report.result;
}
