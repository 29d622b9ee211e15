/**
 * State of the filter gallery: the CNN's 64 learned first-layer filters, one test image, the
 * chosen filter, and what that filter does to the image, computed twice: by the course's plain
 * convolve3x3 (+ bias, ReLU) and by the network itself, so the reader sees they agree.
 */
import type * as tf from '@tensorflow/tfjs';
import { featureMaps, firstLayerFilters, type FeatureMapStack, type LearnedFilter } from '../../lib/ml/cnn-inspect';
import { LessonCnnViewer } from '../feature-maps/lesson-cnn-viewer.svelte';

export { TEST_IMAGES } from '../feature-maps/lesson-cnn-viewer.svelte';
const SIZE = 28;
const OUT = SIZE - 2;

export class FilterGalleryState extends LessonCnnViewer<FeatureMapStack | null> {
  filters = $state.raw<LearnedFilter[]>([]);
  selected = $state(0);
  /** The first conv layer's output for the current image, as the network computes it. */
  layerOutput = $state.raw<FeatureMapStack | null>(null);

  /** The chosen filter stays chosen across a model swap, within the new model's filters. */
  protected async modelChanged(model: tf.LayersModel): Promise<void> {
    this.filters = await firstLayerFilters(model);
    this.selected = Math.min(Math.max(0, this.selected), this.filters.length - 1);
  }

  protected async compute(model: tf.LayersModel, pixels: Uint8Array): Promise<FeatureMapStack | null> {
    const { stacks } = await featureMaps(model, pixels);
    return stacks[0] ?? null;
  }

  protected show(stack: FeatureMapStack | null): void {
    this.layerOutput = stack;
  }
}

/**
 * The filter's response the way lesson 2 computed it: convolve3x3 over the image scaled to
 * [0, 1] (as the network sees it), then + bias and ReLU, keeping the 26 × 26 pixels whose
 * 3 × 3 window lies inside the image ('valid' convolution, as in the network).
 */
export function filterResponse(convolved: Float32Array, bias: number): Float32Array {
  const out = new Float32Array(OUT * OUT);
  for (let y = 0; y < OUT; y++) {
    for (let x = 0; x < OUT; x++) out[y * OUT + x] = Math.max(0, convolved[(y + 1) * SIZE + x + 1]! + bias);
  }
  return out;
}

/** Largest |difference| between two equally long arrays. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * The weight drawn at full colour, the same for every filter so they compare: the 95th
 * percentile of |weight| over all filters (a few large weights would otherwise wash the rest out).
 */
export function filterScale(filters: readonly LearnedFilter[]): number {
  const magnitudes = filters.flatMap((f) => f.kernel.map(Math.abs)).sort((a, b) => a - b);
  if (magnitudes.length === 0) return 1;
  return magnitudes[Math.floor(0.95 * (magnitudes.length - 1))]! || magnitudes[magnitudes.length - 1]! || 1;
}
