import { describe, expect, it } from 'vitest';
import { gradeFilterDesign, gradeGrid, gradeMultipleChoice, gradeNumeric, gradePredict } from '../../../src/lib/exercises/grading';
import { parseDecimal } from '../../../src/lib/exercises/parse-decimal';
import { computeGrid } from '../../../src/lib/exercises/grid-ops';
import { experimentPixel } from '../../../src/lib/exercises/experiments';
import { solutionAccess, nextHintCount } from '../../../src/lib/exercises/attempt-policy';
import type { MultipleChoiceSpec, NumericSpec, PredictSpec } from '../../../src/lib/exercises/types';

describe('parseDecimal', () => {
  it.each([
    ['9', 9], [' -4 ', -4], ['\u22124', -4], ['0.25', 0.25], ['.5', 0.5], ['2e-1', 0.2], ['+3', 3], ['-0', 0], ['5.', 5],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toEqual({ ok: true, value });
  });
  it.each(['', '   ', '1abc', '0x10', '--1', 'NaN', 'Infinity', '1e309', '１', '1,5', '1 2', 'e5', '.', '1/9', '9'.repeat(41)])('refuses %j', (text) => {
    const parsed = parseDecimal(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(5);
  });
  it('refuses ten megabytes without scanning it', () => {
    const started = performance.now();
    expect(parseDecimal('1'.repeat(10_000_000)).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('multiple choice', () => {
  const single: MultipleChoiceSpec = { options: [{ label: 'a' }, { label: 'b' }, { label: 'c' }], answer: [1], multiple: false, feedback: ['A blurs.', '', ''] };
  const multi: MultipleChoiceSpec = { options: [{ label: 'a' }, { label: 'b' }, { label: 'c' }, { label: 'd' }], answer: [0, 2], multiple: true };
  it('grades a single answer', () => {
    expect(gradeMultipleChoice(single, [1]).status).toBe('correct');
    const wrong = gradeMultipleChoice(single, [0]);
    expect(wrong.status).toBe('incorrect');
    expect(wrong.message).toContain('A blurs.');
    expect(gradeMultipleChoice(single, []).status).toBe('invalid');
    expect(gradeMultipleChoice(single, [7]).status).toBe('invalid');
  });
  it('needs every right option and no wrong one', () => {
    expect(gradeMultipleChoice(multi, [2, 0]).status).toBe('correct');
    expect(gradeMultipleChoice(multi, [0]).message).toMatch(/missing/);
    expect(gradeMultipleChoice(multi, [0, 2, 3]).message).toMatch(/one of your picks is wrong/);
  });
  it('never names the right option', () => {
    for (const pick of [[0], [1], [3], [0, 1]]) expect(gradeMultipleChoice(multi, pick).message).not.toMatch(/\b(a|c)\b/);
  });
});

describe('numeric', () => {
  const spec: NumericSpec = { answer: 9, tolerance: 0, label: 'Pixels' };
  const loose: NumericSpec = { answer: -4.5, tolerance: 0.5, label: 'Value' };
  it('grades exact answers', () => {
    expect(gradeNumeric(spec, '9').status).toBe('correct');
    expect(gradeNumeric(spec, '9.0').status).toBe('correct');
    expect(gradeNumeric(spec, '8').message).toMatch(/too low/);
    expect(gradeNumeric(spec, '10').message).toMatch(/too high/);
  });
  it('accepts the tolerance edges and nothing beyond', () => {
    expect(gradeNumeric(loose, '-4').status).toBe('correct');
    expect(gradeNumeric(loose, '-5').status).toBe('correct');
    expect(gradeNumeric(loose, '-3.99').status).toBe('incorrect');
    expect(gradeNumeric(loose, '-5.01').status).toBe('incorrect');
  });
  it('refuses malformed input instead of grading another number', () => {
    for (const text of ['', '9abc', '0x9', '９']) expect(gradeNumeric(spec, text).status).toBe('invalid');
  });
  it('never prints the answer', () => {
    expect(gradeNumeric(spec, '8').message).not.toContain('9');
  });
});

describe('grid', () => {
  const input = [[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]];
  const kernel = [0, 1, 0, 1, -4, 1, 0, 1, 0] as const;
  const expected = computeGrid('conv3x3', input, kernel);
  it('computes conv3x3 at valid positions with convolvePixel', () => {
    // By hand: output (1,0) sits on input (row 2, col 1) = 0: up 1 + left 3 + right 1 + down 3 − 4·0 = 8.
    expect(expected).toEqual([[0, 0], [8, 0]]);
    expect(computeGrid('maxpool2x2', input)).toEqual([[2, 3], [3, 2]]);
    expect(computeGrid('avgpool2x2', input)).toEqual([[1, 2], [2, 1]]);
  });
  it('refuses bad shapes', () => {
    expect(() => computeGrid('conv3x3', [[1, 2], [3, 4]], kernel)).toThrow(/at least 3×3/);
    expect(() => computeGrid('maxpool2x2', [[1, 2, 3]])).toThrow(/even/);
    expect(() => computeGrid('conv3x3', [[1, 2, 3], [1, 2], [1, 2, 3]], kernel)).toThrow(/rectangular/);
    expect(() => computeGrid('conv3x3', input)).toThrow(/kernel/);
  });
  it('marks each cell', () => {
    const spec = { expected, tolerance: 0 };
    expect(gradeGrid(spec, [['0', '0'], ['8', '0']]).status).toBe('correct');
    const partly = gradeGrid(spec, [['0', '5'], ['8', '1']]);
    expect(partly.status).toBe('incorrect');
    expect(partly.cells).toEqual([['correct', 'incorrect'], ['correct', 'incorrect']]);
    expect(partly.message).toBe('2 of 4 cells are right. The wrong ones are marked.');
    const unreadable = gradeGrid(spec, [['0', ''], ['8x', '0']]);
    expect(unreadable.status).toBe('invalid');
    expect(unreadable.reasons[0]?.[1]).toMatch(/Type a number/);
  });
});

describe('filter design', () => {
  const cells = (k: readonly number[]): string[] => k.map(String);
  it('accepts Sobel for horizontal edges and rejects identity and vertical Sobel', () => {
    expect(gradeFilterDesign({ criterion: 'horizontal-edges' }, cells([-1, -2, -1, 0, 0, 0, 1, 2, 1])).status).toBe('correct');
    expect(gradeFilterDesign({ criterion: 'horizontal-edges' }, cells([1, 1, 1, 0, 0, 0, -1, -1, -1])).status).toBe('correct');
    const identity = gradeFilterDesign({ criterion: 'horizontal-edges' }, cells([0, 0, 0, 0, 1, 0, 0, 0, 0]));
    expect(identity.status).toBe('incorrect');
    expect(identity.report?.checks.map((c) => c.passed)).toEqual([true, false, false]);
    const vertical = gradeFilterDesign({ criterion: 'horizontal-edges' }, cells([-1, 0, 1, -2, 0, 2, -1, 0, 1]));
    expect(vertical.report?.checks[0]?.passed).toBe(false);
    expect(vertical.report?.checks[0]?.detail).toMatch(/: 0\. Needed: at least 128/);
  });
  it('mirrors for vertical edges', () => {
    expect(gradeFilterDesign({ criterion: 'vertical-edges' }, cells([-1, 0, 1, -2, 0, 2, -1, 0, 1])).status).toBe('correct');
    expect(gradeFilterDesign({ criterion: 'vertical-edges' }, cells([-1, -2, -1, 0, 0, 0, 1, 2, 1])).status).toBe('incorrect');
  });
  it('grades blur filters', () => {
    const n = 1 / 9;
    expect(gradeFilterDesign({ criterion: 'blur' }, cells([n, n, n, n, n, n, n, n, n])).status).toBe('correct');
    expect(gradeFilterDesign({ criterion: 'blur' }, cells([1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16))).status).toBe('correct');
    const identity = gradeFilterDesign({ criterion: 'blur' }, cells([0, 0, 0, 0, 1, 0, 0, 0, 0]));
    expect(identity.report?.checks.map((c) => c.passed)).toEqual([true, true, false]);
    const sharpen = gradeFilterDesign({ criterion: 'blur' }, cells([0, -1, 0, -1, 5, -1, 0, -1, 0]));
    expect(sharpen.report?.checks[1]?.passed).toBe(false);
    const bright = gradeFilterDesign({ criterion: 'blur' }, cells([1, 1, 1, 1, 1, 1, 1, 1, 1]));
    expect(bright.report?.checks[0]?.passed).toBe(false);
  });
  it('grades a dark-line finder on its map after ReLU and 2×2 max pooling', () => {
    const grade = (k: readonly number[]) => gradeFilterDesign({ criterion: 'dark-lines-pooled' }, cells(k));
    const passes = (k: readonly number[]) => grade(k).report?.checks.map((c) => c.passed);
    // The bright-line filter of lesson 2, sign flipped: bright over a dark line, negative beside it.
    expect(grade([1, -2, 1, 1, -2, 1, 1, -2, 1]).status).toBe('correct');
    expect(grade([0, 0, 0, 1, -2, 1, 0, 0, 0]).status).toBe('correct');
    // Unflipped, ReLU erases its response over the line and keeps the halos beside it, which
    // spill into the neighbouring pooling blocks (one of them shares the line's block).
    expect(passes([-1, 2, -1, -1, 2, -1, -1, 2, -1])).toEqual([true, false, false, true, true]);
    // A vertical edge filter answers beside the line, in a pooling block that depends on where the line is.
    expect(passes([-1, 0, 1, -2, 0, 2, -1, 0, 1])).toEqual([false, false, false, true, true]);
    // A spot detector also fires on horizontal lines; a filter whose values do not sum to 0 lights
    // up the white paper and flat areas as well.
    expect(passes([1, 1, 1, 1, -8, 1, 1, 1, 1])).toEqual([true, true, true, false, true]);
    expect(passes([1, -1, 1, 1, -1, 1, 1, -1, 1])).toEqual([true, false, true, false, false]);
    // The grade is on the pooled map, and the report shows it for every test image.
    const report = grade([1, -2, 1, 1, -2, 1, 1, -2, 1]).report!;
    expect(report.runs.map((r) => [r.pooled?.width, r.pooled?.height])).toEqual([[7, 7], [7, 7], [7, 7], [7, 7]]);
    expect(Array.from(report.runs[0]!.pooled!.pixels)).toEqual(Array.from(report.runs[1]!.pooled!.pixels));
  });
  it('refuses unreadable cells without testing', () => {
    const grade = gradeFilterDesign({ criterion: 'blur' }, ['1', '', '0x1', '0', '0', '0', '0', '0', '0']);
    expect(grade.status).toBe('invalid');
    expect(grade.report).toBeUndefined();
    expect(grade.cellErrors.filter((e) => e !== null)).toHaveLength(2);
  });
});

describe('predict', () => {
  const experiment = { name: 'filter-response', image: 'checkerboard', kernel: 'box-blur' } as const;
  const choice: PredictSpec = { experiment, guess: { kind: 'choice', options: [{ label: 'x' }, { label: 'y' }], answer: 1 } };
  const number: PredictSpec = { experiment, guess: { kind: 'number', answer: 85, tolerance: 5, label: 'Value', pixel: [3, 3] } };
  it('grades a committed choice', () => {
    expect(gradePredict(choice, 1).status).toBe('correct');
    expect(gradePredict(choice, 0).status).toBe('incorrect');
    expect(gradePredict(choice, null).status).toBe('invalid');
    expect(gradePredict(choice, 5).status).toBe('invalid');
  });
  it('grades a committed number with tolerance', () => {
    expect(gradePredict(number, '85').status).toBe('correct');
    expect(gradePredict(number, '90').status).toBe('correct');
    expect(gradePredict(number, '91').message).toMatch(/too high/);
    expect(gradePredict(number, '0x55').status).toBe('invalid');
    expect(gradePredict(number, null).status).toBe('invalid');
  });
  it('computes a pixel of the experiment like the reference convolution', () => {
    // Checkerboard of 4-pixel squares starting black at (0,0): pixel (3,3) sees columns 2–4 and rows 2–4,
    // where only (4,2), (4,3), (2,4), (3,4) are white… and (4,4) is black again: 4 × 255 / 9.
    expect(experimentPixel(experiment, 3, 3)).toBeCloseTo((4 * 255) / 9, 6);
    expect(() => experimentPixel(experiment, 24, 0)).toThrow(/outside/);
  });
});

describe('attempt policy', () => {
  it('offers the solution after 2 attempts and shows it after 3 failures', () => {
    expect([0, 1, 2, 3, 4].map((n) => solutionAccess(n, false))).toEqual(['locked', 'locked', 'offered', 'shown', 'shown']);
    expect(solutionAccess(1, true)).toBe('offered');
    expect(nextHintCount(0, 2)).toBe(1);
    expect(nextHintCount(2, 2)).toBe(2);
  });
});
