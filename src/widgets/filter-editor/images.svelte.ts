/**
 * Where the filter editor's input image comes from: a photo, a data-set item, the drawing pad or
 * the generated pattern. Loads it (with progress for data sets), guards against a slower earlier
 * load finishing last, and falls back to the pattern with a notice when loading fails.
 */
import { starterDrawing } from '../../lib/math/brush';
import type { GrayImage } from '../../lib/math/conv2d';
import type { ImageRef } from '../../lib/math/kernel-url';
import { makeTestPattern } from '../../lib/math/test-pattern';
import { loadDatasetItem } from './dataset-images';
import { loadPhoto, loadPhotoList, type PhotoEntry } from './photos';
import type { FilterEditorState } from './state.svelte';

const PATTERN_NAME = 'Stripes and shapes (generated)';

export interface LoadingImage {
  what: string;
  loaded: number;
  total: number;
  fromCache: boolean;
}

export class EditorImages {
  photos = $state<PhotoEntry[]>([]);
  /** "the digit 7" for a data-set item, '' otherwise. */
  itemCaption = $state('');
  /** A photo or data set on its way; bytes only for data sets (photos are small). */
  loading = $state<LoadingImage | null>(null);
  /** The drawing pad's pixels, changed in place by the pad. */
  readonly drawing = starterDrawing(28);
  /** Bumped on every stroke, so the URL can follow the drawing. */
  drawingVersion = $state(0);
  /** Bumped when a drawing arrives from the URL, to remount the pad with it. */
  drawingKey = $state(0);
  private pattern: GrayImage | undefined;
  private token = 0;

  constructor(private readonly editor: FilterEditorState) {}

  /** Loads the photo list for the image picker. */
  async loadPhotoList(): Promise<void> {
    this.photos = await loadPhotoList();
  }

  /** A drawing from the URL replaces the pad's. */
  setDrawing(pixels: Uint8Array): void {
    this.drawing.set(pixels);
    this.drawingKey++;
  }

  /** The pad drew a stroke: its pixels (the same array, changed) become the input. */
  drawn(pixels: Uint8Array): void {
    const editor = this.editor;
    editor.setImage('drawing', { width: 28, height: 28, pixels }, 'your drawing', editor.image?.pixels === pixels);
    this.drawingVersion++;
  }

  private patternImage(): GrayImage {
    this.pattern ??= makeTestPattern(192);
    return this.pattern;
  }

  async show(ref: ImageRef): Promise<void> {
    const editor = this.editor;
    const token = ++this.token;
    editor.imageRef = ref;
    this.itemCaption = '';
    const current = (): boolean => token === this.token;
    try {
      if (ref === 'pattern') {
        editor.setImage(ref, this.patternImage(), PATTERN_NAME);
      } else if (ref === 'drawing') {
        editor.setImage(ref, { width: 28, height: 28, pixels: this.drawing }, 'your drawing');
      } else if (ref.startsWith('photo:')) {
        const list = await loadPhotoList();
        const entry = list.find((p) => `photo:${p.id}` === ref);
        if (!entry) {
          if (!current()) return;
          const fallback = list[0];
          if (fallback) editor.notices = [...editor.notices, `There is no photo “${ref.slice(6)}”; showing ${fallback.title} instead.`];
          return this.show(fallback ? `photo:${fallback.id}` : 'pattern');
        }
        this.loading = { what: entry.title, loaded: 0, total: 0, fromCache: false };
        const img = await loadPhoto(entry);
        if (current()) editor.setImage(ref, img, `${entry.title} (${img.width} × ${img.height} photo: ${entry.alt.replace(/\.$/, '')})`);
      } else {
        const [kind, index] = ref.split(':') as ['mnist' | 'fashion', string];
        const dataset = kind === 'mnist' ? 'mnist' : 'fashion-mnist';
        const title = kind === 'mnist' ? 'MNIST test images' : 'Fashion-MNIST test images';
        this.loading = { what: title, loaded: 0, total: 0, fromCache: false };
        const item = await loadDatasetItem(dataset, Number(index), (p) => {
          if (current()) this.loading = { what: title, loaded: p.loadedBytes, total: p.totalBytes, fromCache: p.fromCache };
        });
        if (!current()) return;
        this.itemCaption = item.caption;
        const setName = kind === 'mnist' ? 'MNIST handwritten digit' : 'Fashion-MNIST item';
        editor.setImage(ref, item.image, `${setName} #${Number(index) + 1}, ${item.caption} (28 × 28)`);
      }
    } catch (error) {
      if (!current()) return;
      const why = error instanceof Error ? error.message : String(error);
      editor.notices = [...editor.notices, `The image could not be loaded (${why}); showing the generated pattern instead.`];
      editor.setImage('pattern', this.patternImage(), PATTERN_NAME);
    } finally {
      if (current()) this.loading = null;
    }
  }
}
