/**
 * The tfjs side of the drawing widget, loaded with import() once the widget mounts (so the
 * island's own bundle stays free of tfjs): a lease on the autoencoder from the page's shared copy
 * (model-cache.ts), the reader's when stored, else the shipped one, and one reconstruction.
 */
import type * as tf from '@tensorflow/tfjs';
import { modelCache, type ModelCache, type ModelLease } from '../../lib/ml/model-cache';
import { predictImages } from '../../lib/ml/predict-images';
import { isReconstructionRecord, type ModelRecord } from '../../lib/tasks/record';

/** An autoencoder's record (not a denoiser's or an anomaly detector's): what lesson 5's cell stores. */
function isAutoencoderRecord(record: ModelRecord): boolean {
  return isReconstructionRecord(record) && record.task === 'autoencoder';
}

export function acquireAutoencoder(storeKey: string, shippedUrl: string, cache: ModelCache = modelCache): Promise<ModelLease | undefined> {
  return cache.acquire({ storeKey, shippedUrl, accept: isAutoencoderRecord, acceptName: 'autoencoder' });
}

/** The model's output for one 28 × 28 image (floats in [0, 1]), clipped to [0, 1]. Leaves no tensors. */
export function reconstruct(model: tf.LayersModel, input: Float32Array): Float32Array {
  return predictImages(model, input, 1, 28, true).slice(0, 784);
}
