/**
 * Deep features for lesson 6: a trained network cut at one of its layers, run over many images
 * in batches, its outputs collected as plain rows for logistic regression, retrieval and a map.
 *
 *   pixels          784    the image itself, the baseline
 *   cnn-dense       128    the lesson-4 CNN's last hidden layer (ReLU), just before its classifier
 *   cnn-flatten   1,600    its second conv block's output, flattened (5 × 5 × 64)
 *   autoencoder-code   k   lesson 5's autoencoder code
 *
 * The cut reuses the trained graph (no copied weights), so disposing the extractor is not
 * needed and the caller's model stays the owner. Each batch runs in tf.tidy: only the returned
 * Float32Array outlives a call.
 */
import * as tf from '@tensorflow/tfjs';
import { CODE_LAYER } from './models-autoencoder';
import { IMAGE_PIXELS, IMAGE_SIZE } from './model-info';

import type { FeatureLayer } from '../tasks/features/schema';

export { FEATURE_LAYERS, type FeatureLayer } from '../tasks/features/schema';

/**
 * The sub-model from the network's input to the layer: for the CNN the last hidden Dense layer
 * or the Flatten layer, for an autoencoder its code layer. Throws, with what was expected, when
 * the model does not have that layer (a stored model of another shape).
 */
export function featureModel(model: tf.LayersModel, layer: Exclude<FeatureLayer, 'pixels'>): tf.LayersModel {
  const layers = model.layers;
  const find = (): tf.layers.Layer | undefined => {
    if (layer === 'autoencoder-code') return layers.find((l) => l.name === CODE_LAYER);
    // A CNN classifier: convolutions first, a Dense layer of ten classes last.
    const isCnn = layers.some((l) => l.getClassName() === 'Conv2D') && (layers.at(-1)?.outputShape as number[] | undefined)?.at(-1) === 10;
    if (!isCnn) return undefined;
    const kind = layer === 'cnn-flatten' ? 'Flatten' : 'Dense';
    // The classifier is the last Dense layer; the features are what feeds it.
    const candidates = layers.filter((l) => l.getClassName() === kind);
    return layer === 'cnn-dense' ? candidates.at(-2) : candidates.at(-1);
  };
  const found = find();
  if (!found) throw new Error(`This model has no ${layer === 'autoencoder-code' ? 'code layer' : 'convolutional classifier layers'}: it is not the network this lesson expects.`);
  return tf.model({ inputs: model.inputs, outputs: found.output as tf.SymbolicTensor });
}

export interface ExtractOptions {
  batchSize?: number;
  /** Called after each batch with the images done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Yields between batches (the worker answers Stop in between); default: a macrotask. */
  yieldEvery?: () => Promise<void>;
}

/**
 * Features of `count` images ([count × 784] pixels in 0…1) through `extractor`, or the pixels
 * themselves when it is null: [count × dims] row-major.
 */
export async function extractFeatures(extractor: tf.LayersModel | null, images: Float32Array, count: number, options: ExtractOptions = {}): Promise<{ data: Float32Array; dims: number }> {
  if (images.length < count * IMAGE_PIXELS) throw new Error(`Expected ${count} images of ${IMAGE_PIXELS} pixels, got ${images.length} numbers.`);
  if (!extractor) {
    options.onProgress?.(count, count);
    return { data: images.slice(0, count * IMAGE_PIXELS), dims: IMAGE_PIXELS };
  }
  const shape = extractor.outputs[0]!.shape;
  const dims = shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  const data = new Float32Array(count * dims);
  const batchSize = options.batchSize ?? 256;
  const pause = options.yieldEvery ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const out = tf.tidy(() => {
      const batch = tf.tensor4d(images.subarray(start * IMAGE_PIXELS, (start + n) * IMAGE_PIXELS), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
      return (extractor.predict(batch) as tf.Tensor).reshape([n, dims]);
    });
    try {
      data.set(await out.data(), start * dims);
    } finally {
      out.dispose();
    }
    options.onProgress?.(start + n, count);
    if (start + n < count) await pause();
  }
  return { data, dims };
}
