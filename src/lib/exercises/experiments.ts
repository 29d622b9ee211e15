/** "Predict, then run" experiments: what the Run button computes and shows. */
import { convolve3x3, convolvePixel, type GrayImage, type Kernel3x3 } from '../math/conv2d';
import { pool2d, pooledSize } from '../math/pooling';
import { formatNumber } from './parse-decimal';
import { EXERCISE_IMAGES } from './test-images';
import { EXERCISE_KERNELS, type KernelName } from './kernels';
import { downsample, upsample, UPSAMPLERS, type Upsampler } from '../math/resample';
import { psnr } from '../math/reconstruction';
import type { Experiment, FilterResponseExperiment, PoolResponseExperiment, UpsampleResponseExperiment } from './types';

export type DisplayMode = 'clamp' | 'abs-scaled';

/** One picture of a run: input, filtered or pooled. */
export interface ExperimentStage {
  readonly image: GrayImage;
  readonly mode: DisplayMode;
  /** The canvas's accessible name: what it shows, its size and its values. */
  readonly label: string;
  /** Short visible caption with the size, e.g. "Max pooled, 12 × 12". */
  readonly caption: string;
  /** Another result from the same input as the stage before it, not a step after it: drawn without an arrow. */
  readonly alternative?: boolean;
}

export interface ExperimentResult {
  /** In order, left to right: input, then each step applied to it. */
  readonly stages: readonly ExperimentStage[];
  /** The last step's values, unscaled: what a number prediction is compared with. */
  readonly output: GrayImage;
}

/** Pooling in the "pool-response" experiment: the lesson's standard 2 × 2 windows, stride 2. */
export const EXPERIMENT_POOL = { window: 2, stride: 2 } as const;

/** Distinct gray levels after rounding to whole numbers: tells "sharp two-tone" from "smooth ramps". */
export function grayLevels(values: ArrayLike<number>): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) seen.add(Math.round(values[i]!));
  return seen.size;
}

/** Filters that keep brightness (non-negative, sum 1) are shown as is; others by magnitude. */
export function displayModeFor(kernel: Kernel3x3): DisplayMode {
  const sum = kernel.reduce((a, b) => a + b, 0);
  return Math.min(...kernel) >= 0 && Math.abs(sum - 1) < 1e-6 ? 'clamp' : 'abs-scaled';
}

function kernelOf(kernel: KernelName | Kernel3x3): Kernel3x3 {
  return typeof kernel === 'string' ? EXERCISE_KERNELS[kernel].kernel : kernel;
}

function kernelTitleOf(kernel: KernelName | Kernel3x3): string {
  return typeof kernel === 'string' ? EXERCISE_KERNELS[kernel].title : 'the given filter';
}

function range(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, max };
}

/** The pooled image of a "pool-response" experiment, with the (filtered) image it came from. */
function poolResponse(experiment: PoolResponseExperiment): { filtered: GrayImage; pooled: GrayImage } {
  const { image } = EXERCISE_IMAGES[experiment.image];
  const filtered = experiment.kernel === undefined ? image : { width: image.width, height: image.height, pixels: convolve3x3(image, kernelOf(experiment.kernel)) };
  return { filtered, pooled: pool2d(filtered, { mode: experiment.pool, ...EXPERIMENT_POOL }) };
}

/** One output pixel of the experiment (column x, row y, of the filtered or pooled image); throws outside it. */
export function experimentPixel(experiment: Experiment, x: number, y: number): number {
  const { image } = EXERCISE_IMAGES[experiment.image];
  if (experiment.name === 'upsample-response') throw new Error('an upsample-response prediction is a choice, not a pixel');
  if (experiment.name === 'filter-response') {
    if (x >= image.width || y >= image.height) throw new Error(`pixel [${x}, ${y}] is outside the ${image.width}×${image.height} image`);
    return convolvePixel(image, kernelOf(experiment.kernel), x, y);
  }
  const { pooled } = poolResponse(experiment);
  if (x >= pooled.width || y >= pooled.height) throw new Error(`pixel [${x}, ${y}] is outside the ${pooled.width}×${pooled.height} pooled image`);
  return pooled.pixels[y * pooled.width + x]!;
}

/** Width in pixels of the experiment's output image. */
export function experimentOutputWidth(experiment: Experiment): number {
  const { width } = EXERCISE_IMAGES[experiment.image].image;
  if (experiment.name === 'pool-response') return pooledSize(width, EXPERIMENT_POOL.window, EXPERIMENT_POOL.stride);
  return width;
}

// No-break spaces: a narrow caption wraps before the size, never inside it.
const sizeOf = (image: GrayImage): string => `${image.width}\u00a0×\u00a0${image.height}`;

function inputStage(experiment: Experiment): ExperimentStage {
  const { title, image } = EXERCISE_IMAGES[experiment.image];
  return { image, mode: 'clamp', label: `Input image: ${title}, ${image.width}×${image.height} pixels, ${grayLevels(image.pixels)} gray levels.`, caption: experiment.name === 'filter-response' ? 'Input image' : `Input, ${sizeOf(image)}` };
}

export function runFilterResponse(experiment: FilterResponseExperiment): ExperimentResult {
  const { title: imageTitle, image } = EXERCISE_IMAGES[experiment.image];
  const kernel = kernelOf(experiment.kernel);
  const pixels = convolve3x3(image, kernel);
  const mode = displayModeFor(kernel);
  const { min, max } = range(pixels);
  const output = { width: image.width, height: image.height, pixels };
  const label = `Filtered image: ${imageTitle} after ${kernelTitleOf(experiment.kernel)}. Values from ${Math.round(min)} to ${Math.round(max)}, ${grayLevels(pixels)} different gray levels${mode === 'abs-scaled' ? ', shown as brightness of the absolute value' : ''}.`;
  return { stages: [inputStage(experiment), { image: output, mode, label, caption: 'Filtered image' }], output };
}

/**
 * Input → (filtered) → pooled. A signed filter response is shown by magnitude, and the pooled
 * image on the same brightness scale as the filtered one, so average pooling visibly dims a thin
 * response while max pooling keeps it as bright as before.
 */
export function runPoolResponse(experiment: PoolResponseExperiment): ExperimentResult {
  const { title: imageTitle } = EXERCISE_IMAGES[experiment.image];
  const { filtered, pooled } = poolResponse(experiment);
  const mode: DisplayMode = experiment.kernel === undefined ? 'clamp' : displayModeFor(kernelOf(experiment.kernel));
  const scale = mode === 'clamp' ? 1 : 255 / Math.max(255, ...Array.from(filtered.pixels, Math.abs));
  const shown = (image: GrayImage): GrayImage => (mode === 'clamp' ? image : { ...image, pixels: Float32Array.from(image.pixels, (v) => Math.abs(v) * scale) });
  const byMagnitude = mode === 'abs-scaled' ? ', shown as brightness of the absolute value' : '';
  const values = (image: GrayImage): string => {
    const { min, max } = range(image.pixels);
    return `values from ${formatNumber(min)} to ${formatNumber(max)}, ${grayLevels(image.pixels)} different gray levels${byMagnitude}`;
  };
  const stages: ExperimentStage[] = [inputStage(experiment)];
  let source: string = imageTitle;
  if (experiment.kernel !== undefined) {
    source = `${imageTitle} after ${kernelTitleOf(experiment.kernel)}`;
    stages.push({ image: shown(filtered), mode: 'clamp', label: `Filtered image: ${source}, ${filtered.width}×${filtered.height} pixels, ${values(filtered)}.`, caption: `Filtered, ${sizeOf(filtered)}` });
  }
  const kind = experiment.pool === 'max' ? 'max' : 'average';
  stages.push({
    image: shown(pooled),
    mode: 'clamp',
    label: `Pooled image: ${source}, then 2 × 2 ${kind} pooling with stride 2: ${pooled.width}×${pooled.height} pixels, ${values(pooled)}.`,
    caption: `${experiment.pool === 'max' ? 'Max' : 'Average'} pooled, ${sizeOf(pooled)}`,
  });
  return { stages, output: pooled };
}

const UPSAMPLER_TITLES: Record<Upsampler, string> = { nearest: 'Nearest', bilinear: 'Bilinear', bicubic: 'Bicubic' };

/** The shrunk image and each upsampler's enlargement of it, with its PSNR in dB against the original, 0…255 pixels (Infinity where exact). */
function upsampleResponse(experiment: UpsampleResponseExperiment): { low: GrayImage; ups: Record<Upsampler, { image: GrayImage; db: number }> } {
  const { image } = EXERCISE_IMAGES[experiment.image];
  const low = downsample(image, experiment.scale);
  const ups = {} as Record<Upsampler, { image: GrayImage; db: number }>;
  for (const m of UPSAMPLERS) {
    const up = upsample(low, experiment.scale, m, [0, 255]);
    ups[m] = { image: up, db: psnr(up.pixels, image.pixels, 255) };
  }
  return { low, ups };
}

/** PSNR in dB of each upsampler against the original, 0…255 pixels (Infinity where it is exact). */
export function upsamplePsnr(experiment: UpsampleResponseExperiment): Record<Upsampler, number> {
  const { ups } = upsampleResponse(experiment);
  return Object.fromEntries(UPSAMPLERS.map((m) => [m, ups[m].db])) as Record<Upsampler, number>;
}

/** Input → shrunk by the scale (average pooling) → nearest, bilinear and bicubic back to full size, each with its PSNR. */
export function runUpsampleResponse(experiment: UpsampleResponseExperiment): ExperimentResult {
  const { title, image } = EXERCISE_IMAGES[experiment.image];
  const { low, ups } = upsampleResponse(experiment);
  const stages: ExperimentStage[] = [
    { image, mode: 'clamp', label: `Original: ${title}, ${image.width}×${image.height} pixels.`, caption: `Original, ${sizeOf(image)}` },
    { image: low, mode: 'clamp', label: `Shrunk by ${experiment.scale} with average pooling: ${low.width}×${low.height} pixels.`, caption: `Shrunk, ${sizeOf(low)}` },
  ];
  for (const method of UPSAMPLERS) {
    const { image: up, db } = ups[method];
    const text = Number.isFinite(db) ? `${db.toFixed(1)}\u00a0dB` : 'exact';
    stages.push({ image: up, mode: 'clamp', label: `${UPSAMPLER_TITLES[method]} upsampling back to ${up.width}×${up.height}: PSNR against the original ${text}.`, caption: `${UPSAMPLER_TITLES[method]}: ${text}`, ...(method !== UPSAMPLERS[0] ? { alternative: true } : {}) });
  }
  return { stages, output: ups.bicubic.image };
}

/** Runs any experiment. */
export function runExperiment(experiment: Experiment): ExperimentResult {
  if (experiment.name === 'filter-response') return runFilterResponse(experiment);
  return experiment.name === 'pool-response' ? runPoolResponse(experiment) : runUpsampleResponse(experiment);
}

/**
 * RGBA bytes for a canvas. 'clamp' maps values to 0–255 directly; 'abs-scaled' shows |v|,
 * with the strongest response (or 255, whichever is larger) as white.
 */
export function toRgba(image: GrayImage, mode: DisplayMode): Uint8ClampedArray<ArrayBuffer> {
  const n = image.width * image.height;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(n * 4));
  let scale = 1;
  if (mode === 'abs-scaled') {
    let max = 255;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(image.pixels[i]!));
    scale = 255 / max;
  }
  for (let i = 0; i < n; i++) {
    const v = image.pixels[i]!;
    const g = mode === 'clamp' ? v : Math.abs(v) * scale;
    rgba[4 * i] = g;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = g;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** The valid part of an output (the 1-pixel border, where zero padding acts, removed). */
export function cropBorder(image: GrayImage): GrayImage {
  const width = image.width - 2;
  const height = image.height - 2;
  const pixels = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = image.pixels[(y + 1) * image.width + x + 1]!;
  return { width, height, pixels };
}
