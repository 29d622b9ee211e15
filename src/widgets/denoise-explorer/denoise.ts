/**
 * One pass of the explorer: clean digits → corrupted → median 3×3, Gaussian blur 3×3 and the
 * reader's denoiser, each scored by PSNR against the clean digit. Pure (the model comes in as a
 * function), so the same code runs in a unit test and in the page.
 */
import { filterBatch, gaussianBlur3x3, medianFilter3x3 } from '../../lib/math/classical-denoise';
import { corrupt, type CorruptionSpec } from '../../lib/math/corruption';
import { perImagePsnr, psnr } from '../../lib/math/reconstruction';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

/** Denoises `count` images of [0, 1] floats, image after image; returns the same layout. */
export type Denoiser = (noisy: Float32Array, count: number) => Float32Array | Promise<Float32Array>;

export const STAGES = ['noisy', 'median', 'blur', 'denoised'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage | 'clean', string> = {
  clean: 'Clean',
  noisy: 'Noisy',
  median: 'Median 3×3',
  blur: 'Gaussian blur 3×3',
  denoised: 'Your denoiser',
};

export interface DenoiseRow {
  /** 784 bytes each, 0…255, for drawing. */
  clean: Uint8Array;
  noisy: Uint8Array;
  median: Uint8Array;
  blur: Uint8Array;
  /** Null when no denoiser is stored. */
  denoised: Uint8Array | null;
  /** PSNR vs the clean image, dB; +Infinity when identical; null where there is no image. */
  psnr: Record<Stage, number | null>;
}

/** Bytes 0…255 → floats in [0, 1]. */
export function toUnit(bytes: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! / 255;
  return out;
}

/** Floats (clipped to [0, 1]) → bytes 0…255. */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return out;
}

/** The three model-free versions of a batch: noisy, median-filtered and blurred (same layout). */
export function classicalVersions(clean: Float32Array, spec: CorruptionSpec, rng: () => number): { noisy: Float32Array; median: Float32Array; blur: Float32Array } {
  const noisy = corrupt(clean, SIDE, SIDE, spec, rng);
  return { noisy, median: filterBatch(noisy, SIDE, SIDE, medianFilter3x3), blur: filterBatch(noisy, SIDE, SIDE, gaussianBlur3x3) };
}

/**
 * The explorer's rows for `count` clean images (bytes, image after image): each corrupted with
 * `spec` from `rng`, filtered, and denoised by `denoise` when one is given.
 */
export async function denoiseRows(cleanBytes: Uint8Array, count: number, spec: CorruptionSpec, rng: () => number, denoise?: Denoiser): Promise<DenoiseRow[]> {
  if (!(Number.isInteger(count) && count > 0) || cleanBytes.length < count * PIXELS) {
    throw new Error(`denoiseRows: need ${count} images of ${PIXELS} bytes, got ${cleanBytes.length} bytes`);
  }
  const clean = toUnit(cleanBytes.subarray(0, count * PIXELS));
  const { noisy, median, blur } = classicalVersions(clean, spec, rng);
  const denoised = denoise ? await denoise(noisy, count) : null;
  if (denoised && denoised.length !== clean.length) throw new Error(`denoiseRows: the denoiser returned ${denoised.length} values for ${clean.length} pixels`);
  const scores = {
    noisy: perImagePsnr(clean, noisy, PIXELS),
    median: perImagePsnr(clean, median, PIXELS),
    blur: perImagePsnr(clean, blur, PIXELS),
    denoised: denoised ? perImagePsnr(clean, denoised, PIXELS) : null,
  };
  const part = (a: Float32Array, n: number): Uint8Array => toBytes(a.subarray(n * PIXELS, (n + 1) * PIXELS));
  return Array.from({ length: count }, (_, n) => ({
    clean: cleanBytes.slice(n * PIXELS, (n + 1) * PIXELS),
    noisy: part(noisy, n),
    median: part(median, n),
    blur: part(blur, n),
    denoised: denoised ? part(denoised, n) : null,
    psnr: { noisy: scores.noisy[n]!, median: scores.median[n]!, blur: scores.blur[n]!, denoised: scores.denoised ? scores.denoised[n]! : null },
  }));
}

/** Highest PSNR averaged or shown: an identical image (+Infinity) counts as this. */
export const PSNR_CAP = 60;

/** Mean PSNR of one stage over the rows (each capped at PSNR_CAP); null when a row lacks it or there are none. */
export function meanStagePsnr(rows: readonly DenoiseRow[], stage: Stage): number | null {
  if (rows.length === 0) return null;
  let sum = 0;
  for (const row of rows) {
    const v = row.psnr[stage];
    if (v === null || Number.isNaN(v)) return null;
    sum += Math.min(PSNR_CAP, v);
  }
  return sum / rows.length;
}

/** "17.3 dB", "identical" for +Infinity, "–" for none. */
export function formatDb(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '–';
  if (value === Infinity) return 'identical';
  return `${value.toFixed(1)} dB`;
}

/** PSNR of a whole batch against its clean version (pooled MSE, like the record's testPsnr). */
export function batchPsnr(clean: Float32Array, other: Float32Array): number {
  return Math.min(PSNR_CAP, psnr(clean, other));
}
