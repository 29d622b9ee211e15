/**
 * The pooling explorer's state: the filter (the filter editor's own state class), what happens
 * after it (activation, pooling type, window, stride, how many times) and the result buffers.
 */
import { FilterEditorState } from '../filter-editor/state.svelte';
import type { GrayImage } from '../../lib/math/conv2d';
import { grayToRgba, renderToRgba } from '../../lib/math/display-map';
import { DEFAULT_POOL, sizeChain, type PoolMode, type PoolOptions } from '../../lib/math/pooling';
import { poolRepeatedly, pooledSource, toGrayLevels, type Activation, type PooledSource } from '../../lib/math/pooling-pipeline';
import type { Point } from '../filter-editor/state.svelte';

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
  /** Pinned pixel of the first pooled image, and the one under the pointer (shown instead while hovering). */
  cursor = $state<Point>({ x: 0, y: 0 });
  hover = $state<Point | null>(null);
  /** The filtered gray levels that were pooled (not reactive: read after `version` changes). */
  private gray: GrayImage = { width: 0, height: 0, pixels: [] };
  /** The settings `pooled` was computed with (the controls may already say otherwise). */
  private used: PoolOptions = DEFAULT_POOL;
  private lastImage: GrayImage | null = null;

  constructor(preset?: string) {
    this.filter = new FilterEditorState(preset);
  }

  /** Sides after each pooling for the current image, even beyond what is drawn: 512 → 256 → 128 → … */
  sizes = $derived.by(() => {
    const img = this.filter.image;
    if (!img) return [];
    const widths = sizeChain(img.width, this.window, this.stride);
    const heights = sizeChain(img.height, this.window, this.stride);
    return widths.slice(0, heights.length).map((width, i) => ({ width, height: heights[i]! }));
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
    this.gray = filteredImage;
    const rgba = new Uint8ClampedArray(gray.length * 4);
    grayToRgba(gray, rgba);
    this.filtered = { width: image.width, height: image.height, rgba };
    const options = { mode: this.mode, window: this.window, stride: this.stride };
    this.used = options;
    const stages = poolRepeatedly(filteredImage, options, this.times);
    this.pooled = stages.map((stage) => {
      const out = new Uint8ClampedArray(stage.pixels.length * 4);
      // 'clamp' rounds half up: an average of 2.5 shows as 3.
      renderToRgba(stage.pixels, 'clamp', out);
      return { width: stage.width, height: stage.height, rgba: out };
    });
    const first = stages[0];
    if (first && image !== this.lastImage) {
      this.cursor = strongestInside(first);
    } else if (first) {
      this.cursor = { x: Math.min(this.cursor.x, first.width - 1), y: Math.min(this.cursor.y, first.height - 1) };
    }
    this.lastImage = image;
    this.hover = null;
    this.version++;
  }

  /** The inspected pooled pixel and the window it came from; null when nothing is pooled. */
  inspected = $derived.by((): PooledSource | null => {
    void this.version;
    const first = this.pooled[0];
    if (!first) return null;
    const p = this.hover ?? this.cursor;
    const x = Math.min(Math.max(0, p.x), first.width - 1);
    const y = Math.min(Math.max(0, p.y), first.height - 1);
    return pooledSource(this.gray, this.used, x, y);
  });

  moveCursor(dx: number, dy: number): void {
    const first = this.pooled[0];
    if (!first) return;
    this.hover = null;
    this.cursor = { x: Math.min(Math.max(0, this.cursor.x + dx), first.width - 1), y: Math.min(Math.max(0, this.cursor.y + dy), first.height - 1) };
  }
}

/**
 * A new picture starts the inspector on its strongest pooled pixel, nearest the centre among
 * equals, and off the outer ring (where zero padding makes edge filters light up a frame).
 */
function strongestInside(image: GrayImage): Point {
  const { width, height, pixels } = image;
  const margin = width > 4 && height > 4 ? 1 : 0;
  let best: Point = { x: Math.floor(width / 2), y: Math.floor(height / 2) };
  let bestValue = -Infinity;
  let bestDistance = Infinity;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const v = Number(pixels[y * width + x]);
      const d = (x - width / 2) ** 2 + (y - height / 2) ** 2;
      if (v > bestValue || (v === bestValue && d < bestDistance)) {
        best = { x, y };
        bestValue = v;
        bestDistance = d;
      }
    }
  }
  return best;
}
