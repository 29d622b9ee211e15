/** "Predict, then run" experiments: what the Run button computes and shows. */
import { convolve3x3, convolvePixel, type GrayImage, type Kernel3x3 } from '../math/conv2d';
import { EXERCISE_IMAGES } from './test-images';
import { EXERCISE_KERNELS } from './kernels';
import type { FilterResponseExperiment } from './types';

export type DisplayMode = 'clamp' | 'abs-scaled';

export interface ExperimentResult {
  readonly input: GrayImage;
  readonly output: GrayImage;
  readonly mode: DisplayMode;
  readonly inputLabel: string;
  readonly outputLabel: string;
}

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

function kernelOf(experiment: FilterResponseExperiment): Kernel3x3 {
  return typeof experiment.kernel === 'string' ? EXERCISE_KERNELS[experiment.kernel].kernel : experiment.kernel;
}

/** One output pixel of the experiment (column x, row y); throws outside the image. */
export function experimentPixel(experiment: FilterResponseExperiment, x: number, y: number): number {
  const { image } = EXERCISE_IMAGES[experiment.image];
  if (x >= image.width || y >= image.height) throw new Error(`pixel [${x}, ${y}] is outside the ${image.width}×${image.height} image`);
  return convolvePixel(image, kernelOf(experiment), x, y);
}

export function runFilterResponse(experiment: FilterResponseExperiment): ExperimentResult {
  const { title: imageTitle, image } = EXERCISE_IMAGES[experiment.image];
  const kernel = kernelOf(experiment);
  const kernelTitle = typeof experiment.kernel === 'string' ? EXERCISE_KERNELS[experiment.kernel].title : 'the given filter';
  const pixels = convolve3x3(image, kernel);
  const mode = displayModeFor(kernel);
  let min = Infinity;
  let max = -Infinity;
  for (const v of pixels) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const size = `${image.width}×${image.height} pixels`;
  return {
    input: image,
    output: { width: image.width, height: image.height, pixels },
    mode,
    inputLabel: `Input image: ${imageTitle}, ${size}, ${grayLevels(image.pixels)} gray levels.`,
    outputLabel: `Filtered image: ${imageTitle} after ${kernelTitle}. Values from ${Math.round(min)} to ${Math.round(max)}, ${grayLevels(pixels)} different gray levels${mode === 'abs-scaled' ? ', shown as brightness of the absolute value' : ''}.`,
  };
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
