/**
 * State of the feature-map viewer: the 100 Fashion-MNIST test images, the CNN (the reader's or
 * the pretrained one), the chosen image, and its feature maps and prediction.
 */
import type * as tf from '@tensorflow/tfjs';
import { featureMaps, type FeatureMapResult } from '../../lib/ml/cnn-inspect';
import { LessonCnnViewer } from './lesson-cnn-viewer.svelte';

export { TEST_IMAGES } from './lesson-cnn-viewer.svelte';
/** Channels shown per layer until the reader asks for all of them. */
export const FIRST_CHANNELS = 16;

export class FeatureMapsState extends LessonCnnViewer<FeatureMapResult> {
  result = $state.raw<FeatureMapResult | null>(null);
  showAll = $state(false);

  protected modelChanged(): void {}

  protected compute(model: tf.LayersModel, pixels: Uint8Array): Promise<FeatureMapResult> {
    return featureMaps(model, pixels);
  }

  protected show(result: FeatureMapResult): void {
    this.result = result;
  }
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Largest value in an array (0 for an empty or all-negative one): the white point of a stack. */
export function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}
