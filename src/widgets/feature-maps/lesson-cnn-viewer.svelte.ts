/**
 * What the lesson's inspection widgets (feature maps, filter gallery) share: the first 100
 * Fashion-MNIST test images, the lesson CNN (the reader's stored one, else the pretrained one),
 * the chosen image, and the model's life cycle. A subclass says what it computes for one image.
 *
 * The model is a lease on the page's shared copy (model-cache.ts): released when a newer one is
 * swapped in or the widget unmounts, so mounting and unmounting leaves no tensors behind.
 */
import { memory, type LayersModel } from '@tensorflow/tfjs';
import type { ImageSet, LoadProgress } from '../../lib/data/loader';
import { onModelSaved } from '../../lib/ml/model-events';
import { CNN_STORE_KEY, loadLessonCnn, type LessonModel } from './lesson-model';
import { debugConfig } from '../../lib/workers/debug-hooks';

// Test hook (?debug-worker=1 only): e2e tests read the main thread's tf.memory() to prove that
// swapping models leaves no tensors behind.
if (debugConfig().enabled) (globalThis as { __bottleneckTfMemory?: () => unknown }).__bottleneckTfMemory = () => memory();

export const TEST_IMAGES = 100;
const PIXELS = 28 * 28;

export abstract class LessonCnnViewer<Result> {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  progress = $state<LoadProgress | null>(null);
  images = $state.raw<ImageSet | null>(null);
  index = $state(0);
  modelLabel = $state('');
  modelSource = $state<'trained' | 'pretrained' | null>(null);
  private lesson: LessonModel | null = null;
  private destroyed = false;
  /** Only the latest image's result is shown when the reader clicks faster than the model runs. */
  private token = 0;
  /** Only the latest model request is kept: copies asked for earlier and arriving later are released. */
  private modelToken = 0;

  constructor(private readonly baseUrl: string) {}

  /** Called with each newly loaded model, before any image is computed with it. */
  protected abstract modelChanged(model: LayersModel): Promise<void> | void;
  /** What the widget computes for one image (784 bytes, 0–255). */
  protected abstract compute(model: LayersModel, pixels: Uint8Array): Promise<Result>;
  /** Shows the result of the current image. */
  protected abstract show(result: Result): void;

  /**
   * Loads everything and shows image `index`, then swaps in the reader's CNN whenever the
   * training cell stores one. Call from onMount and return the cleanup it returns.
   */
  mount(index = 0): () => void {
    void this.init(index);
    const off = onModelSaved((key) => {
      if (key === CNN_STORE_KEY) void this.reloadModel();
    });
    return () => {
      off();
      this.destroy();
    };
  }

  /** Loads the images and the model, then shows image `index`. */
  async init(index = 0): Promise<void> {
    this.status = 'loading';
    try {
      const { loadImageSet } = await import('../../lib/data/loader');
      const mine = ++this.modelToken;
      const [images, lesson] = await Promise.all([
        loadImageSet('fashion-mnist', 'test', { limit: TEST_IMAGES, baseUrl: `${this.baseUrl}data/`, onProgress: (p) => (this.progress = p) }),
        loadLessonCnn(),
      ]);
      if (this.destroyed) {
        lesson.release();
        return;
      }
      this.images = images;
      // A newer model asked for meanwhile (a save during loading) wins; it shows when it arrives.
      if (mine === this.modelToken) await this.setModel(lesson);
      else lesson.release();
      this.index = index;
      if (!this.lesson) return;
      await this.select(index);
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Swaps in a newly stored model (the reader just trained one). */
  async reloadModel(): Promise<void> {
    const mine = ++this.modelToken;
    const lesson = await loadLessonCnn();
    // Several saves in a row: copies can arrive out of order, and only the newest is kept, so
    // every widget ends on the same (shared) copy.
    if (this.destroyed || mine !== this.modelToken) {
      lesson.release();
      return;
    }
    await this.setModel(lesson);
    if (!this.images) return; // still loading: init() shows it
    await this.select(this.index);
    if (this.status === 'loading') this.status = 'ready';
  }

  private async setModel(lesson: LessonModel): Promise<void> {
    this.lesson?.release();
    this.lesson = lesson;
    this.modelLabel = lesson.label;
    this.modelSource = lesson.source;
    await this.modelChanged(lesson.model);
  }

  /** Shows test image `index`, wrapping around at either end. */
  async select(index: number): Promise<void> {
    const images = this.images;
    const lesson = this.lesson;
    if (!images || !lesson) return;
    const i = ((index % images.count) + images.count) % images.count;
    this.index = i;
    const mine = ++this.token;
    const result = await this.compute(lesson.model, images.images.subarray(i * PIXELS, (i + 1) * PIXELS));
    if (mine === this.token && !this.destroyed) this.show(result);
  }

  get pixels(): Uint8Array | null {
    return this.images ? this.images.images.subarray(this.index * PIXELS, (this.index + 1) * PIXELS) : null;
  }

  get label(): number | null {
    return this.images?.labels[this.index] ?? null;
  }

  destroy(): void {
    this.destroyed = true;
    this.lesson?.release();
    this.lesson = null;
  }
}
