/**
 * "PSNR vs noise level": for each level of one kind of noise, the PSNR (vs clean, pooled over the
 * images like the record's testPsnr) of the noisy input, of median 3×3, of Gaussian blur 3×3 and
 * of the reader's denoiser. One level at a time with a pause between, so the page stays responsive.
 * Pure apart from the injected pause and denoiser.
 */
import type { Series } from '../line-chart/scale';
import { batchPsnr, classicalVersions, PIXELS, toUnit, type Denoiser } from '../denoise-explorer/denoise';
import { KIND_INFO, levelText, noiseRng, specOf, type NoiseKind } from '../denoise-explorer/noise';

export interface CurvePoint {
  level: number;
  noisy: number;
  median: number;
  blur: number;
  /** Null without a denoiser. */
  denoiser: number | null;
}

export interface CurveOptions {
  /** count × 784 clean bytes, image after image. */
  clean: Uint8Array;
  count: number;
  kind: NoiseKind;
  levels: readonly number[];
  seed: number;
  denoise?: Denoiser | undefined;
  /** Called after each level: (levels done, levels in all). */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Awaited between levels (the page yields to input and paint here). */
  pause?: (() => Promise<void>) | undefined;
  signal?: AbortSignal | undefined;
}

/** Images the chart averages over. */
export const CHART_IMAGES = 100;
/** The chart's noise: seeded, so a repeated Compute gives the same classical curves. */
export const CHART_SEED = 7;

export async function computeCurves(options: CurveOptions): Promise<CurvePoint[]> {
  const { count, kind, levels, seed, denoise, onProgress, pause, signal } = options;
  if (!(Number.isInteger(count) && count > 0) || options.clean.length < count * PIXELS) {
    throw new Error(`computeCurves: need ${count} images of ${PIXELS} bytes, got ${options.clean.length} bytes`);
  }
  const clean = toUnit(options.clean.subarray(0, count * PIXELS));
  const points: CurvePoint[] = [];
  for (const [i, level] of levels.entries()) {
    signal?.throwIfAborted();
    const { noisy, median, blur } = classicalVersions(clean, specOf(kind, level), noiseRng(seed, 'chart', kind, level));
    const denoised = denoise ? await denoise(noisy, count) : null;
    points.push({
      level,
      noisy: batchPsnr(clean, noisy),
      median: batchPsnr(clean, median),
      blur: batchPsnr(clean, blur),
      denoiser: denoised ? batchPsnr(clean, denoised) : null,
    });
    onProgress?.(i + 1, levels.length);
    if (pause) await pause();
  }
  return points;
}

export const CURVE_NAMES = { noisy: 'Noisy input', median: 'Median 3×3', blur: 'Gaussian blur 3×3', denoiser: 'Your denoiser' } as const;
const COLORS = { noisy: 'var(--fg-muted)', median: 'var(--warning)', blur: 'var(--success)', denoiser: 'var(--accent)', trained: 'var(--danger)' } as const;

/**
 * The chart's lines; the trained level, when given, as a vertical dashed line spanning the
 * plotted values (the line chart has no marker of its own).
 */
export function curveSeries(points: readonly CurvePoint[], kind: NoiseKind, trainedLevel?: number): Series[] {
  const line = (key: 'noisy' | 'median' | 'blur'): Series => ({ label: CURVE_NAMES[key], color: COLORS[key], markers: true, points: points.map((p) => ({ x: p.level, y: p[key] })) });
  const series = [line('noisy'), line('median'), line('blur')];
  if (points.some((p) => p.denoiser !== null)) {
    series.push({ label: CURVE_NAMES.denoiser, color: COLORS.denoiser, markers: true, points: points.filter((p) => p.denoiser !== null).map((p) => ({ x: p.level, y: p.denoiser! })) });
  }
  if (trainedLevel !== undefined && points.length > 0) {
    const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
    series.push({ label: `Trained on ${levelText(kind, trainedLevel)}`, color: COLORS.trained, dashed: true, points: [{ x: trainedLevel, y: Math.min(...ys) }, { x: trainedLevel, y: Math.max(...ys) }] });
  }
  return series;
}

/** The point at `level` (within rounding), if computed. */
export function pointAt(points: readonly CurvePoint[], level: number): CurvePoint | undefined {
  return points.find((p) => Math.abs(p.level - level) < 1e-9);
}

/** One sentence for the live region: the curves at the trained level (without one, at the kind's usual level). */
export function curveSummary(points: readonly CurvePoint[], kind: NoiseKind, trainedLevel?: number): string {
  if (points.length === 0) return '';
  const at = pointAt(points, trainedLevel ?? KIND_INFO[kind].initial) ?? points[Math.floor(points.length / 2)]!;
  const where = trainedLevel !== undefined && at.level === trainedLevel ? `${levelText(kind, at.level)}, the level it was trained on` : levelText(kind, at.level);
  const parts = [`noisy input ${at.noisy.toFixed(1)} dB`, `median 3×3 ${at.median.toFixed(1)} dB`, `Gaussian blur 3×3 ${at.blur.toFixed(1)} dB`];
  if (at.denoiser !== null) parts.push(`your denoiser ${at.denoiser.toFixed(1)} dB`);
  return `${KIND_INFO[kind].name} at ${where}: ${parts.join(', ')}.`;
}
