/**
 * Lesson 10's super-resolution networks (tfjs): a (28 / scale)-pixel image in, 28 × 28 out. Two
 * ways to grow the image, for the layer table to compare:
 *
 *   sr-upsample    bilinear UpSampling2D to 28 × 28, then three 3×3 convolutions compute what to
 *                  add to that blurry guess (a residual: the network only learns the detail)
 *   sr-transposed  3×3 convolutions on the small image, then one transposed convolution with
 *                  stride 2 per halving learns the upsampling itself, then a 3×3 convolution
 *                  with a linear output (clipped to 0…1 when measured, like the residual's). A
 *                  sigmoid output stalled at ×4 on black: 9.4 dB after 10,000 images × 2 epochs,
 *                  against 18.2 dB linear (the cell's handler in Node, MNIST, lr 0.003, seed 42).
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../ml/model-info';
import { deriveSeed } from '../../ml/random';
import type { SuperresModel } from '../../ml/model-info';

const FILTERS = 32;

// #region build-superres
export function buildSuperres(model: SuperresModel, scale: 2 | 4, seed: number): tf.LayersModel {
  const init = (layer: number) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer) });
  const small = IMAGE_SIZE / scale;
  const input = tf.input({ shape: [small, small, 1] });
  if (model === 'sr-upsample') {
    const guess = tf.layers.upSampling2d({ size: [scale, scale], interpolation: 'bilinear' }).apply(input) as tf.SymbolicTensor;
    let x = guess;
    for (let layer = 0; layer < 2; layer++) x = tf.layers.conv2d({ filters: FILTERS, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(layer) }).apply(x) as tf.SymbolicTensor;
    const detail = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: tf.layers.add().apply([guess, detail]) as tf.SymbolicTensor });
  }
  let x = tf.layers.conv2d({ filters: FILTERS, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }).apply(input) as tf.SymbolicTensor;
  for (let step = 0; step < Math.log2(scale); step++) {
    x = tf.layers.conv2dTranspose({ filters: FILTERS, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1 + step) }).apply(x) as tf.SymbolicTensor;
  }
  const out = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'linear', kernelInitializer: init(3) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}
// #endregion
