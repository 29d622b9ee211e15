/**
 * The small models the runtime can train by name (the worker receives a name, not code).
 * Every model takes images as [batch, 28, 28, 1] float32 in [0, 1] and outputs class
 * probabilities [batch, 10]. Weights are initialised from a seed, so runs reproduce.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from './random';
import type { WorkKind } from './backends';
import { IMAGE_CHANNELS, IMAGE_SIZE, LEARNING_RATE, MODEL_INFO, NUM_CLASSES, type HyperParameters, type ModelName } from './model-info';
import { buildConvAutoencoder, buildDenseAutoencoder } from './models-autoencoder';
import { buildVae } from '../tasks/vae/model';
import { buildSoftmaxRegression } from '../tasks/features/model';
import { buildSuperres } from '../tasks/superres/model';

export {
  IMAGE_SIZE, IMAGE_CHANNELS, NUM_CLASSES, LEARNING_RATE, BATCH_SIZE, EPOCHS, DEFAULT_HYPER_PARAMETERS, MODEL_NAMES, isModelName,
  type HyperParameters, type ModelName,
} from './model-info';

export interface ModelSpec {
  name: ModelName;
  /** Which backend choice applies when training it. */
  kind: WorkKind;
  description: string;
  /**
   * Builds and compiles the model with its lesson's defaults (Adam; cross-entropy and accuracy for
   * classifiers, mean squared error for autoencoders). models-classification.ts `buildModel` honours options.
   */
  build(seed: number, hyper?: Partial<HyperParameters>): tf.LayersModel;
}

function initialiser(seed: number, layer: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layer) });
}

function compile(model: tf.LayersModel, hyper: Partial<HyperParameters>): tf.LayersModel {
  model.compile({
    optimizer: tf.train.adam(hyper.learningRate ?? LEARNING_RATE),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** For models that output an image: Adam on the mean squared error. */
function compileMse(model: tf.LayersModel, hyper: Partial<HyperParameters>): tf.LayersModel {
  model.compile({ optimizer: tf.train.adam(hyper.learningRate ?? LEARNING_RATE), loss: 'meanSquaredError' });
  return model;
}

/**
 * 784 → 128 (ReLU) → 10 (softmax).
 * Input [batch, 28, 28, 1] → flatten [batch, 784] → [batch, 128] → output [batch, 10].
 * 101,770 weights.
 */
export function buildDense784(seed: number, hyper: Partial<HyperParameters> = {}): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS] }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: initialiser(seed, 0) }),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: initialiser(seed, 1) }),
    ],
  });
  return compile(model, hyper);
}

/**
 * A minimal CNN (the probe used it for conv-training speed until PROBE_VERSION 2; it now measures buildCnn).
 * Input [batch, 28, 28, 1] → conv 3×3×8 'same' (ReLU) [batch, 28, 28, 8] → max-pool 2×2
 * [batch, 14, 14, 8] → flatten [batch, 1568] → output [batch, 10] (softmax).
 */
export function buildConvSmall(seed: number, hyper: Partial<HyperParameters> = {}): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS], filters: 8, kernelSize: 3, padding: 'same',
        activation: 'relu', kernelInitializer: initialiser(seed, 0),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: initialiser(seed, 1) }),
    ],
  });
  return compile(model, hyper);
}

// #region build-cnn
/** The course CNN (lesson "Convolutional networks"): filters per conv layer, kernel and pool sizes, hidden units. */
export const CNN_CONV1_FILTERS = 64;
export const CNN_CONV2_FILTERS = 64;
export const CNN_KERNEL_SIZE = 3;
export const CNN_POOL_SIZE = 2;
export const CNN_DENSE_UNITS = 128;

/**
 * The course CNN: Conv2D(64, 3×3, relu) → MaxPool 2×2 → Conv2D(64, 3×3, relu) → MaxPool 2×2 →
 * Flatten → Dense(128, relu) → Dense(10, softmax). 'valid' convolutions, as in the source material.
 * Input [batch, 28, 28, 1]
 * → conv [batch, 26, 26, 64] (640 weights) → pool [batch, 13, 13, 64]
 * → conv [batch, 11, 11, 64] (36,928 weights) → pool [batch, 5, 5, 64]
 * → flatten [batch, 1600] → dense [batch, 128] (204,928 weights) → output [batch, 10] (1,290 weights).
 * 243,786 weights in all.
 */
export function buildCnn(seed: number, hyper: Partial<HyperParameters> = {}): tf.LayersModel {
  const conv = (filters: number, layer: number, inputShape?: [number, number, number]): tf.layers.Layer => tf.layers.conv2d({
    ...(inputShape ? { inputShape } : {}), filters, kernelSize: CNN_KERNEL_SIZE, activation: 'relu', kernelInitializer: initialiser(seed, layer),
  });
  const model = tf.sequential({
    layers: [
      conv(CNN_CONV1_FILTERS, 0, [IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS]),
      tf.layers.maxPooling2d({ poolSize: CNN_POOL_SIZE }),
      conv(CNN_CONV2_FILTERS, 1),
      tf.layers.maxPooling2d({ poolSize: CNN_POOL_SIZE }),
      tf.layers.flatten(),
      tf.layers.dense({ units: CNN_DENSE_UNITS, activation: 'relu', kernelInitializer: initialiser(seed, 2) }),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: initialiser(seed, 3) }),
    ],
  });
  return compile(model, hyper);
}
// #endregion

const spec = (name: ModelName, build: ModelSpec['build']): ModelSpec => ({ name, kind: MODEL_INFO[name].kind, description: MODEL_INFO[name].description, build });

export const MODELS: Record<ModelName, ModelSpec> = {
  'dense-784-128-10': spec('dense-784-128-10', buildDense784),
  'conv-8-pool-dense-10': spec('conv-8-pool-dense-10', buildConvSmall),
  'cnn-64-64-128': spec('cnn-64-64-128', buildCnn),
  'dense-autoencoder': spec('dense-autoencoder', (seed, hyper) => buildDenseAutoencoder(seed, hyper)),
  'conv-autoencoder': spec('conv-autoencoder', (seed, hyper) => buildConvAutoencoder(seed, hyper)),
  'vae-dense': spec('vae-dense', (seed) => buildVae(seed)),
  // On raw pixels, the lesson's baseline: its real input width depends on the features chosen.
  'softmax-regression': spec('softmax-regression', (seed, hyper = {}) => compile(buildSoftmaxRegression(IMAGE_SIZE * IMAGE_SIZE, seed), hyper)),
  // At ×2, the lesson's default scale; compiled with the mean squared error they train on.
  'sr-upsample': spec('sr-upsample', (seed, hyper = {}) => compileMse(buildSuperres('sr-upsample', 2, seed), hyper)),
  'sr-transposed': spec('sr-transposed', (seed, hyper = {}) => compileMse(buildSuperres('sr-transposed', 2, seed), hyper)),
};

/** Disposes a model's weights and its optimizer's state (Adam's moments are not owned by the model). */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

