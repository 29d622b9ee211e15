/** The classifier task's payload and record fields (tfjs-free). */
import { z } from '../zod';
import { bytes } from '../schema-parts';
import { CLASSIFIER_MODELS } from '../../ml/model-info';

export const classifierPayload = z.object({
  task: z.literal('classifier'),
  model: z.enum(CLASSIFIER_MODELS),
  /** The dense network's hidden layer (other classifiers have fixed widths). */
  hiddenUnits: z.number().int().min(1).max(4096).optional(),
});

/** A classifier's test predictions: the first `count` test examples. */
export const storedPredictions = z.object({
  /** [count] true labels. */
  labels: bytes,
  /** [count] predicted classes. */
  predicted: bytes,
  /** [count × 10] probabilities quantised to 0…255. */
  probabilities: bytes,
});

export const classifierRecord = z.object({
  task: z.literal('classifier'),
  model: z.enum(CLASSIFIER_MODELS),
  hiddenUnits: z.number().int().min(1).optional(),
  predictions: storedPredictions.optional(),
});
