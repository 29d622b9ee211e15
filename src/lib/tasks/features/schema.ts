/**
 * The deep-features task's payload and record fields (tfjs-free). Lesson 6: softmax regression
 * on the features a trained network computes, or on the raw pixels as the baseline.
 */
import { z } from '../zod';
import { FEATURE_MODELS } from '../../ml/model-info';
import { storedPredictions } from '../classifier/schema';
import { dataSource } from '../schema-parts';

export const FEATURE_LAYERS = ['pixels', 'cnn-dense', 'cnn-flatten', 'autoencoder-code'] as const;
export type FeatureLayer = (typeof FEATURE_LAYERS)[number];

/** Most labelled training images per class a run may ask for (Fashion-MNIST has 6,000 of each). */
export const MAX_LABELS_PER_CLASS = 6000;

/**
 * Where each kind of feature comes from: the reader's own model from an earlier lesson (its store
 * key) when there is one, the shipped weights (a folder under the site) otherwise.
 */
export const FEATURE_SOURCES: Record<Exclude<FeatureLayer, 'pixels'>, { storeKey: string; shipped: string; lesson: string }> = {
  'cnn-dense': { storeKey: 'cnn-course', shipped: 'models/cnn-fashion', lesson: 'lesson 4' },
  'cnn-flatten': { storeKey: 'cnn-course', shipped: 'models/cnn-fashion', lesson: 'lesson 4' },
  'autoencoder-code': { storeKey: 'ae-dense', shipped: 'models/ae-dense-mnist', lesson: 'lesson 5' },
};

export const featuresPayload = z.object({
  task: z.literal('features'),
  model: z.enum(FEATURE_MODELS),
  features: z.enum(FEATURE_LAYERS),
  /** Train on the first this-many images of each class (of those loaded); absent: all loaded. */
  labelsPerClass: z.number().int().min(1).max(MAX_LABELS_PER_CLASS).optional(),
  /** Use the reader's stored network when there is one (default); false: always the shipped one. */
  preferStored: z.boolean().optional(),
  /** Filled in by the worker once the features are computed (a page does not send it). */
  extracted: z.lazy(() => extraction).optional(),
});

/**
 * A page's request for feature rows alone (no training): an image index for retrieval, or one
 * drawing to search with. `precision` also measures mean precision@k of the first `queries` rows
 * against all the others, in the worker, where the rows already are.
 */
export const featuresRequest = z.object({
  features: z.enum(FEATURE_LAYERS),
  preferStored: z.boolean().optional(),
  data: dataSource,
  baseUrl: z.string(),
  /** False: send only the figures back (the page has the pixels already). Default true. */
  returnRows: z.boolean().optional(),
  precision: z.object({ queries: z.number().int().min(1).max(10_000), k: z.number().int().min(1).max(100), metric: z.enum(['cosine', 'euclidean']) }).optional(),
  /** Also a 2-D map: the first `points` rows projected on their two principal components. */
  map: z.object({ points: z.number().int().min(2).max(5_000) }).optional(),
});
export type FeaturesRequest = z.infer<typeof featuresRequest>;

/** Which network computed the features: none (pixels), the reader's own, or the shipped one. */
export const extractorOrigin = z.enum(['none', 'yours', 'shipped']);

const extraction = z.object({
  /** Numbers per image (784 pixels, 128, 1,600, the code size). */
  dims: z.number().int().min(1),
  origin: extractorOrigin,
  note: z.string().optional(),
});

export const featuresRecord = z.object({
  task: z.literal('features'),
  model: z.enum(FEATURE_MODELS),
  features: z.enum(FEATURE_LAYERS),
  labelsPerClass: z.number().int().min(1).optional(),
  /** Numbers per image the regression saw (784 pixels, 128, 1,600, the code size). */
  dims: z.number().int().min(1),
  extractor: extractorOrigin,
  /** Why the shipped network stood in for the reader's (theirs had another shape), if it did. */
  extractorNote: z.string().optional(),
  predictions: storedPredictions.optional(),
});
