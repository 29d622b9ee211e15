/**
 * The VAE on held-out images (the loss terms, and where each image lands in the latent space),
 * and the decoder as the latent explorer calls it: plain numbers out, no tensors left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { quantiseProbabilities } from '../../ml/evaluate';
import type { TrainingTensors } from '../../ml/train-loop';
import { seededEpsilon, splitStatsTensor, vaeForward } from './loss';
import type { VaeParts } from './model';

/** Images per evaluation batch: bounded memory, few enough calls that overhead does not matter. */
export const VAE_EVAL_BATCH = 500;

export interface VaeEvaluation {
  /** Means per image over the data set. */
  total: number;
  reconstruction: number;
  kl: number;
  /** μ of every image, row after row ([count × latent]): where the explorer's scatter puts it. */
  mu: Float32Array;
  latent: number;
  count: number;
}

/**
 * The loss terms on a data set and each image's μ. The reconstruction uses a sampled z with ε
 * seeded from (seed, 'evaluate', batch), not ε = 0: the figure is then the same one-sample
 * estimate of the loss the training curve shows (decoding the mean alone would report a lower,
 * flattering reconstruction that no training batch ever saw), and it is the same on every call,
 * so the validation curve moves only when the weights do.
 */
export async function evaluateVae(parts: VaeParts, data: Pick<TrainingTensors, 'xs'>, beta: number, seed: number, batchSize = VAE_EVAL_BATCH): Promise<VaeEvaluation> {
  const count = data.xs.shape[0];
  const latent = parts.latent;
  const mu = new Float32Array(count * latent);
  let total = 0;
  let reconstruction = 0;
  let kl = 0;
  for (let start = 0, batch = 0; start < count; start += batchSize, batch++) {
    const n = Math.min(batchSize, count - start);
    const out = tf.tidy(() => {
      const x = data.xs.slice([start, 0, 0, 0], [n, -1, -1, -1]);
      const terms = vaeForward(parts, x, seededEpsilon(n, latent, seed, 'evaluate', batch), beta);
      // The encoder runs twice (here and inside vaeForward): a cheap dense layer, for a simpler API.
      const { mu: m } = splitStatsTensor(parts.encoder.predict(x) as tf.Tensor2D);
      return { ...terms, mu: m };
    });
    try {
      const [t, r, k, m] = await Promise.all([out.total.data(), out.reconstruction.data(), out.kl.data(), out.mu.data()]);
      total += t[0]! * n;
      reconstruction += r[0]! * n;
      kl += k[0]! * n;
      mu.set(m, start * latent);
    } finally {
      tf.dispose(out);
    }
  }
  const per = (sum: number) => (count > 0 ? sum / count : NaN);
  return { total: per(total), reconstruction: per(reconstruction), kl: per(kl), mu, latent, count };
}

/**
 * The decoder's picture of one latent point: 784 pixels 0…255, row-major. Synchronous (one
 * tiny predict and a read-back), so the explorer can redraw inside a pointer-move handler on
 * the main thread's CPU backend.
 */
export function decodeLatent(decoder: tf.LayersModel, z: readonly number[]): Uint8Array {
  return decodeLatents(decoder, [z]);
}

/**
 * Several latent points in one predict (the manifold grid, an interpolation): the images one
 * after another, 784 bytes each.
 */
export function decodeLatents(decoder: tf.LayersModel, points: ReadonlyArray<readonly number[]>): Uint8Array {
  const latent = (decoder.inputs[0]!.shape as number[])[1]!;
  if (points.length === 0) return new Uint8Array(0);
  const flat = new Float32Array(points.length * latent);
  points.forEach((z, i) => {
    if (z.length !== latent) throw new Error(`decodeLatent: this decoder takes ${latent} numbers, got ${z.length}`);
    flat.set(z, i * latent);
  });
  const probabilities = tf.tidy(() => (decoder.predict(tf.tensor2d(flat, [points.length, latent])) as tf.Tensor).dataSync());
  return quantiseProbabilities(probabilities);
}
