/**
 * Turning filter results into screen colours.
 *
 * A convolution's output is any real number: an edge filter gives negative values, a sharpen
 * filter values above 255. A screen pixel holds 0–255, so something has to give. Three ways:
 *  - clamp: below 0 shows black, above 255 white (what saving the result as a photo does);
 *  - absolute value: −100 and +100 look the same, so edges of both directions show;
 *  - blue–red: the absolute value's brightness, coloured by sign in the course's one colour code
 *    (sign-colours.ts): black at 0, blue below, red above, scaled so that the largest magnitudes
 *    in this image get the brightest colour. A filter whose weights sum to 1 (identity, blurs)
 *    gives a mostly positive image, which therefore shows as the photo in red.
 */
import { divergingColor, signedImageColor } from './sign-colours';

export { divergingColor, signedImageColor };

export type DisplayMode = 'clamp' | 'abs' | 'diverging';

export interface DisplayModeInfo {
  readonly id: DisplayMode;
  readonly name: string;
  readonly description: string;
}

export const DISPLAY_MODES: readonly DisplayModeInfo[] = [
  { id: 'clamp', name: 'Clamp', description: 'Below 0 shows black, above 255 shows white.' },
  { id: 'abs', name: 'Absolute value', description: 'The sign is dropped: −80 looks like +80.' },
  { id: 'diverging', name: 'Blue–red', description: 'Black at 0, blue below 0, red above 0, brighter further from 0, scaled to the image’s range.' },
];

export const DEFAULT_DISPLAY_MODE: DisplayMode = 'clamp';

export function isDisplayMode(value: string): value is DisplayMode {
  return DISPLAY_MODES.some((m) => m.id === value);
}

/** What the output holds, for the legend and the scale of the diverging map. */
export interface OutputStats {
  min: number;
  max: number;
  /** Largest |value|. */
  maxAbs: number;
  /**
   * The diverging map's scale: the 99.5th percentile of |value|, so that a handful of extreme
   * pixels cannot wash out everything else (those few show the strongest colour).
   */
  scale: number;
  /** Pixels below 0 (black when clamped). */
  below: number;
  /** Pixels above 255 (white when clamped). */
  above: number;
  count: number;
}

export function outputStats(values: ArrayLike<number>): OutputStats {
  let min = Infinity;
  let max = -Infinity;
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < 0) below++;
    else if (v > 255) above++;
  }
  if (values.length === 0) min = max = 0;
  const maxAbs = Math.max(Math.abs(min), Math.abs(max));
  return { min, max, maxAbs, scale: quantileAbs(values, maxAbs, SCALE_QUANTILE), below, above, count: values.length };
}

/** Share of pixels inside the diverging map's scale. */
export const SCALE_QUANTILE = 0.995;
const HISTOGRAM_BINS = 2048;

/**
 * The q-quantile of |value|, to within maxAbs / 2048, in one pass over a histogram (a sort
 * would take ~20 ms for 512 × 512, more than a frame). Rounds up to the bin's upper edge.
 */
export function quantileAbs(values: ArrayLike<number>, maxAbs: number, q: number): number {
  const n = values.length;
  if (n === 0 || !(maxAbs > 0)) return 0;
  const bins = new Uint32Array(HISTOGRAM_BINS);
  const perBin = HISTOGRAM_BINS / maxAbs;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const b = Math.floor((v < 0 ? -v : v) * perBin);
    bins[b >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : b]!++;
  }
  const target = Math.ceil(q * n);
  let seen = 0;
  for (let b = 0; b < HISTOGRAM_BINS; b++) {
    seen += bins[b]!;
    if (seen >= target) return ((b + 1) / HISTOGRAM_BINS) * maxAbs;
  }
  return maxAbs;
}

/** Gray level 0–255 for clamp and absolute-value modes; rounds half up, like Math.round. */
export function grayLevel(value: number, mode: 'clamp' | 'abs'): number {
  const v = Math.round(mode === 'abs' ? Math.abs(value) : value);
  return v <= 0 ? 0 : v > 255 ? 255 : v;
}

/** Scale of the diverging map: |values| up to this get graded colours; 1 for an all-zero image. */
export function divergingScale(stats: OutputStats): number {
  return stats.scale > 0 ? stats.scale : stats.maxAbs > 0 ? stats.maxAbs : 1;
}

// Odd, so that 0 falls exactly on the middle entry (black).
const LUT_SIZE = 1025;
let divergingLut: Uint8Array | undefined;
/** 1025 precomputed colours so a 512×512 frame needs no per-pixel interpolation. */
function lut(): Uint8Array {
  if (!divergingLut) {
    divergingLut = new Uint8Array(LUT_SIZE * 3);
    for (let i = 0; i < LUT_SIZE; i++) divergingLut.set(signedImageColor((i / (LUT_SIZE - 1)) * 2 - 1), i * 3);
  }
  return divergingLut;
}

/** Colour [r, g, b] of one value, exactly as renderToRgba draws it. */
export function displayColor(value: number, mode: DisplayMode, scale: number): [number, number, number] {
  if (mode !== 'diverging') {
    const g = grayLevel(value, mode);
    return [g, g, g];
  }
  const table = lut();
  const j = lutIndex(value, scale) * 3;
  return [table[j]!, table[j + 1]!, table[j + 2]!];
}

function lutIndex(value: number, scale: number): number {
  const t = value / scale;
  const c = t < -1 ? -1 : t > 1 ? 1 : t;
  return Math.round(((c + 1) / 2) * (LUT_SIZE - 1));
}

/**
 * Writes the values as opaque RGBA pixels into `out` (length 4 × values.length), ready for
 * putImageData. Returns the stats it used, so the caller can label the legend.
 */
export function renderToRgba(values: ArrayLike<number>, mode: DisplayMode, out: Uint8ClampedArray, stats = outputStats(values)): OutputStats {
  const n = values.length;
  // One 32-bit write per pixel instead of four byte writes: about twice as fast for 512 × 512.
  const words = LITTLE_ENDIAN && out.byteOffset % 4 === 0 ? new Uint32Array(out.buffer, out.byteOffset, n) : null;
  if (mode === 'diverging') {
    const table = lut();
    const scale = divergingScale(stats);
    for (let i = 0, o = 0; i < n; i++, o += 4) {
      const j = lutIndex(values[i]!, scale) * 3;
      if (words) {
        words[i] = 0xff000000 | (table[j + 2]! << 16) | (table[j + 1]! << 8) | table[j]!;
      } else {
        out[o] = table[j]!;
        out[o + 1] = table[j + 1]!;
        out[o + 2] = table[j + 2]!;
        out[o + 3] = 255;
      }
    }
  } else {
    const abs = mode === 'abs';
    for (let i = 0, o = 0; i < n; i++, o += 4) {
      const raw = values[i]!;
      const v = Math.round(abs && raw < 0 ? -raw : raw);
      const g = v <= 0 ? 0 : v > 255 ? 255 : v;
      if (words) {
        words[i] = (0xff000000 | (g << 16) | (g << 8) | g) >>> 0;
      } else {
        out[o] = g;
        out[o + 1] = g;
        out[o + 2] = g;
        out[o + 3] = 255;
      }
    }
  }
  return stats;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Writes gray values (0–255) as opaque RGBA, for drawing an input image. */
export function grayToRgba(values: ArrayLike<number>, out: Uint8ClampedArray): void {
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const g = values[i]!;
    out[o] = g;
    out[o + 1] = g;
    out[o + 2] = g;
    out[o + 3] = 255;
  }
}

export interface LegendTick {
  /** 0…1 along the bar. */
  position: number;
  label: string;
}

export interface Legend {
  /** CSS background for the bar. */
  gradient: string;
  ticks: LegendTick[];
  /** One sentence for the reader (and screen readers) on how to read the colours. */
  summary: string;
  /** Why the picture looks the way it does, when that could surprise (a blue–red view in one colour); null if nothing to say. */
  note: string | null;
}

function fmt(v: number): string {
  const r = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10;
  return (r < 0 ? '−' : '') + Math.abs(r).toLocaleString('en');
}

/**
 * The scale to draw next to the output for a mode and the current output. `kernelSum` (the sum of
 * the filter's weights) lets the blue–red legend say why a picture is nearly all one colour.
 */
export function legendFor(mode: DisplayMode, stats: OutputStats, kernelSum?: number): Legend {
  const range = `Output values run from ${fmt(stats.min)} to ${fmt(stats.max)}.`;
  if (mode === 'diverging') {
    const s = divergingScale(stats);
    // The image map's own stops, so the bar shows exactly the colours drawn.
    const stops = [-1, -0.75, -0.5, 0, 0.5, 0.75, 1].map((t) => `rgb(${signedImageColor(t).join(' ')}) ${((t + 1) * 50).toFixed(1)}%`);
    return {
      gradient: `linear-gradient(to right, ${stops.join(', ')})`,
      ticks: [
        { position: 0, label: s < stats.maxAbs ? `≤ ${fmt(-s)}` : fmt(-s) },
        { position: 0.5, label: '0' },
        { position: 1, label: s < stats.maxAbs ? `≥ ${fmt(s)}` : fmt(s) },
      ],
      summary: `${range} Black is 0, blue is negative, red is positive, brighter further from 0; the brightest colours mean ±${fmt(s)}${
        s < stats.maxAbs ? ' or beyond (the scale leaves out the most extreme 0.5% of pixels)' : ''
      }.`,
      note: oneSignNote(stats, kernelSum),
    };
  }
  if (mode === 'abs') {
    return {
      gradient: 'linear-gradient(to right, #000, #fff)',
      ticks: [
        { position: 0, label: '0' },
        { position: 1, label: '±255 or more' },
      ],
      summary: `${range} Black is 0, white is 255 or more in either direction; the sign is not shown.`,
      note: null,
    };
  }
  const clipped = `${stats.below.toLocaleString('en')} pixels below 0 show black, ${stats.above.toLocaleString('en')} above 255 show white.`;
  return {
    gradient: 'linear-gradient(to right, #000, #fff)',
    ticks: [
      { position: 0, label: '0 or less' },
      { position: 1, label: '255 or more' },
    ],
    summary: `${range} ${clipped}`,
    note: null,
  };
}

/**
 * For the blue–red view: a filter whose weights do not sum to 0 keeps (a multiple of) the
 * picture's brightness, so a photo comes out nearly all red. Say so, instead of leaving the
 * reader to think the view is broken.
 */
function oneSignNote(stats: OutputStats, kernelSum: number | undefined): string | null {
  if (stats.count === 0 || stats.maxAbs === 0) return null;
  const negatives = stats.below;
  const sumKnown = kernelSum !== undefined && Number.isFinite(kernelSum);
  const keeps = sumKnown && Math.abs(kernelSum) > 1e-9
    ? `The filter's weights add up to ${fmt(kernelSum)}, so flat areas keep ${Math.abs(kernelSum - 1) < 1e-9 ? 'their brightness' : `${fmt(kernelSum)} × their brightness`}`
    : null;
  if (negatives === 0) {
    return keeps
      ? `${keeps} and nothing falls below 0: the picture comes through in red, brighter where the input is brighter. Filters that add up to 0 (the edge detectors) show both colours.`
      : 'Nothing falls below 0, so nothing is blue.';
  }
  if (stats.max <= 0) return 'Nothing rises above 0, so nothing is red.';
  if (keeps && kernelSum! > 0 && negatives < stats.count / 2) {
    return `${keeps}: the picture comes through in red, and blue marks the pixels pushed below 0.`;
  }
  return null;
}

/** Words for how one output value is shown, for the pixel inspector. */
export function describeDisplay(value: number, mode: DisplayMode, stats: OutputStats): string {
  if (mode === 'diverging') {
    const s = divergingScale(stats);
    if (Math.round(value * 1000) === 0) return 'black (zero)';
    const share = Math.min(100, Math.round((Math.abs(value) / s) * 100));
    return `${value < 0 ? 'blue' : 'red'} at ${share}% brightness (${fmt(value)} on a scale of ±${fmt(s)})`;
  }
  const g = grayLevel(value, mode);
  const rounded = Math.round(mode === 'abs' ? Math.abs(value) : value);
  const what = g === 0 ? 'black' : g === 255 ? 'white' : 'gray';
  if (mode === 'abs' && value < 0 && g < 255) return `gray level ${g} (sign dropped)`;
  if (rounded !== g) return `${what}: gray level ${g} (clamped)`;
  return g === 0 || g === 255 ? `${what}: gray level ${g}` : `gray level ${g}`;
}
