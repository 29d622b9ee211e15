// ImageSet → tensors for training and evaluation. Kept apart from loader.ts so pages that only
// show images never pull tfjs into their bundle.
import * as tf from '@tensorflow/tfjs';
import { CLASS_COUNT, IMAGE_SIZE, PIXELS_PER_IMAGE } from './datasets';
import type { ImageSet } from './loader';

export interface ImageTensors {
  /** [n, 28, 28, 1] float32, grey levels scaled to [0, 1]. */
  xs: tf.Tensor4D;
  /** [n, 10] float32 one-hot labels. */
  ys: tf.Tensor2D;
}

/**
 * Converts images `start`..`end` (default: all) of a set into tensors.
 * xs: [n, 28, 28, 1] float32 in [0, 1]; ys: [n, 10] float32 one-hot.
 * The caller owns both tensors and must dispose them.
 */
export function toTensors(set: ImageSet, start = 0, end = set.count): ImageTensors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > set.count || start > end) {
    throw new RangeError(`image range ${start}..${end} is outside 0..${set.count}`);
  }
  const n = end - start;
  const pixels = set.images.subarray(start * PIXELS_PER_IMAGE, end * PIXELS_PER_IMAGE);
  const scaled = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) scaled[i] = pixels[i]! / 255;
  const xs = tf.tensor4d(scaled, [n, IMAGE_SIZE, IMAGE_SIZE, 1], 'float32');
  const ys = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(set.labels.subarray(start, end), 'int32'), CLASS_COUNT).toFloat() as tf.Tensor2D,
  );
  return { xs, ys };
}
