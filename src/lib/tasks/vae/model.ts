/**
 * The variational autoencoder of lesson 8, as ONE flat functional model so that it is saved,
 * stored and loaded as one artifact, and its encoder and decoder cut out of it share its weights.
 *
 *   image [28, 28, 1] ─flatten─ 784 ─dense H, ReLU─ H ─┬─ dense L ─ μ        ─┐
 *                                                      └─ dense L ─ log σ²   ─┴─ concat ─▶ stats [2L]
 *   z [L] ─dense H, ReLU─ H ─dense 784 (logits)─ sigmoid ─ reshape ─▶ image [28, 28, 1]
 *
 * The two halves are not wired together inside the model: sampling z = μ + σ·ε needs ε, which
 * the training step draws from a seed (see loss.ts). So the model has two inputs (image, z) and
 * two outputs (stats, image); `vaeParts` cuts out encoder (image → stats), decoder (z → image)
 * and the decoder's logits (z → 784 logits, for a numerically safe cross-entropy).
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../ml/random';
import { IMAGE_CHANNELS, IMAGE_SIZE } from '../../ml/model-info';
import { MAX_LATENT } from './schema';

/**
 * Hidden units of the encoder and the decoder: 256, not 512. 512 costs about 2–4× the time per
 * example for a loss only a little lower per epoch, so per second of the reader's time 256 wins
 * (2-core machine under load, MNIST, batch 64, latent 2):
 * - Node, WASM: 256 → ~850 examples/s, 512 → ~220; 2 epochs of 4,096 images at 256 (9.6 s) end at
 *   a test loss of 205.0, 1 epoch at 512 (18.9 s) at 210.4. Node, CPU: 167 vs 92 examples/s.
 * - Chromium (`BENCH_ONLY=vae npm run bench`): WASM, 1 thread, 1,171 vs 414; CPU 232 vs 125.
 * It also matches the autoencoders of lessons 5 to 7, so the lessons compare like with like.
 */
export const VAE_HIDDEN_UNITS = 256;
/** Latent size by default: 2, so the latent space can be drawn and explored directly. */
export const VAE_LATENT = 2;
export { MAX_LATENT };
/** Weight of the KL term: 1 is the VAE proper; 0 is an autoencoder with noise; > 1 is a β-VAE. */
export const VAE_BETA = 1;
export const VAE_LEARNING_RATE = 0.001;

const PIXELS = IMAGE_SIZE * IMAGE_SIZE * IMAGE_CHANNELS;

/** Layer and input names: the parts are found by them in a loaded model. */
export const VAE_LAYERS = {
  imageInput: 'vae_image',
  zInput: 'vae_z',
  encoderHidden: 'vae_encoder_hidden',
  mu: 'vae_mu',
  logVar: 'vae_log_var',
  stats: 'vae_stats',
  decoderHidden: 'vae_decoder_hidden',
  logits: 'vae_decoder_logits',
  sigmoid: 'vae_decoder_sigmoid',
  decoded: 'vae_decoded',
} as const;

/** The halves of a VAE. All share the combined model's weights: dispose only `model`. */
export interface VaeParts {
  /** The combined model (trained and saved). */
  model: tf.LayersModel;
  /** Image [batch, 28, 28, 1] → stats [batch, 2·latent]: μ in columns 0…L−1, log σ² in L…2L−1. */
  encoder: tf.LayersModel;
  /** z [batch, latent] → image [batch, 28, 28, 1], pixels in (0, 1). */
  decoder: tf.LayersModel;
  /** z [batch, latent] → logits [batch, 784]: the decoder before its sigmoid, for the loss. */
  logits: tf.LayersModel;
  latent: number;
}

const init = (seed: number, layer: number) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer) });

function checkLatent(latent: number): void {
  if (!Number.isInteger(latent) || latent < 1 || latent > MAX_LATENT) throw new Error(`The latent size must be a whole number from 1 to ${MAX_LATENT}, got ${latent}`);
}

/**
 * The combined VAE, weights drawn from `seed`.
 * Inputs: image [batch, 28, 28, 1], z [batch, latent].
 * Outputs: stats [batch, 2·latent] (μ then log σ²), image [batch, 28, 28, 1] decoded from z.
 */
export function buildVae(seed: number, latent: number = VAE_LATENT, hidden: number = VAE_HIDDEN_UNITS): tf.LayersModel {
  checkLatent(latent);
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`Hidden units must be a whole number ≥ 1, got ${hidden}`);
  const L = VAE_LAYERS;
  const image = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS], name: L.imageInput });
  const z = tf.input({ shape: [latent], name: L.zInput });

  const flat = tf.layers.flatten().apply(image) as tf.SymbolicTensor;
  const h = tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(seed, 0), name: L.encoderHidden }).apply(flat) as tf.SymbolicTensor;
  const mu = tf.layers.dense({ units: latent, kernelInitializer: init(seed, 1), name: L.mu }).apply(h) as tf.SymbolicTensor;
  // Linear: any real number is a valid log-variance, and exp() of it a positive variance.
  const logVar = tf.layers.dense({ units: latent, kernelInitializer: init(seed, 2), name: L.logVar }).apply(h) as tf.SymbolicTensor;
  const stats = tf.layers.concatenate({ axis: -1, name: L.stats }).apply([mu, logVar]) as tf.SymbolicTensor;

  const dh = tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(seed, 3), name: L.decoderHidden }).apply(z) as tf.SymbolicTensor;
  // Logits and sigmoid as two layers, so the loss can use the logits (stable cross-entropy).
  const logits = tf.layers.dense({ units: PIXELS, kernelInitializer: init(seed, 4), name: L.logits }).apply(dh) as tf.SymbolicTensor;
  const pixels = tf.layers.activation({ activation: 'sigmoid', name: L.sigmoid }).apply(logits) as tf.SymbolicTensor;
  const decoded = tf.layers.reshape({ targetShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS], name: L.decoded }).apply(pixels) as tf.SymbolicTensor;

  return tf.model({ inputs: [image, z], outputs: [stats, decoded], name: 'vae' });
}

const output = (model: tf.LayersModel, name: string) => model.getLayer(name).output as tf.SymbolicTensor;
const input = (model: tf.LayersModel, name: string): tf.SymbolicTensor => {
  const found = model.inputs.find((t) => t.sourceLayer.name === name);
  if (!found) throw new Error(`This model has no input '${name}': is it a VAE from buildVae?`);
  return found;
};

/**
 * Encoder, decoder and logits of a combined VAE, freshly built or loaded. They are views over
 * the model's own graph (tf.model over its symbolic tensors, no layer applied again), so they
 * hold no reference of their own: do not dispose them; disposing `model` frees everything.
 */
export function vaeParts(model: tf.LayersModel): VaeParts {
  const L = VAE_LAYERS;
  const image = input(model, L.imageInput);
  const z = input(model, L.zInput);
  return {
    model,
    encoder: tf.model({ inputs: image, outputs: output(model, L.stats), name: 'vae_encoder' }),
    decoder: tf.model({ inputs: z, outputs: output(model, L.decoded), name: 'vae_decoder' }),
    logits: tf.model({ inputs: z, outputs: output(model, L.logits), name: 'vae_decoder_logits_model' }),
    latent: latentOf(model),
  };
}

/** The latent size of a combined VAE. */
export function latentOf(model: tf.LayersModel): number {
  return (model.getLayer(VAE_LAYERS.mu).outputShape as number[])[1]!;
}

/** The hidden units of a combined VAE (shipped weights may differ from VAE_HIDDEN_UNITS). */
export function hiddenUnitsOf(model: tf.LayersModel): number {
  return (model.getLayer(VAE_LAYERS.encoderHidden).outputShape as number[])[1]!;
}

/** Trainable parameters of buildVae(·, latent, hidden), without building it. */
export function vaeParameters(latent: number, hidden: number = VAE_HIDDEN_UNITS): number {
  const encoder = (PIXELS + 1) * hidden + 2 * (hidden + 1) * latent;
  const decoder = (latent + 1) * hidden + (hidden + 1) * PIXELS;
  return encoder + decoder;
}

/**
 * The weights the optimizer updates, in the model's layer order (Adam keeps its moments by
 * position, so a checkpoint restores only into this same order).
 */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}
