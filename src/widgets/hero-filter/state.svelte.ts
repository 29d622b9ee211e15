/**
 * The home page's mini filter editor: nine cells, a few presets, a photo and its filtered image.
 * The cells, their strict parsing and the last valid filter are lesson 2's FilterEditorState; the
 * drawing is its renderToRgba. Everything runs on the main thread in plain TypeScript: a 512 × 512
 * frame takes about a millisecond, so no tfjs is loaded on the home page.
 */
import { renderToRgba } from '../../lib/math/display-map';
import { KERNEL_PRESETS, kernelSum, type KernelPreset } from '../../lib/math/kernel-presets';
import { FilterEditorState } from '../filter-editor/state.svelte';

/** The presets the hero offers, in the order shown: one of each family that looks striking on a photo. */
export const HERO_PRESET_IDS = ['outline', 'vertical', 'box-blur', 'sharpen', 'emboss'] as const;
export const HERO_PRESETS: readonly KernelPreset[] = HERO_PRESET_IDS.map((id) => KERNEL_PRESETS.find((p) => p.id === id)!);

export class HeroFilterState {
  readonly filter = new FilterEditorState(HERO_PRESET_IDS[0]);
  /** Why the photo could not be shown, or null. */
  loadError = $state<string | null>(null);
  /**
   * A filter whose weights sum to 0 leaves flat areas at 0 and edges both negative and positive,
   * so it is shown by size (|value|); any other is clamped to 0–255.
   */
  mode = $derived<'abs' | 'clamp'>(Math.abs(kernelSum(this.filter.kernel)) < 1e-9 ? 'abs' : 'clamp');

  /** Filters the photo and draws it into `out` (RGBA, photo-sized); nothing before the photo is in. */
  render(out: Uint8ClampedArray): void {
    if (!this.filter.image) return;
    this.filter.compute();
    renderToRgba(this.filter.output, this.mode, out, this.filter.stats);
  }
}
