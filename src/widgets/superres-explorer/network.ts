/**
 * The explorer's network (tfjs, loaded with import() once the baselines are on screen): the
 * reader's model stored under the cell's key when it was trained on the chosen data set and
 * scale, else the course's shipped one, as a lease on the page's shared copy (model-cache.ts),
 * and one prediction as a plain function that leaves no tensor behind.
 */
import type * as tf from '@tensorflow/tfjs';
import { predictImages } from '../../lib/ml/predict-images';
import { modelCache, type ModelCache, type ModelLease } from '../../lib/ml/model-cache';
import type { ModelRecord } from '../../lib/tasks/record';
import { shippedSuperresUrl } from '../../lib/ml/model-info';
import { PIXELS, SIDE, type Dataset, type Scale, type Upscaler } from './panels';

/** A stored record is usable when it is a super-resolution network for this data set and scale. */
export function acceptsRecord(dataset: Dataset, scale: Scale): (record: ModelRecord) => boolean {
  return (record) => record.task === 'superres' && record.dataset === dataset && record.scale === scale;
}

/**
 * A lease on the network for `dataset` and `scale`: the reader's (stored under `storeKey`) or
 * the shipped one. Throws when neither loads or the weights take another input size.
 * Release it when done (and before taking another).
 */
export async function acquireNetwork(storeKey: string, dataset: Dataset, scale: Scale, base: string, cache: ModelCache = modelCache): Promise<ModelLease> {
  const lease = await cache.acquire({ storeKey, shippedUrl: shippedSuperresUrl(base, dataset, scale), accept: acceptsRecord(dataset, scale), acceptName: `superres-${dataset}-x${scale}` });
  if (!lease) throw new Error('no network is stored or shipped for this choice');
  const shape = lease.model.inputs[0]?.shape ?? [];
  if (shape[1] !== SIDE / scale || shape[2] !== SIDE / scale) {
    lease.release();
    throw new Error(`these weights take ${shape[1]} × ${shape[2]} images, not ${SIDE / scale} × ${SIDE / scale}`);
  }
  return lease;
}

/**
 * The network's upscale of one low-resolution image (side × side floats in 0…1): model.predict
 * on a [1, side, side, 1] tensor, output [1, 28, 28, 1] clipped to 0…1 as the training cell's
 * test measures it. Every tensor is freed inside tf.tidy before it returns.
 */
export function upscaleWith(model: tf.LayersModel, low: Float32Array, side: number): Float32Array {
  if (low.length !== side * side) throw new Error(`upscaleWith: ${low.length} values are not a ${side} × ${side} image`);
  const values = predictImages(model, low, 1, side, true);
  if (values.length !== PIXELS) throw new Error(`the network made ${values.length} pixels, not ${PIXELS}`);
  return values;
}

/** `upscaleWith` bound to a model, in the shape computePanels takes. */
export function networkUpscaler(model: tf.LayersModel): Upscaler {
  return (low, side) => upscaleWith(model, low, side);
}
