/**
 * The VAE's loss and its training step.
 *
 *   loss = reconstruction + β · KL
 *   reconstruction = Σ over the 784 pixels of the binary cross-entropy between the image and the
 *                    decoder's output for z = μ + σ·ε  (one sample per image)
 *   KL = ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)            (math/gaussian-kl.ts derives it)
 * each per image, then the mean over the batch. Summing (not averaging) over pixels keeps the
 * two terms on the scale of the evidence lower bound, where β = 1 is the VAE proper; averaging
 * would make the KL 784 times stronger.
 *
 * Sampling z = μ + exp(½ log σ²)·ε with ε ~ N(0, I) drawn outside the network (the
 * reparameterisation trick) lets the gradient reach μ and log σ² through z. The step seeds ε
 * from (seed, epoch, batch), so a run resumed from a checkpoint draws the same ε as an
 * uninterrupted one and lands on the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../ml/random';
import type { BatchMaker, TrainStep, TrainingTensors } from '../../ml/train-loop';
import { trainableVariables, type VaeParts } from './model';

/** What the step returns after the loss, in order: the curves the cell draws. */
export const VAE_METRIC_NAMES = ['reconstruction', 'kl'] as const;

/** The loss's three figures, each a scalar tensor []. (A type, not an interface, so tf.tidy can return it.) */
export type VaeLossTerms = {
  total: tf.Scalar;
  reconstruction: tf.Scalar;
  kl: tf.Scalar;
};

/**
 * Binary cross-entropy per image from logits, summed over pixels.
 * target [batch, 784] in [0, 1], logits [batch, 784] → [batch].
 * The logits form max(l, 0) − l·x + log(1 + e^−|l|) equals −x·log σ(l) − (1 − x)·log(1 − σ(l))
 * but never takes the log of a sigmoid that has rounded to 0 or 1, so it needs no clipping.
 */
export function bceFromLogits(target: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.relu(logits).sub(logits.mul(target)).add(tf.log1p(tf.exp(tf.neg(tf.abs(logits))))).sum(1));
}

// #region kl
/** KL(N(μ, σ²) ‖ N(0, I)) per image. mu, logVar [batch, latent] → [batch]. */
export function klPerImage(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(1).mul(0.5));
}

/**
 * The loss from its pieces: target [batch, 784], logits [batch, 784], mu and logVar
 * [batch, latent] → three scalars [] (batch means).
 */
export function vaeLossTerms(target: tf.Tensor2D, logits: tf.Tensor2D, mu: tf.Tensor2D, logVar: tf.Tensor2D, beta: number): VaeLossTerms {
  return tf.tidy(() => {
    const reconstruction = bceFromLogits(target, logits).mean() as tf.Scalar;
    const kl = klPerImage(mu, logVar).mean() as tf.Scalar;
    return { reconstruction, kl, total: reconstruction.add(kl.mul(beta)) as tf.Scalar };
  });
}
// #endregion

/** stats [batch, 2·latent] → μ and log σ², each [batch, latent]. */
export function splitStatsTensor(stats: tf.Tensor2D): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
  const [mu, logVar] = tf.split(stats, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, logVar };
}

// #region reparameterise
/** z = μ + exp(½ log σ²)·ε. mu, logVar, eps [batch, latent] → z [batch, latent]. */
export function reparameterise(mu: tf.Tensor2D, logVar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => mu.add(logVar.mul(0.5).exp().mul(eps)));
}
// #endregion

/** ε [batch, latent] ~ N(0, I), the same for the same (seed, parts…) on every backend (drawn in JS). */
export function seededEpsilon(batch: number, latent: number, seed: number, ...parts: Array<string | number>): tf.Tensor2D {
  return tf.randomNormal([batch, latent], 0, 1, 'float32', deriveSeed(seed, 'epsilon', ...parts)) as tf.Tensor2D;
}

/**
 * The whole forward pass: images x [batch, 28, 28, 1] and noise eps [batch, latent] → the loss
 * terms (scalars []). `training` is passed to the layers (no dropout or batch norm here today).
 */
export function vaeForward(parts: VaeParts, x: tf.Tensor, eps: tf.Tensor2D, beta: number, training = false): VaeLossTerms {
  return tf.tidy(() => {
    const n = x.shape[0]!;
    const stats = parts.encoder.apply(x, { training }) as tf.Tensor2D;
    const { mu, logVar } = splitStatsTensor(stats);
    const logits = parts.logits.apply(reparameterise(mu, logVar, eps), { training }) as tf.Tensor2D;
    return vaeLossTerms(x.reshape([n, -1]) as tf.Tensor2D, logits, mu, logVar, beta);
  });
}

/**
 * One Adam (or any optimizer) step on a batch of images: minimises reconstruction + β·KL over
 * the combined model's trainable weights. Returns [total, reconstruction, kl] (VAE_METRIC_NAMES
 * after the loss). ε comes from deriveSeed(seed, 'epsilon', epoch, batch): resumable.
 * The loop disposes x (and y, the same images, unused); everything else is freed here.
 */
export function vaeStep(parts: VaeParts, optimizer: tf.Optimizer, beta: number, seed: number): TrainStep {
  const variables = trainableVariables(parts.model);
  return async (x, _y, { epoch, batch }) => {
    const eps = seededEpsilon(x.shape[0]!, parts.latent, seed, epoch, batch);
    const kept: tf.Tensor[] = [eps];
    try {
      const total = optimizer.minimize(() => {
        const terms = vaeForward(parts, x, eps, beta, true);
        // minimize() frees everything its function makes but the cost: keep the two terms to report.
        kept.push(tf.keep(terms.reconstruction), tf.keep(terms.kl));
        return terms.total;
      }, true, variables);
      if (total) kept.push(total);
      const values = await Promise.all([total, kept[1], kept[2]].map(async (t) => (t ? (await t.data())[0]! : NaN)));
      return values;
    } finally {
      tf.dispose(kept);
    }
  };
}

/** VAE batches: the images are both the input and the target (one tensor, disposed once by the loop). [n, 28, 28, 1]. */
export function vaeBatches(data: Pick<TrainingTensors, 'xs'>): BatchMaker {
  return (indices) => {
    const x = tf.tidy(() => tf.gather(data.xs, tf.tensor1d(indices, 'int32')));
    return { x, y: x };
  };
}
