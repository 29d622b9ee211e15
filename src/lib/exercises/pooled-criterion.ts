/**
 * Lesson 3's "design a filter" criterion: the reader's filter runs as it would inside a network,
 * convolution → ReLU → 2×2 max pooling, and is graded on the pooled map. It must find a thin dark
 * line (a pen stroke) and report it in the pooled pixel that covers the line and nowhere else, so
 * that moving the line by one pixel inside its pooling block changes nothing, while horizontal
 * lines and flat areas stay dark. The border where the filter overhangs the image is cut off
 * before pooling, so zero padding never counts.
 */
import { convolve3x3, type GrayImage, type Kernel3x3 } from '../math/conv2d';
import { pool2d } from '../math/pooling';
import { cropBorder } from './experiments';
import { formatNumber } from './parse-decimal';
import { darkHorizontalLine, darkVerticalLine, flat } from './test-images';
import type { Criterion, CriterionCheck, TestRun } from './criteria';

/** The pooled pixel over the line must reach this (half of a 0 → 255 step). */
const MIN_LINE_RESPONSE = 128;
/** Pooled pixels away from the line, and horizontal lines, as a fraction of the line's response. */
const MAX_ELSEWHERE_RATIO = 0.25;
const MAX_FLAT_RATIO = 0.1;
/** How much the pooled map may change when the line moves one pixel inside its block. */
const MAX_SHIFT_RATIO = 0.1;

/** Columns 7 and 8 of the 16-pixel image are columns 6 and 7 once the border is cut: one 2×2 pooling block, pooled column 3. */
const LINE_COLUMNS = [7, 8] as const;
const POOLED_LINE_COLUMN = 3;

/** Filter, ReLU, cut the border, 2×2 max pooling with stride 2. */
export function convReluPool(input: GrayImage, kernel: Kernel3x3): { rectified: Float32Array; pooled: GrayImage & { pixels: Float32Array } } {
  const rectified = convolve3x3(input, kernel).map((v) => Math.max(0, v));
  const valid = cropBorder({ width: input.width, height: input.height, pixels: rectified });
  return { rectified, pooled: pool2d(valid, { mode: 'max', window: 2, stride: 2 }) };
}

/** A test run as the report shows it: the input, the filter's output after ReLU (what pooling sees), the pooled map. */
function pooledRun(title: string, input: GrayImage, kernel: Kernel3x3): TestRun & { pooled: GrayImage & { pixels: Float32Array } } {
  const { rectified, pooled } = convReluPool(input, kernel);
  return { title, input, output: rectified, outputCaption: 'After ReLU', pooled };
}

/** Smallest pooled value in `column`, and the largest in every other column. */
function lineAndElsewhere(pooled: GrayImage): { line: number; elsewhere: number } {
  let line = Infinity;
  let elsewhere = 0;
  for (let y = 0; y < pooled.height; y++) {
    for (let x = 0; x < pooled.width; x++) {
      const v = pooled.pixels[y * pooled.width + x]!;
      if (x === POOLED_LINE_COLUMN) line = Math.min(line, v);
      else elsewhere = Math.max(elsewhere, v);
    }
  }
  return { line, elsewhere };
}

const maxOf = (values: ArrayLike<number>): number => Math.max(0, ...Array.from(values));

export const darkLinesPooled: Criterion = {
  goal: 'Find thin dark vertical lines, like pen strokes on white paper. Your filter’s output goes through ReLU and 2×2 max pooling, as inside a network: the pooled map must light up over the line and nowhere else, whichever of the two columns of its pooling block the line is in, and stay dark for horizontal lines and flat areas.',
  evaluate(kernel) {
    const [left, right] = LINE_COLUMNS.map((c, i) => pooledRun(i === 0 ? 'A dark vertical line' : 'The same line, one pixel to the right', darkVerticalLine(c), kernel)) as [ReturnType<typeof pooledRun>, ReturnType<typeof pooledRun>];
    const across = pooledRun('A dark horizontal line', darkHorizontalLine(7), kernel);
    const plain = pooledRun('A flat gray image', flat(), kernel);
    const [a, b] = [lineAndElsewhere(left.pooled), lineAndElsewhere(right.pooled)];
    const strength = Math.min(a.line, b.line);
    const reference = Math.max(strength, MIN_LINE_RESPONSE);
    const elsewhere = Math.max(a.elsewhere, b.elsewhere);
    const acrossPeak = maxOf(across.pooled.pixels);
    const flatPeak = maxOf(plain.pooled.pixels);
    const shift = maxOf(left.pooled.pixels.map((v, i) => Math.abs(v - right.pooled.pixels[i]!)));
    const pct = (x: number): string => `${Math.round((100 * x) / reference)}%`;
    const checks: CriterionCheck[] = [
      {
        label: 'Lights up over the line',
        passed: strength >= MIN_LINE_RESPONSE,
        detail: `Weakest pooled value over the line, in either position: ${formatNumber(strength)}. Needed: at least ${MIN_LINE_RESPONSE}. (ReLU turns every negative response into 0.)`,
      },
      {
        label: 'Dark beside the line',
        passed: elsewhere <= MAX_ELSEWHERE_RATIO * reference,
        detail: `Strongest pooled value away from the line: ${formatNumber(elsewhere)}, ${pct(elsewhere)} of the line's. Needed: at most ${MAX_ELSEWHERE_RATIO * 100}%.`,
      },
      {
        label: 'Same map after a one-pixel shift',
        passed: shift <= MAX_SHIFT_RATIO * reference,
        detail: `Largest change in the pooled map when the line moves from column ${LINE_COLUMNS[0] + 1} to ${LINE_COLUMNS[1] + 1}: ${formatNumber(shift)}, ${pct(shift)} of the line's response. Needed: at most ${MAX_SHIFT_RATIO * 100}%.`,
      },
      {
        label: 'Ignores horizontal lines',
        passed: acrossPeak <= MAX_ELSEWHERE_RATIO * reference,
        detail: `Strongest pooled value for a dark horizontal line: ${formatNumber(acrossPeak)}, ${pct(acrossPeak)} of the vertical line's. Needed: at most ${MAX_ELSEWHERE_RATIO * 100}%.`,
      },
      {
        label: 'Ignores flat areas',
        passed: flatPeak <= MAX_FLAT_RATIO * reference,
        detail: `Strongest pooled value for a flat gray image (every pixel 128): ${formatNumber(flatPeak)}. Needed: at most ${formatNumber(MAX_FLAT_RATIO * reference)}, ${MAX_FLAT_RATIO * 100}% of the line's response.`,
      },
    ];
    return { passed: checks.every((c) => c.passed), checks, runs: [left, right, across, plain] };
  },
};
