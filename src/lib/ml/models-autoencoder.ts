/**
 * The autoencoders of lessons 5, 7 and 9, the very code their training cells run.
 *
 *   image 784 ──encoder──▶ code (k numbers: the bottleneck) ──decoder──▶ 784 pixels again
 *
 * The network has as many outputs as inputs and is trained to copy its input through the
 * narrow code layer, so the code has to keep what matters and drop the rest. The code layer is
 * linear (no ReLU) so codes can be plotted and quantised; the output is a sigmoid, as pixels
 * lie in [0, 1]. The loss is the mean squared error between input and output, which is what
 * PSNR measures too.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from './random';
import { BOTTLENECK, CONV_AE_FILTERS, IMAGE_CHANNELS, IMAGE_PIXELS, IMAGE_SIZE, MAX_BOTTLENECK, type HyperParameters } from './model-info';

export { BOTTLENECK, BOTTLENECK_CHOICES, MAX_BOTTLENECK } from './model-info';
/** The lessons' defaults: one place to change them. */
export const AUTOENCODER_HIDDEN_UNITS = 256;
export const AUTOENCODER_LEARNING_RATE = 0.001;

export { CONV_AE_FILTERS } from './model-info';
const PIXELS = IMAGE_PIXELS;

/** Name of the code layer, so the encoder can be cut out of a trained model. */
export const CODE_LAYER = 'code';

const init = (seed: number, layer: number) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer) });

function compile(model: tf.LayersModel, hyper: Partial<HyperParameters>): tf.LayersModel {
  model.compile({ optimizer: tf.train.adam(hyper.learningRate ?? AUTOENCODER_LEARNING_RATE), loss: 'meanSquaredError' });
  return model;
}

function checkBottleneck(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_BOTTLENECK) throw new Error(`The bottleneck must be a whole number from 1 to ${MAX_BOTTLENECK}, got ${k}`);
}

// #region build-dense
/**
 * Dense autoencoder 784 → 256 (ReLU) → k (linear code) → 256 (ReLU) → 784 (sigmoid).
 * Input [batch, 28, 28, 1] → flatten [batch, 784] → [batch, 256] → code [batch, k]
 * → [batch, 256] → [batch, 784] → output [batch, 28, 28, 1].
 */
export function buildDenseAutoencoder(seed: number, hyper: Partial<HyperParameters> = {}, bottleneck = BOTTLENECK): tf.LayersModel {
  checkBottleneck(bottleneck);
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS] }),
      tf.layers.dense({ units: AUTOENCODER_HIDDEN_UNITS, activation: 'relu', kernelInitializer: init(seed, 0) }),
      tf.layers.dense({ units: bottleneck, name: CODE_LAYER, kernelInitializer: init(seed, 1) }),
      tf.layers.dense({ units: AUTOENCODER_HIDDEN_UNITS, activation: 'relu', kernelInitializer: init(seed, 2) }),
      tf.layers.dense({ units: PIXELS, activation: 'sigmoid', kernelInitializer: init(seed, 3) }),
      tf.layers.reshape({ targetShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS] }),
    ],
  });
  return compile(model, hyper);
}
// #endregion

// #region build-conv
/**
 * Convolutional autoencoder: the encoder sees 3×3 neighbourhoods, like the CNN of lesson 4.
 * Input [batch, 28, 28, 1] → conv 16 'same' [batch, 28, 28, 16] → pool [batch, 14, 14, 16]
 * → conv 8 'same' [batch, 14, 14, 8] → pool [batch, 7, 7, 8] → flatten [batch, 392] → code [batch, k]
 * → dense [batch, 392] → reshape [batch, 7, 7, 8] → upsample [batch, 14, 14, 8] → conv 16 [batch, 14, 14, 16]
 * → upsample [batch, 28, 28, 16] → conv 1 (sigmoid) → output [batch, 28, 28, 1].
 */
export function buildConvAutoencoder(seed: number, hyper: Partial<HyperParameters> = {}, bottleneck = BOTTLENECK): tf.LayersModel {
  checkBottleneck(bottleneck);
  const [wide, narrow] = CONV_AE_FILTERS;
  const conv = (filters: number, layer: number, activation: 'relu' | 'sigmoid' = 'relu', inputShape?: [number, number, number]) => tf.layers.conv2d({
    ...(inputShape ? { inputShape } : {}), filters, kernelSize: 3, padding: 'same', activation, kernelInitializer: init(seed, layer),
  });
  const model = tf.sequential({
    layers: [
      conv(wide, 0, 'relu', [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS]),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(narrow, 1),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: bottleneck, name: CODE_LAYER, kernelInitializer: init(seed, 2) }),
      tf.layers.dense({ units: 7 * 7 * narrow, activation: 'relu', kernelInitializer: init(seed, 3) }),
      tf.layers.reshape({ targetShape: [7, 7, narrow] }),
      tf.layers.upSampling2d({ size: [2, 2] }),
      conv(wide, 4),
      tf.layers.upSampling2d({ size: [2, 2] }),
      conv(1, 5, 'sigmoid'),
    ],
  });
  return compile(model, hyper);
}
// #endregion

/** Layer widths of the dense autoencoder for a diagram: [784, 256, k, 256, 784]. */
export function denseAutoencoderWidths(bottleneck: number): number[] {
  return [PIXELS, AUTOENCODER_HIDDEN_UNITS, bottleneck, AUTOENCODER_HIDDEN_UNITS, PIXELS];
}

/** Trainable parameters of the dense autoencoder, without building it. */
export function denseAutoencoderParameters(bottleneck: number): number {
  const widths = denseAutoencoderWidths(bottleneck);
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += (widths[i - 1]! + 1) * widths[i]!;
  return total;
}

/**
 * The encoder half of a trained autoencoder. It reuses the autoencoder's own graph and holds no
 * reference of its own: do not dispose it (that would free the shared weights).
 * Input [batch, 28, 28, 1] → code [batch, k].
 */
export function encoderOf(autoencoder: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: autoencoder.inputs, outputs: autoencoder.getLayer(CODE_LAYER).output as tf.SymbolicTensor });
}

/**
 * The decoder half: a new input of size k fed through the layers after the code. Applying them
 * again makes tfjs count one more reference to each: dispose the decoder when done, or disposing
 * the autoencoder leaves the decoder's weights in memory.
 * Input [batch, k] → output [batch, 28, 28, 1].
 */
export function decoderOf(autoencoder: tf.LayersModel): tf.LayersModel {
  const layers = autoencoder.layers;
  const codeIndex = layers.findIndex((l) => l.name === CODE_LAYER);
  if (codeIndex < 0) throw new Error('This model has no code layer');
  const k = (layers[codeIndex]!.outputShape as number[])[1]!;
  const input = tf.input({ shape: [k] });
  let x: tf.SymbolicTensor = input;
  for (const layer of layers.slice(codeIndex + 1)) x = layer.apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
}

/** The bottleneck size of a trained autoencoder. */
export function bottleneckOf(autoencoder: tf.LayersModel): number {
  return (autoencoder.getLayer(CODE_LAYER).outputShape as number[])[1]!;
}
