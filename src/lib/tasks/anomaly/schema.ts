/**
 * The anomaly detector: an autoencoder trained on normal images, then scored on a mixed stream
 * by reconstruction error (tfjs-free).
 */
import { z } from '../zod';
import { autoencoderPayloadFields, autoencoderRecordFields } from '../autoencoder/schema';
import { bytes, corruptionSpec, datasetName, figure, floats } from '../schema-parts';

const upTo5000 = z.number().int().min(0).max(5000);

/** The test stream: `normal` test images of the training data set, `foreign` of the other, `corrupted` normal ones with `corruption`. */
export const anomalyTest = z.object({ normal: upTo5000, foreign: upTo5000, corrupted: upTo5000, corruption: corruptionSpec })
  .refine((a) => a.normal + a.corrupted <= 10_000, { message: 'normal + corrupted must be at most 10,000 test images' })
  .refine((a) => a.normal > 0 && a.foreign + a.corrupted > 0, { message: 'needs normal images and at least one anomaly' });

export const anomalyPayload = z.object({ task: z.literal('anomaly'), ...autoencoderPayloadFields, anomalyTest });

/** The scores on the mixed stream (lesson "Anomaly detection"). */
export const storedAnomalyScores = z.object({
  /** [count] reconstruction error of the image as given: the anomaly score. */
  scores: floats,
  /** [count] 0 = normal, 1 = the other data set, 2 = a corrupted normal image. */
  kinds: bytes,
  /** [count] class within its own data set. */
  labels: bytes,
  /** [count × 784] the stream's images as scored, and their reconstructions, 0…255. */
  inputs: bytes,
  outputs: bytes,
  normalDataset: datasetName,
  foreignDataset: datasetName,
  corruption: corruptionSpec,
});

export const anomalyRecord = z.object({
  task: z.literal('anomaly'), ...autoencoderRecordFields,
  /** AUC of the reconstruction error on the mixed stream (anomalies vs normal). */
  testAuc: figure,
  anomaly: storedAnomalyScores.optional(),
});
