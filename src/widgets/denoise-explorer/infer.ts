/**
 * The reader's denoiser as a plain function of pixels: one batched predict inside tf.tidy, so
 * the input, the output and every intermediate tensor are freed before it returns.
 */
import type * as tf from '@tensorflow/tfjs';
import { predictImages } from '../../lib/ml/predict-images';
import { PIXELS, SIDE, type Denoiser } from './denoise';

/** Images per predict call: bounds the peak memory of a long batch (the chart's 100 digits fit in one). */
export const INFER_BATCH = 128;

/**
 * Runs `model` ([batch, 28, 28, 1] → [batch, 28, 28, 1]) on `count` noisy images (floats in
 * [0, 1], image after image) and returns its outputs in the same layout. Leaves no tensors.
 */
export function denoiseBatch(model: tf.LayersModel, noisy: Float32Array, count: number): Float32Array {
  if (noisy.length !== count * PIXELS) throw new Error(`denoiseBatch: ${noisy.length} values are not ${count} images of ${PIXELS} pixels`);
  const out = new Float32Array(noisy.length);
  for (let start = 0; start < count; start += INFER_BATCH) {
    const n = Math.min(INFER_BATCH, count - start);
    const values = predictImages(model, noisy.subarray(start * PIXELS, (start + n) * PIXELS), n, SIDE);
    out.set(values, start * PIXELS);
  }
  return out;
}

/** `denoiseBatch` bound to a model, in the shape denoiseRows and the chart take. */
export function modelDenoiser(model: tf.LayersModel): Denoiser {
  return (noisy, count) => denoiseBatch(model, noisy, count);
}
