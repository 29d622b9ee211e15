/**
 * The home page's mini filter editor: nine cells, a few presets, a photo and its filtered image.
 * Everything runs on the main thread in plain TypeScript (lesson 2's convolve3x3): a 512 × 512
 * frame takes about a millisecond, so no tfjs is loaded on the home page.
 */
import { convolve3x3, type GrayImage, type Kernel3x3 } from '../../lib/math/conv2d';
import { grayLevel } from '../../lib/math/display-map';
import { KERNEL_PRESETS, kernelSum, presetForKernel, type KernelPreset } from '../../lib/math/kernel-presets';
import { parseStrictNumber } from '../../lib/math/strict-number';

/** The presets the hero offers, in the order shown: one of each family that looks striking on a photo. */
export const HERO_PRESET_IDS = ['outline', 'vertical', 'box-blur', 'sharpen', 'emboss'] as const;
export const HERO_PRESETS: readonly KernelPreset[] = HERO_PRESET_IDS.map((id) => KERNEL_PRESETS.find((p) => p.id === id)!);

export class HeroFilterState {
  texts = $state<string[]>([...HERO_PRESETS[0]!.texts]);
  /** The photo, once decoded; null while it loads or when it could not be loaded. */
  photo = $state.raw<GrayImage | null>(null);
  loadError = $state<string | null>(null);

  /** Each cell's parse result; a bad cell keeps the last good kernel on screen. */
  parsed = $derived(this.texts.map((t) => parseStrictNumber(t)));
  errors = $derived(this.parsed.map((r) => (r.ok ? null : r.reason)));
  #lastGood: Kernel3x3 = HERO_PRESETS[0]!.kernel;
  kernel = $derived.by((): Kernel3x3 => {
    if (this.parsed.every((r) => r.ok)) this.#lastGood = this.parsed.map((r) => (r.ok ? r.value : 0)) as unknown as Kernel3x3;
    return this.#lastGood;
  });
  preset = $derived(presetForKernel(this.kernel));
  sum = $derived(kernelSum(this.kernel));

  choose(preset: KernelPreset): void {
    this.texts = [...preset.texts];
  }

  setCell(i: number, text: string): void {
    this.texts[i] = text;
  }

  /** Draws the filtered photo into `out` (RGBA, photo-sized). A filter whose weights sum to 0 leaves
   * flat areas at 0 and edges both negative and positive, so it is shown by size (|value|). */
  render(out: Uint8ClampedArray): void {
    const photo = this.photo;
    if (!photo) return;
    const values = convolve3x3(photo, this.kernel);
    const mode = Math.abs(this.sum) < 1e-9 ? 'abs' : 'clamp';
    for (let i = 0, o = 0; i < values.length; i++, o += 4) {
      const g = grayLevel(values[i]!, mode);
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
      out[o + 3] = 255;
    }
  }
}
