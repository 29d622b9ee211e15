/**
 * Codes of a few images, as plain numbers, for interpolating between them on the main thread:
 * a VAE's means μ (the first half of its encoder's stats) or a plain autoencoder's code.
 * No tensors are left behind.
 */
import * as tf from '@tensorflow/tfjs';

/** images: count × 784 bytes (0–255) → the model's output rows, one number[] per image. */
function rows(model: tf.LayersModel, images: Uint8Array, count: number): number[][] {
  if (images.length !== count * 784) throw new Error(`latent codes: ${images.length} bytes are not ${count} images of 784`);
  const out = tf.tidy(() => model.predict(tf.tensor4d(Float32Array.from(images, (v) => v / 255), [count, 28, 28, 1])) as tf.Tensor2D);
  try {
    return out.arraySync();
  } finally {
    out.dispose();
  }
}

/** A VAE encoder (image → [μ, log σ²]) → each image's μ, `latent` numbers. */
export function encodeMeans(encoder: tf.LayersModel, images: Uint8Array, count: number): number[][] {
  return rows(encoder, images, count).map((r) => r.slice(0, r.length / 2));
}

/** A plain encoder (image → code) → each image's code. */
export function encodeCodes(encoder: tf.LayersModel, images: Uint8Array, count: number): number[][] {
  return rows(encoder, images, count);
}
