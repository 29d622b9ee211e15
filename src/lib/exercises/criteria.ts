/**
 * "Design a filter" criteria: each runs the reader's kernel on small synthetic test images and
 * measures what came out. Measurements use valid positions only (the 1-pixel border is skipped),
 * so zero padding at the image edge never counts as an edge.
 */
import { convolve3x3, type GrayImage, type Kernel3x3 } from '../math/conv2d';
import { formatNumber } from './parse-decimal';
import { flat, horizontalStep, noise, verticalStep } from './test-images';
import { darkLinesPooled } from './pooled-criterion';

export interface CriterionCheck {
  /** Short reader-facing name of the test, e.g. "Responds to horizontal edges". */
  readonly label: string;
  readonly passed: boolean;
  /** What was measured, in numbers, and what was needed. */
  readonly detail: string;
}

export interface TestRun {
  readonly title: string;
  readonly input: GrayImage;
  /** The reader's filter applied to `input` (unclamped). */
  readonly output: Float32Array;
  /** Where the criterion grades what comes after the filter (ReLU and max pooling): that map. */
  readonly pooled?: GrayImage;
  /** Caption for `output` when it is not the raw filter response (e.g. after ReLU). */
  readonly outputCaption?: string;
}

export interface CriterionReport {
  readonly passed: boolean;
  readonly checks: readonly CriterionCheck[];
  readonly runs: readonly TestRun[];
}

export interface Criterion {
  /** Reader-facing goal, shown with the exercise. */
  readonly goal: string;
  evaluate(kernel: Kernel3x3): CriterionReport;
}

/** Largest |value| over the valid (non-border) positions. */
export function maxAbsInterior(values: ArrayLike<number>, width: number, height: number): number {
  let max = 0;
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) max = Math.max(max, Math.abs(values[y * width + x]!));
  return max;
}

/** Standard deviation over the valid (non-border) positions. */
export function stdInterior(values: ArrayLike<number>, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const v = values[y * width + x]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

function run(title: string, input: GrayImage, kernel: Kernel3x3): TestRun {
  return { title, input, output: convolve3x3(input, kernel) };
}

/** Edge strength needed: half of the 0 → 255 step in the test images. */
const MIN_EDGE_RESPONSE = 128;
/** Response to the other direction, as a fraction of the wanted one. */
const MAX_CROSS_RATIO = 0.25;
/** Response to a flat gray image, as a fraction of the wanted edge response. */
const MAX_FLAT_RATIO = 0.1;

function edgeCriterion(direction: 'horizontal' | 'vertical'): Criterion {
  const other = direction === 'horizontal' ? 'vertical' : 'horizontal';
  const wantedImage = direction === 'horizontal' ? horizontalStep : verticalStep;
  const otherImage = direction === 'horizontal' ? verticalStep : horizontalStep;
  return {
    goal: `Make ${direction} edges bright and leave ${other} edges and flat areas dark.`,
    evaluate(kernel) {
      const wanted = run(`A ${direction} edge`, wantedImage(), kernel);
      const crossed = run(`A ${other} edge`, otherImage(), kernel);
      const plain = run('A flat gray image', flat(), kernel);
      const size = wanted.input.width;
      const strength = maxAbsInterior(wanted.output, size, size);
      const cross = maxAbsInterior(crossed.output, size, size);
      const flatResponse = maxAbsInterior(plain.output, size, size);
      const reference = Math.max(strength, MIN_EDGE_RESPONSE);
      const checks: CriterionCheck[] = [
        {
          label: `Responds to ${direction} edges`,
          passed: strength >= MIN_EDGE_RESPONSE,
          detail: `Strongest response on the ${direction} edge (a step from 0 to 255): ${formatNumber(strength)}. Needed: at least ${MIN_EDGE_RESPONSE}.`,
        },
        {
          label: `Ignores ${other} edges`,
          passed: cross <= MAX_CROSS_RATIO * reference,
          detail: `Strongest response on the ${other} edge: ${formatNumber(cross)}, which is ${Math.round((100 * cross) / reference)}% of the ${direction}-edge response. Needed: at most ${MAX_CROSS_RATIO * 100}%.`,
        },
        {
          label: 'Ignores flat areas',
          passed: flatResponse <= MAX_FLAT_RATIO * reference,
          detail: `Response on a flat gray image (every pixel 128): ${formatNumber(flatResponse)}. Needed: at most ${formatNumber(MAX_FLAT_RATIO * reference)}, ${MAX_FLAT_RATIO * 100}% of the edge response.`,
        },
      ];
      return { passed: checks.every((c) => c.passed), checks, runs: [wanted, crossed, plain] };
    },
  };
}

/** Output noise must shrink at least this much (a 3×3 box blur reaches about 0.33). */
const MAX_NOISE_RATIO = 0.6;
const SUM_TOLERANCE = 0.02;

const blur: Criterion = {
  goal: 'Smooth away noise without making the image brighter or darker.',
  evaluate(kernel) {
    const gray = run('A flat gray image', flat(), kernel);
    const noisy = run('Gray noise', noise(), kernel);
    const sum = kernel.reduce((a, b) => a + b, 0);
    const smallest = Math.min(...kernel);
    const size = noisy.input.width;
    const ratio = stdInterior(noisy.output, size, size) / stdInterior(noisy.input.pixels, size, size);
    const grayOut = gray.output[(size / 2) * size + size / 2]!;
    const checks: CriterionCheck[] = [
      {
        label: 'Keeps the brightness',
        passed: Math.abs(sum - 1) <= SUM_TOLERANCE,
        detail: `A flat gray image of 128 came out as ${formatNumber(grayOut)}; the nine values add up to ${formatNumber(sum)}. Needed: the same 128 (a sum of 1 ± ${SUM_TOLERANCE}).`,
      },
      {
        label: 'No negative values',
        passed: smallest >= 0,
        detail: `Smallest value in your filter: ${formatNumber(smallest)}. Needed: 0 or more, or edges get dark and bright halos.`,
      },
      {
        label: 'Smooths noise',
        passed: ratio <= MAX_NOISE_RATIO,
        detail: `The noise (standard deviation of the pixels) kept ${Math.round(ratio * 100)}% of its strength. Needed: at most ${MAX_NOISE_RATIO * 100}%.`,
      },
    ];
    return { passed: checks.every((c) => c.passed), checks, runs: [noisy, gray] };
  },
};

export const CRITERIA = {
  'horizontal-edges': edgeCriterion('horizontal'),
  'vertical-edges': edgeCriterion('vertical'),
  blur,
  'dark-lines-pooled': darkLinesPooled,
} as const satisfies Record<string, Criterion>;

export type CriterionName = keyof typeof CRITERIA;
export const CRITERION_NAMES = Object.keys(CRITERIA) as CriterionName[];
