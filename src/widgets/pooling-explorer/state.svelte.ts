/**
 * The pooling explorer's state: the filter (the filter editor's own state class), what happens
 * after it (activation, pooling type, window, stride, how many times) and the result buffers.
 */
import { FilterEditorState } from '../filter-editor/state.svelte';
import type { GrayImage } from '../../lib/math/conv2d';
import { grayToRgba, renderToRgba } from '../../lib/math/display-map';
import { DEFAULT_POOL, pooledSize, type PoolMode } from '../../lib/math/pooling';
import { poolRepeatedly, toGrayLevels, type Activation } from '../../lib/math/pooling-pipeline';

export interface Stage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export class PoolingExplorerState {
  readonly filter: FilterEditorState;
  activation = $state<Activation>('relu');
  mode = $state<PoolMode>(DEFAULT_POOL.mode);
  window = $state(DEFAULT_POOL.window);
  stride = $state(DEFAULT_POOL.stride);
  /** How many times to pool: 1 or 2. */
  times = $state(2);

  /** Input, filtered (after the activation), then one stage per pooling; redrawn when `version` changes. */
  input = $state.raw<Stage | null>(null);
  filtered = $state.raw<Stage | null>(null);
  pooled = $state.raw<Stage[]>([]);
  version = $state(0);

  constructor(preset?: string) {
    this.filter = new FilterEditorState(preset);
  }

  /** Sides after each pooling for the current image, even beyond what is drawn: 512 → 256 → 128 → … */
  sizes = $derived.by(() => {
    const img = this.filter.image;
    if (!img) return [];
    const out = [{ width: img.width, height: img.height }];
    for (let i = 0; i < 4; i++) {
      const last = out[out.length - 1]!;
      const width = pooledSize(last.width, this.window, this.stride);
      const height = pooledSize(last.height, this.window, this.stride);
      if (width === 0 || height === 0) break;
      out.push({ width, height });
    }
    return out;
  });

  setInput(image: GrayImage): void {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    grayToRgba(image.pixels, rgba);
    this.input = { width: image.width, height: image.height, rgba };
  }

  /** Filter → activation → pooling, for the whole image (a few ms for 512 × 512). */
  compute(): void {
    const image = this.filter.image;
    if (!image) return;
    this.filter.compute();
    const gray = toGrayLevels(this.filter.output, this.activation);
    const filteredImage = { width: image.width, height: image.height, pixels: gray };
    const rgba = new Uint8ClampedArray(gray.length * 4);
    grayToRgba(gray, rgba);
    this.filtered = { width: image.width, height: image.height, rgba };
    const options = { mode: this.mode, window: this.window, stride: this.stride };
    this.pooled = poolRepeatedly(filteredImage, options, this.times).map((stage) => {
      const out = new Uint8ClampedArray(stage.pixels.length * 4);
      // 'clamp' rounds half up: an average of 2.5 shows as 3.
      renderToRgba(stage.pixels, 'clamp', out);
      return { width: stage.width, height: stage.height, rgba: out };
    });
    this.version++;
  }
}
