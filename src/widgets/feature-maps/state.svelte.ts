/**
 * State of the feature-map viewer: the 100 Fashion-MNIST test images, the CNN (the reader's or
 * the pretrained one), the chosen image, and its feature maps and prediction.
 */
import type { ImageSet, LoadProgress } from '../../lib/data/loader';
import { featureMaps, type FeatureMapResult } from '../../lib/ml/cnn-inspect';
import { loadLessonCnn, type LessonModel } from './lesson-model';

export const TEST_IMAGES = 100;
/** Channels shown per layer until the reader asks for all of them. */
export const FIRST_CHANNELS = 16;

export class FeatureMapsState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  progress = $state<LoadProgress | null>(null);
  images = $state.raw<ImageSet | null>(null);
  index = $state(0);
  result = $state.raw<FeatureMapResult | null>(null);
  modelLabel = $state('');
  modelSource = $state<'trained' | 'pretrained' | null>(null);
  showAll = $state(false);
  private lesson: LessonModel | null = null;
  private destroyed = false;
  private token = 0;

  constructor(private readonly baseUrl: string) {}

  /** Loads the images and the model, then shows image `index`. */
  async init(index = 0): Promise<void> {
    this.status = 'loading';
    try {
      const { loadImageSet } = await import('../../lib/data/loader');
      const [images, lesson] = await Promise.all([
        loadImageSet('fashion-mnist', 'test', { limit: TEST_IMAGES, baseUrl: `${this.baseUrl}data/`, onProgress: (p) => (this.progress = p) }),
        loadLessonCnn(),
      ]);
      if (this.destroyed) {
        lesson.model.dispose();
        return;
      }
      this.setModel(lesson);
      this.images = images;
      await this.select(index);
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Swaps in a newly stored model (the reader just trained one). */
  async reloadModel(): Promise<void> {
    const lesson = await loadLessonCnn();
    if (this.destroyed) {
      lesson.model.dispose();
      return;
    }
    this.setModel(lesson);
    await this.select(this.index);
  }

  private setModel(lesson: LessonModel): void {
    this.lesson?.model.dispose();
    this.lesson = lesson;
    this.modelLabel = lesson.label;
    this.modelSource = lesson.source;
  }

  async select(index: number): Promise<void> {
    const images = this.images;
    const lesson = this.lesson;
    if (!images || !lesson) return;
    const i = ((index % images.count) + images.count) % images.count;
    this.index = i;
    const mine = ++this.token;
    const result = await featureMaps(lesson.model, images.images.subarray(i * 784, (i + 1) * 784));
    if (mine === this.token && !this.destroyed) this.result = result;
  }

  get pixels(): Uint8Array | null {
    const images = this.images;
    if (!images) return null;
    return images.images.subarray(this.index * 784, (this.index + 1) * 784);
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
