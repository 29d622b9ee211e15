/**
 * An optimizer's state as plain arrays, for checkpoints. Adam keeps a step count and two moving
 * averages per weight; a run continued with fresh ones would take different (too large) first
 * steps than the run it continues, so the curve after a reload would not match.
 */
import * as tf from '@tensorflow/tfjs';

export interface SavedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array;
}

/** Copies the optimizer's state out (its own variables stay untouched). */
export async function saveOptimizerState(optimizer: tf.Optimizer): Promise<SavedTensor[]> {
  const weights = await optimizer.getWeights();
  try {
    return await Promise.all(weights.map(async ({ name, tensor }) => ({
      name, shape: [...tensor.shape], dtype: tensor.dtype === 'int32' ? 'int32' as const : 'float32' as const,
      values: Float32Array.from(await tensor.data()),
    })));
  } finally {
    // getWeights() makes a fresh tensor for the step count only; the moments are the optimizer's own variables.
    weights[0]?.tensor.dispose();
  }
}

/**
 * Puts saved state into a freshly compiled optimizer of the same kind, for a model with the same
 * layers (Adam matches moments to weights by position).
 */
export async function restoreOptimizerState(optimizer: tf.Optimizer, saved: SavedTensor[]): Promise<void> {
  if (saved.length === 0) return;
  const tensors = saved.map((s) => ({ name: s.name, tensor: tf.tensor(s.values, s.shape, s.dtype) }));
  try {
    await optimizer.setWeights(tensors);
  } finally {
    tensors.forEach((t) => t.tensor.dispose()); // setWeights copies them into new variables
  }
}
