/**
 * One pass of the super-resolution explorer: an original 28 × 28 image → its low-resolution
 * version (every scale × scale block averaged, as the training cell shrinks it) → nearest,
 * bicubic and the network's upscale, each scored by PSNR against the original.
 *
 * Pure and tfjs-free: the network comes in as a plain function, so the same code runs in a unit
 * test and in the page, and the island only loads tfjs (with import()) once it needs the network.
 */
import { downsample, upsample } from '../../lib/math/resample';
import { psnr } from '../../lib/math/reconstruction';
import { grayToRgba } from '../../lib/math/display-map';
import { toBytes, toUnit } from '../denoise-explorer/denoise';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

export type Scale = 2 | 4;
export type Dataset = 'mnist' | 'fashion-mnist';

/** The five panels, left to right. */
export const STAGES = ['low', 'nearest', 'bicubic', 'network', 'original'] as const;
export type Stage = (typeof STAGES)[number];
/** The panels scored against the original. */
export const COMPARED = ['nearest', 'bicubic', 'network'] as const;
export type Compared = (typeof COMPARED)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  low: 'Low-res',
  nearest: 'Nearest',
  bicubic: 'Bicubic',
  network: 'Network',
  original: 'Original',
};

/**
 * The network as a plain function: the low-resolution image (side × side floats in 0…1,
 * row-major) → the 28 × 28 upscale, 784 floats clipped to 0…1.
 */
export type Upscaler = (low: Float32Array, side: number) => Float32Array;

export interface Panels {
  scale: Scale;
  /** Side of the low-resolution image: 28 / scale. */
  lowSide: number;
  /** lowSide² floats in 0…1. */
  low: Float32Array;
  /** 784 floats in 0…1 each. */
  nearest: Float32Array;
  bicubic: Float32Array;
  /** Null without a network, or when it failed (see networkError). */
  network: Float32Array | null;
  original: Float32Array;
  /** PSNR against the original in dB: +Infinity when identical; null where there is no image. Never NaN. */
  psnr: Record<Compared, number | null>;
  /** The highest PSNR's panel (the first of equals); null when none is scored. */
  best: Compared | null;
  /** Why the network's panel is empty although a network was given. */
  networkError: string | null;
}

/** `values` clipped to 0…1, or an error when the network gave the wrong size or not-a-number pixels. */
function checkedOutput(values: Float32Array): Float32Array | string {
  if (values.length !== PIXELS) return `The network made ${values.length} pixels instead of ${PIXELS}: it is not a 28 × 28 upscaler for this scale.`;
  const out = new Float32Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) return 'The network’s output is not a number (its training diverged): retrain it with a smaller learning rate.';
    out[i] = Math.min(1, Math.max(0, v));
  }
  return out;
}

/**
 * The explorer's panels for one original (784 grey levels 0…255): shrunk by `scale`, blown back
 * up by nearest and bicubic (clipped to 0…1, bicubic can overshoot) and by `upscale` when given.
 */
export function computePanels(originalBytes: ArrayLike<number>, scale: Scale, upscale?: Upscaler): Panels {
  if (originalBytes.length !== PIXELS) throw new Error(`computePanels: need ${PIXELS} pixels, got ${originalBytes.length}`);
  const original = toUnit(originalBytes);
  const low = downsample({ width: SIDE, height: SIDE, pixels: original }, scale);
  const nearest = upsample(low, scale, 'nearest', [0, 1]).pixels;
  const bicubic = upsample(low, scale, 'bicubic', [0, 1]).pixels;
  let network: Float32Array | null = null;
  let networkError: string | null = null;
  if (upscale) {
    try {
      // A copy: the network must not be able to change the low panel.
      const checked = checkedOutput(upscale(low.pixels.slice(), low.width));
      if (typeof checked === 'string') networkError = checked;
      else network = checked;
    } catch (error) {
      networkError = `The network could not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const scores: Record<Compared, number | null> = { nearest: psnr(original, nearest), bicubic: psnr(original, bicubic), network: network ? psnr(original, network) : null };
  return { scale, lowSide: low.width, low: low.pixels, nearest, bicubic, network, original, psnr: scores, best: bestOf(scores), networkError };
}

/** The compared panel with the highest PSNR (+Infinity beats everything; the first of equals wins). */
export function bestOf(scores: Record<Compared, number | null>): Compared | null {
  let best: Compared | null = null;
  for (const stage of COMPARED) {
    const v = scores[stage];
    if (v === null || Number.isNaN(v)) continue;
    if (best === null || v > scores[best]!) best = stage;
  }
  return best;
}

/** "19.9 dB"; "∞ dB (identical)" for a perfect match; "–" for none. */
export function formatDb(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '–';
  if (value === Infinity) return '∞ dB (identical)';
  return `${value.toFixed(1)} dB`;
}

/** A drawing counts as empty when no pixel is brighter than this (of 255): nothing visible to upscale. */
export const BLANK_LEVEL = 8;

/** True when no pixel is brighter than BLANK_LEVEL. */
export function isBlank(pixels: ArrayLike<number>): boolean {
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > BLANK_LEVEL) return false;
  return true;
}

/** The message an empty drawing gets instead of panels. */
export function blankMessage(dataset: Dataset): string {
  return dataset === 'mnist'
    ? 'Draw a digit first: an empty canvas has nothing to upscale.'
    : 'Draw something first: an empty canvas has nothing to upscale.';
}

/** Floats in 0…1 → RGBA grey for a canvas. */
export function rgbaOf(values: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  grayToRgba(toBytes(values), out);
  return out;
}

/** "nearest 19.9 dB, bicubic 21.3 dB, network 24.8 dB; the network is closest": for the live region. */
export function psnrSummary(panels: Panels, what: string): string {
  const parts = COMPARED.filter((s) => panels.psnr[s] !== null).map((s) => `${STAGE_NAMES[s].toLowerCase()} ${formatDb(panels.psnr[s])}`);
  const best = panels.best ? `; closest to the original: ${STAGE_NAMES[panels.best].toLowerCase()}` : '';
  return `PSNR against the original, ${what}, ×${panels.scale}: ${parts.join(', ')}${best}.`;
}
