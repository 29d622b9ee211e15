/**
 * State of the filter gallery: the CNN's 64 learned first-layer filters, one test image, the
 * chosen filter, and what that filter does to the image, computed twice: by the course's plain
 * convolve3x3 (+ bias, ReLU) and by the network itself, so the reader sees they agree.
 */
import type { ImageSet } from '../../lib/data/loader';
import { featureMaps, firstLayerFilters, type FeatureMapStack, type LearnedFilter } from '../../lib/ml/cnn-inspect';
import { loadLessonCnn, type LessonModel } from '../feature-maps/lesson-model';

export const TEST_IMAGES = 100;
const SIZE = 28;
const OUT = SIZE - 2;

export class FilterGalleryState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  filters = $state.raw<LearnedFilter[]>([]);
  selected = $state(0);
  images = $state.raw<ImageSet | null>(null);
  index = $state(0);
  /** The first conv layer's output for the current image, as the network computes it. */
  layerOutput = $state.raw<FeatureMapStack | null>(null);
  modelLabel = $state('');
  private lesson: LessonModel | null = null;
  private destroyed = false;
  private token = 0;

  constructor(private readonly baseUrl: string) {}

  async init(index: number, filter: number): Promise<void> {
    try {
      const { loadImageSet } = await import('../../lib/data/loader');
      const [images, lesson] = await Promise.all([
        loadImageSet('fashion-mnist', 'test', { limit: TEST_IMAGES, baseUrl: `${this.baseUrl}data/` }),
        loadLessonCnn(),
      ]);
      if (this.destroyed) {
        lesson.model.dispose();
        return;
      }
      this.images = images;
      await this.setModel(lesson);
      this.selected = Math.min(Math.max(0, filter), this.filters.length - 1);
      await this.showImage(index);
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async reloadModel(): Promise<void> {
    const lesson = await loadLessonCnn();
    if (this.destroyed) {
      lesson.model.dispose();
      return;
    }
    await this.setModel(lesson);
    await this.showImage(this.index);
  }

  private async setModel(lesson: LessonModel): Promise<void> {
    this.lesson?.model.dispose();
    this.lesson = lesson;
    this.modelLabel = lesson.label;
    this.filters = await firstLayerFilters(lesson.model);
  }

  async showImage(index: number): Promise<void> {
    const images = this.images;
    const lesson = this.lesson;
    if (!images || !lesson) return;
    const i = ((index % images.count) + images.count) % images.count;
    this.index = i;
    const mine = ++this.token;
    const { stacks } = await featureMaps(lesson.model, this.pixels!);
    if (mine === this.token && !this.destroyed) this.layerOutput = stacks[0] ?? null;
  }

  get pixels(): Uint8Array | null {
    return this.images ? this.images.images.subarray(this.index * 784, (this.index + 1) * 784) : null;
  }

  get label(): number | null {
    return this.images?.labels[this.index] ?? null;
  }

  destroy(): void {
    this.destroyed = true;
    this.lesson?.model.dispose();
    this.lesson = null;
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
