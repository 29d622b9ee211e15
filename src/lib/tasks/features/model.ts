/** Lesson 6's classifier on top of deep features (tfjs); the very code the training cell runs. */
import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../../ml/model-info';
import { deriveSeed } from '../../ml/random';

// #region softmax-regression
/**
 * Softmax regression: one Dense layer from the d features straight to 10 class scores, softmax
 * on top; d × 10 weights and 10 biases. Fitted by minimising cross-entropy, like lesson 1's net.
 */
export function buildSoftmaxRegression(dims: number, seed: number): tf.LayersModel {
  const kernelInitializer = tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', 0) });
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [dims], units: NUM_CLASSES, activation: 'softmax', kernelInitializer })] });
}
// #endregion
