/**
 * The filter editor's state: what the reader typed, the last valid filter, the image, the
 * display mode and the inspected pixel. The arithmetic lives in src/lib/math; this class only
 * decides what to keep when input is refused.
 */
import { convolve3x3, type GrayImage, type Kernel3x3 } from '../../lib/math/conv2d';
import { DEFAULT_DISPLAY_MODE, outputStats, type DisplayMode, type OutputStats } from '../../lib/math/display-map';
import { KERNEL_PRESETS, presetById, presetForKernel, DEFAULT_PRESET_ID } from '../../lib/math/kernel-presets';
import { DEFAULT_IMAGE, type FilterUrlState, type ImageRef } from '../../lib/math/kernel-url';
import { clampPoint, interestingPixel } from '../../lib/math/neighbourhood';
import { MAX_ABS_VALUE, formatValue, looksLikeManyValues, parseKernelText, parseStrictNumber } from '../../lib/math/strict-number';

export interface Point {
  x: number;
  y: number;
}

/** Arrow-key and drag steps for nudging a filter value. */
export const NUDGE = { step: 1, large: 10, fine: 0.1 } as const;

export class FilterEditorState {
  /** What each cell shows: the reader's text, valid or not. */
  texts = $state<string[]>([]);
  /** Why a cell's text was refused, or null. */
  errors = $state<(string | null)[]>(Array(9).fill(null));
  /** The last valid text of each cell (what goes in the URL). */
  validTexts = $state<string[]>([]);
  /** The filter in use: always nine finite numbers. */
  kernel = $state.raw<Kernel3x3>([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  /** A message about the whole grid (a refused paste), or null. */
  gridMessage = $state<string | null>(null);
  mode = $state<DisplayMode>(DEFAULT_DISPLAY_MODE);
  imageRef = $state<ImageRef>(DEFAULT_IMAGE);
  /** The input image; null while it loads. */
  image = $state.raw<GrayImage | null>(null);
  /** "Cameraman (photo)", "MNIST test digit #3 (a 7)". */
  imageName = $state('');
  /** Pinned inspector pixel (output coordinates). */
  cursor = $state<Point>({ x: 0, y: 0 });
  /** Pixel under the pointer, shown instead of the pinned one while hovering. */
  hover = $state<Point | null>(null);
  /** Notices about refused URL values or images that could not load. */
  notices = $state<string[]>([]);

  /** Filter result, reused between updates; read it after `version` changes. */
  output: Float32Array = new Float32Array(0);
  stats = $state.raw<OutputStats>(outputStats([]));
  /** Bumped after every recomputation so views redraw. */
  version = $state(0);
  /** Median milliseconds of the recent updates (convolution, statistics, colouring); null until there are a few. */
  lastMs = $state<number | null>(null);
  private recentMs: number[] = [];

  preset = $derived(presetForKernel(this.kernel));
  kernelName = $derived(this.preset ? this.preset.name : 'your filter');
  hasErrors = $derived(this.errors.some((e) => e !== null));
  inspected = $derived(this.hover ?? this.cursor);

  constructor(presetId = DEFAULT_PRESET_ID) {
    this.applyPreset(presetById(presetId) ? presetId : DEFAULT_PRESET_ID);
  }

  applyPreset(id: string): void {
    const preset = presetById(id) ?? KERNEL_PRESETS[0]!;
    this.setAll([...preset.texts], preset.kernel);
  }

  /** Replaces every cell with valid values at once. */
  setAll(texts: string[], kernel: Kernel3x3): void {
    this.texts = [...texts];
    this.validTexts = [...texts];
    this.errors = Array(9).fill(null);
    this.gridMessage = null;
    this.kernel = kernel;
  }

  /** Applies state read from a URL (already validated). Returns false if the texts were refused. */
  applyUrlState(state: Partial<FilterUrlState>): void {
    if (state.texts) {
      const parsed = parseKernelText(state.texts.join(' '));
      if (parsed.ok) this.setAll(state.texts, parsed.kernel);
    }
    if (state.mode) this.mode = state.mode;
    if (state.image) this.imageRef = state.image;
  }

  /** The reader typed in cell i: keep the text; use the value only if it is strictly valid. */
  setCell(i: number, text: string): void {
    this.texts[i] = text;
    if (this.gridMessage !== null) {
      // A new edit replaces the refused paste's message.
      this.gridMessage = null;
      this.errors = this.errors.map((e) => (e?.startsWith('Paste refused') ? null : e));
    }
    const result = parseStrictNumber(text);
    if (!result.ok) {
      this.errors[i] = result.reason;
      return;
    }
    this.errors[i] = null;
    this.validTexts[i] = text.trim();
    const next = [...this.kernel];
    next[i] = result.value;
    this.kernel = next as unknown as Kernel3x3;
  }

  /**
   * Text pasted into cell i. Several values fill the whole grid or are refused whole; a single
   * value is left to the ordinary input path. Returns true when the paste was handled here.
   */
  paste(i: number, text: string): boolean {
    if (!looksLikeManyValues(text)) return false;
    const parsed = parseKernelText(text);
    if (parsed.ok) {
      this.setAll(parsed.texts, parsed.kernel);
      return true;
    }
    this.gridMessage = `Paste refused: ${parsed.reason}`;
    this.errors[i] = `Paste refused: ${parsed.reason}`;
    return true;
  }

  /** Adds delta to cell i (arrow keys, dragging), starting from its last valid value. */
  nudge(i: number, delta: number): void {
    const current = this.kernel[i] ?? 0;
    // Round to 4 decimals so repeated 0.1 steps do not show 0.30000000000000004.
    const value = Math.max(-MAX_ABS_VALUE, Math.min(MAX_ABS_VALUE, Math.round((current + delta) * 1e4) / 1e4));
    this.setCell(i, formatValue(value));
  }

  /** Sets cell i to an absolute value (dragging from a start value). */
  setValue(i: number, value: number): void {
    const v = Math.max(-MAX_ABS_VALUE, Math.min(MAX_ABS_VALUE, Math.round(value * 1e4) / 1e4));
    this.setCell(i, formatValue(v));
  }

  /**
   * Shows a new input image. `redrawn` is for the drawing pad, whose pixels change in place:
   * the inspected pixel stays where the reader put it.
   */
  setImage(ref: ImageRef, image: GrayImage, name: string, redrawn = false): void {
    this.imageRef = ref;
    this.image = image;
    this.imageName = name;
    this.hover = null;
    if (!redrawn) {
      this.cursor = interestingPixel(image);
      // Timings of another image size would mislead.
      this.recentMs = [];
      this.lastMs = null;
    }
  }

  moveCursor(dx: number, dy: number): void {
    if (!this.image) return;
    this.hover = null;
    this.cursor = clampPoint(this.cursor.x + dx, this.cursor.y + dy, this.image.width, this.image.height);
  }

  pin(point: Point): void {
    if (!this.image) return;
    this.cursor = clampPoint(point.x, point.y, this.image.width, this.image.height);
  }

  /** Runs the convolution into the reused buffer. ~1 ms for 512×512. */
  compute(): void {
    const image = this.image;
    if (!image) return;
    this.output = convolve3x3(image, this.kernel, this.output);
    this.stats = outputStats(this.output);
    this.version++;
  }

  /** Records how long one whole update took (convolution, statistics, colouring). */
  noteTiming(ms: number): void {
    // The median of recent runs: the very first one includes JIT warm-up and would mislead.
    this.recentMs = [...this.recentMs.slice(-14), ms];
    if (this.recentMs.length >= 3) this.lastMs = [...this.recentMs].sort((a, b) => a - b)[Math.floor(this.recentMs.length / 2)]!;
  }
}
