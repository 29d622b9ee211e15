/**
 * The classification lesson's dense network, the very code the training cell runs.
 *
 *   image 28×28 ──Flatten──▶ 784 inputs ──Dense(relu)──▶ hidden units ──Dense(softmax)──▶ 10 classes
 *
 * One input per pixel, one output per clothing class; the output that fires most is the answer.
 * Weights start from a seed, so the same seed gives the same run.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from './random';
import { IMAGE_CHANNELS, IMAGE_SIZE, MODELS, NUM_CLASSES, type HyperParameters, type ModelName } from './models';
import { HIDDEN_UNITS, MODEL_INFO } from './model-info';
import { BOTTLENECK, buildConvAutoencoder, buildDenseAutoencoder } from './models-autoencoder';

export { HIDDEN_UNITS } from './model-info';
/** The lesson's default: one place to change it. */
export const CLASSIFIER_LEARNING_RATE = 0.001;

export interface ModelOptions {
  /** Width of the hidden layer (dense network only). */
  hiddenUnits?: number;
  /** Size of the code (autoencoders only). */
  bottleneck?: number;
}

// #region build-dense
/**
 * Flatten → Dense(hiddenUnits, relu) → Dense(10, softmax), compiled with Adam and cross-entropy.
 * Input [batch, 28, 28, 1] → [batch, 784] → [batch, hiddenUnits] → output [batch, 10].
 * Parameters: 785 × hiddenUnits + (hiddenUnits + 1) × 10 (101,770 for 128).
 */
export function buildDenseClassifier(seed: number, hyper: Partial<HyperParameters> = {}, hiddenUnits = HIDDEN_UNITS): tf.LayersModel {
  const init = (layer: number) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer) });
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS] }),
      tf.layers.dense({ units: hiddenUnits, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: init(1) }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(hyper.learningRate ?? CLASSIFIER_LEARNING_RATE),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}
// #endregion

/** Builds any runtime model by name; the dense classifier honours `hiddenUnits`, the autoencoders `bottleneck`. */
export function buildModel(name: ModelName, seed: number, hyper: Partial<HyperParameters>, options: ModelOptions = {}): tf.LayersModel {
  if (name === 'dense-784-128-10') return buildDenseClassifier(seed, hyper, options.hiddenUnits ?? HIDDEN_UNITS);
  if (name === 'dense-autoencoder') return buildDenseAutoencoder(seed, hyper, options.bottleneck ?? BOTTLENECK);
  if (name === 'conv-autoencoder') return buildConvAutoencoder(seed, hyper, options.bottleneck ?? BOTTLENECK);
  return MODELS[name].build(seed, hyper);
}

/** Compiles a loaded model for further training the way its builder does. */
export function compileFor(name: ModelName, model: tf.LayersModel, learningRate: number): void {
  if (MODEL_INFO[name].family === 'autoencoder') model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  else model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
}

export { denseParameterCount } from './model-info';
