/**
 * Evaluates a classifier on held-out data in batches (bounded memory), returning plain arrays
 * so results can cross the worker boundary and be stored. Leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { accuracy, argmaxRows, crossEntropy } from './metrics';
import { NUM_CLASSES } from './models';
import type { TrainingTensors } from './train-loop';

export interface Evaluation {
  /** Fraction correct, 0…1. */
  accuracy: number;
  /** Mean cross-entropy. */
  loss: number;
  /** [count] predicted class of every example. */
  predicted: Uint8Array;
  /** [count × 10] class probabilities, row-major. */
  probabilities: Float32Array;
  /** [count] true labels. */
  labels: Uint8Array;
}

/** Runs the model over every example (batches of `batchSize`) and scores it. */
export async function evaluateClassifier(model: tf.LayersModel, data: TrainingTensors, batchSize = 500): Promise<Evaluation> {
  const count = data.labels.shape[0];
  const probabilities = new Float32Array(count * NUM_CLASSES);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    // A number begin/size slices the first axis whatever the rank (images, or lesson 6's feature rows).
    const out = tf.tidy(() => model.predict(data.xs.slice(start, size)) as tf.Tensor2D);
    try {
      probabilities.set(await out.data(), start * NUM_CLASSES);
    } finally {
      out.dispose();
    }
  }
  const labels = Uint8Array.from(await data.labels.data());
  const predicted = argmaxRows(probabilities, NUM_CLASSES);
  return { accuracy: accuracy(labels, predicted), loss: crossEntropy(probabilities, labels, NUM_CLASSES), predicted, probabilities, labels };
}

/** Values 0…1 (probabilities, pixels) → bytes 0…255, clamped: 4× smaller to store, and all a gallery needs. */
export function quantiseProbabilities(probabilities: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, probabilities[i]!)) * 255);
  return out;
}
