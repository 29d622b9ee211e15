/**
 * What the page needs to know about the runtime's models without loading tfjs: their names,
 * the image constants, default hyper-parameters and a line about each. The builders are in
 * models.ts and the task modules (src/lib/tasks/); display islands import from here so their
 * bundles stay free of tfjs (a build test checks it).
 */
import type { WorkKind } from './backends';

export const IMAGE_SIZE = 28;
export const IMAGE_CHANNELS = 1;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const NUM_CLASSES = 10;

export const LEARNING_RATE = 0.001;
export const BATCH_SIZE = 64;
export const EPOCHS = 1;

export interface HyperParameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
}

export const DEFAULT_HYPER_PARAMETERS: HyperParameters = { learningRate: LEARNING_RATE, batchSize: BATCH_SIZE, epochs: EPOCHS };

export const CLASSIFIER_MODELS = ['dense-784-128-10', 'conv-8-pool-dense-10', 'cnn-64-64-128'] as const;
export const AUTOENCODER_MODELS = ['dense-autoencoder', 'conv-autoencoder'] as const;
export const VAE_MODELS = ['vae-dense'] as const;
/** Lesson 6: softmax (multinomial logistic) regression on features a network computed. */
export const FEATURE_MODELS = ['softmax-regression'] as const;
/** Lesson 10: a low-resolution image in, the 28 × 28 original out. */
export const SUPERRES_MODELS = ['sr-upsample', 'sr-transposed'] as const;

/**
 * Folder URL (under the site's base) of the shipped network for a data set and scale:
 * public/models/sr-<dataset>-x<scale>/, written by scripts/pretrain-superres.ts.
 */
export function shippedSuperresUrl(base: string, dataset: 'mnist' | 'fashion-mnist', scale: 2 | 4): string {
  return `${base.replace(/\/?$/, '/')}models/sr-${dataset}-x${scale}/`;
}

export const MODEL_NAMES = [...CLASSIFIER_MODELS, ...AUTOENCODER_MODELS, ...VAE_MODELS, ...FEATURE_MODELS, ...SUPERRES_MODELS] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export type ClassifierModel = (typeof CLASSIFIER_MODELS)[number];
export type AutoencoderModel = (typeof AUTOENCODER_MODELS)[number];
export type VaeModel = (typeof VAE_MODELS)[number];
export type FeatureModel = (typeof FEATURE_MODELS)[number];
export type SuperresModel = (typeof SUPERRES_MODELS)[number];

export interface ModelInfo {
  /** Which measured backend choice applies when training it. */
  kind: WorkKind;
  /** Classifiers learn labels; autoencoders learn their input back through a code; a VAE learns a distribution of codes. */
  family: 'classifier' | 'autoencoder' | 'vae' | 'features' | 'superres';
  description: string;
}

export const MODEL_INFO: Record<ModelName, ModelInfo> = {
  'dense-784-128-10': { kind: 'dense-training', family: 'classifier', description: 'Dense network: 784 pixels → 128 ReLU units → 10 classes' },
  'conv-8-pool-dense-10': { kind: 'conv-training', family: 'classifier', description: 'Small CNN: 8 3×3 filters → 2×2 max-pool → 10 classes' },
  'cnn-64-64-128': {
    kind: 'conv-training', family: 'classifier',
    description: 'Course CNN: 64 3×3 filters → 2×2 max-pool → 64 3×3 filters → 2×2 max-pool → 128 ReLU units → 10 classes',
  },
  'dense-autoencoder': { kind: 'dense-training', family: 'autoencoder', description: 'Dense autoencoder: 784 pixels → 256 → k-number code → 256 → 784 pixels' },
  'conv-autoencoder': {
    kind: 'conv-training', family: 'autoencoder',
    description: 'Convolutional autoencoder: 16 and 8 3×3 filters with pooling → k-number code → upsampling and 3×3 filters → 784 pixels',
  },
  'vae-dense': { kind: 'dense-training', family: 'vae', description: 'Variational autoencoder: 784 pixels → 256 → μ and log σ² of an L-number code → 256 → 784 pixels' },
  'sr-upsample': { kind: 'conv-training', family: 'superres', description: 'Super-resolution: bilinear upsampling to 28 × 28, then three 3×3 convolutions add the detail (a residual)' },
  'sr-transposed': { kind: 'conv-training', family: 'superres', description: 'Super-resolution: 3×3 convolutions on the small image, transposed convolutions learn the upsampling to 28 × 28' },
  'softmax-regression': { kind: 'dense-training', family: 'features', description: 'Softmax regression: d features → 10 classes, on pixels or on a trained network\'s features' },
};

export function isModelName(value: unknown): value is ModelName {
  return typeof value === 'string' && (MODEL_NAMES as readonly string[]).includes(value);
}

/** The lessons' autoencoder defaults (models-autoencoder.ts builds with them). */
export const BOTTLENECK = 16;
export const MAX_BOTTLENECK = 256;
/** Bottleneck sizes the cells offer. */
export const BOTTLENECK_CHOICES = [2, 4, 8, 16, 32, 64] as const;
/** The dense classifier's default hidden layer. */
export const HIDDEN_UNITS = 128;
/** The conv autoencoder's feature maps: 16 then 8 filters, 3×3, each followed by 2×2 pooling. */
export const CONV_AE_FILTERS = [16, 8] as const;

/** Trainable parameter count of the dense classifier, without building it. */
export function denseParameterCount(hiddenUnits: number): number {
  return (IMAGE_PIXELS + 1) * hiddenUnits + (hiddenUnits + 1) * NUM_CLASSES;
}
