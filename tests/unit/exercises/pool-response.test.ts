/**
 * The "pool-response" experiment of "predict, then run": answers computed at build time must equal
 * a hand calculation on the named test images, sizes must follow ⌊(n − 2) / 2⌋ + 1, and bad props
 * must fail the build with a message naming the exercise.
 */
import { describe, expect, it } from 'vitest';
import { experimentOutputWidth, experimentPixel, runExperiment, runPoolResponse } from '../../../src/lib/exercises/experiments';
import { resolveExercise } from '../../../src/lib/exercises/exercise-props';
import { gradePredict } from '../../../src/lib/exercises/grading';
import type { PoolResponseExperiment, PredictSpec } from '../../../src/lib/exercises/types';

/** Captions keep a size on one line. */
const nbsp = (caption: string): string => caption.replace(/ × /g, '\u00a0×\u00a0');
const base = { prompt: 'Q?', solution: 'Because.', kind: 'predict' };
const lines = (pool: 'max' | 'avg'): PoolResponseExperiment => ({ name: 'pool-response', image: 'vertical-lines', pool });
const edgeMap = (pool: 'max' | 'avg'): PoolResponseExperiment => ({ name: 'pool-response', image: 'vertical-edge', kernel: 'sobel-vertical', pool });

describe('pool-response: computed answers equal a hand calculation', () => {
  // "vertical-lines" is 24×24 with a 255 line in every column x where x mod 6 = 2 (2, 8, 14, 20).
  it('thin lines: the pooled pixel over a line, max and average', () => {
    // Pooled column 1 covers input columns 2 and 3: one line pixel and one dark pixel in each of two rows.
    expect(experimentPixel(lines('max'), 1, 0)).toBe(255);
    expect(experimentPixel(lines('avg'), 1, 0)).toBe((255 + 0 + 255 + 0) / 4);
    // Pooled column 0 covers columns 0 and 1: no line there.
    expect(experimentPixel(lines('max'), 0, 5)).toBe(0);
  });

  it('edge map: Sobel of a vertical step, then pooled', () => {
    // The step is between columns 11 (0) and 12 (255). Sobel-vertical, away from the top and bottom
    // rows, gives (1 + 2 + 1) × 255 = 1020 at columns 11 and 12 and 0 elsewhere inside the image.
    // Pooled column 5 covers columns 10 and 11: two 0s and two 1020s.
    expect(experimentPixel(edgeMap('max'), 5, 6)).toBeCloseTo(1020, 6);
    expect(experimentPixel(edgeMap('avg'), 5, 6)).toBeCloseTo((0 + 1020 + 0 + 1020) / 4, 6);
    expect(experimentPixel(edgeMap('avg'), 6, 6)).toBeCloseTo(510, 6);
    expect(experimentPixel(edgeMap('max'), 3, 6)).toBeCloseTo(0, 6);
  });

  it('throws for a pixel outside the pooled image', () => {
    expect(() => experimentPixel(lines('max'), 12, 0)).toThrow(/outside the 12×12 pooled image/);
    expect(experimentPixel(lines('max'), 11, 11)).toBe(0);
  });

  it('pooled output size is ⌊(24 − 2) / 2⌋ + 1 = 12, with or without a filter; a filter alone keeps 24', () => {
    expect(experimentOutputWidth(lines('max'))).toBe(12);
    expect(experimentOutputWidth(edgeMap('avg'))).toBe(12);
    expect(experimentOutputWidth({ name: 'filter-response', image: 'square', kernel: 'box-blur' })).toBe(24);
    const { output } = runPoolResponse(edgeMap('max'));
    expect([output.width, output.height]).toEqual([12, 12]);
  });
});

describe('pool-response: what Run shows', () => {
  it('input → filtered → pooled, with sizes in captions and telling labels', () => {
    const result = runExperiment(edgeMap('max'));
    expect(result.stages.map((s) => s.caption)).toEqual(['Input, 24 × 24', 'Filtered, 24 × 24', 'Max pooled, 12 × 12'].map(nbsp));
    expect(result.stages.map((s) => s.image.width)).toEqual([24, 24, 12]);
    expect(result.stages[2]!.label).toMatch(/^Pooled image: a vertical edge .* after a Sobel filter for vertical edges, then 2 × 2 max pooling with stride 2: 12×12 pixels, values from 0 to 1020/);
  });

  it('without a filter there are two stages: input → pooled', () => {
    const result = runExperiment(lines('avg'));
    expect(result.stages.map((s) => s.caption)).toEqual(['Input, 24 × 24', 'Average pooled, 12 × 12'].map(nbsp));
    expect(result.stages[1]!.label).toContain('average pooling');
    expect(result.stages[1]!.label).toContain('values from 0 to 127.5');
  });

  it('pooled and filtered images share one brightness scale: max keeps the edge white, average dims it', () => {
    const brightest = (pool: 'max' | 'avg'): number => Math.max(...Array.from(runPoolResponse(edgeMap(pool)).stages[2]!.image.pixels));
    expect(Math.max(...Array.from(runPoolResponse(edgeMap('max')).stages[1]!.image.pixels))).toBeCloseTo(255, 3);
    expect(brightest('max')).toBeCloseTo(255, 3);
    expect(brightest('avg')).toBeCloseTo(127.5, 3);
  });

  it('filter-response runs as before: input and filtered image, same size', () => {
    const result = runExperiment({ name: 'filter-response', image: 'checkerboard', kernel: 'box-blur' });
    expect(result.stages.map((s) => s.caption)).toEqual(['Input image', 'Filtered image']);
    expect(result.stages[1]!.label).toMatch(/^Filtered image: a checkerboard .* after a 3×3 box blur\. Values from 0 to 255/);
    expect(result.output.width).toBe(24);
  });
});

describe('pool-response props', () => {
  it('resolves a choice, a pooled pixel and an output size', () => {
    expect(resolveExercise({ ...base, id: 'a', experiment: 'pool-response', image: 'vertical-lines', pool: 'max', options: ['x', 'y'], answer: 1 }))
      .toMatchObject({ spec: { experiment: { name: 'pool-response', image: 'vertical-lines', pool: 'max' }, guess: { kind: 'choice', answer: 1 } } });
    const pixel = resolveExercise({ ...base, id: 'b', experiment: 'pool-response', image: 'vertical-edge', kernel: 'sobel-vertical', pool: 'avg', pixel: [5, 6] });
    expect(pixel).toMatchObject({ spec: { experiment: { kernel: 'sobel-vertical' }, guess: { kind: 'number', pixel: [5, 6], tolerance: 0 } } });
    expect(pixel.kind === 'predict' && pixel.spec.guess.kind === 'number' && pixel.spec.guess.answer).toBeCloseTo(510, 6);
    expect(resolveExercise({ ...base, id: 'c', experiment: 'pool-response', image: 'square', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0], pool: 'max', outputSize: true, label: 'Width' }))
      .toMatchObject({ spec: { experiment: { kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] }, guess: { kind: 'size', answer: 12, label: 'Width' } } });
  });

  it('leaves filter-response exercises as they were (experiment may be left out)', () => {
    const props = { ...base, id: 'd', image: 'checkerboard', kernel: 'box-blur', options: ['p', 'q'], answer: 0 };
    const expected = { spec: { experiment: { name: 'filter-response', image: 'checkerboard', kernel: 'box-blur' }, guess: { kind: 'choice', answer: 0 } } };
    expect(resolveExercise(props)).toMatchObject(expected);
    expect(resolveExercise({ ...props, experiment: 'filter-response' })).toMatchObject(expected);
  });

  it.each([
    [{ id: 'p1', experiment: 'pool-response', image: 'square', pool: 'min', options: ['a', 'b'], answer: 0 }, /p1.*pool/s],
    [{ id: 'p2', experiment: 'pool-response', image: 'square', options: ['a', 'b'], answer: 0 }, /p2.*pool/s],
    [{ id: 'p3', experiment: 'pool-party', image: 'square', kernel: 'box-blur', options: ['a', 'b'], answer: 0 }, /p3.*experiment/s],
    [{ id: 'p4', experiment: 'pool-response', image: 'square', pool: 'max', pixel: [12, 0] }, /p4.*outside the 12×12 pooled image/],
    [{ id: 'p5', experiment: 'pool-response', image: 'square', pool: 'max', outputSize: true, options: ['a', 'b'], answer: 0 }, /p5.*one way to predict/],
    [{ id: 'p6', experiment: 'pool-response', image: 'square', pool: 'max' }, /p6.*outputSize/],
    [{ id: 'p7', image: 'square', kernel: 'box-blur', outputSize: true }, /p7.*outputSize/s],
    [{ id: 'p8', experiment: 'pool-response', image: 'square', pool: 'max', kernel: 'emboss', outputSize: true }, /p8.*kernel/s],
    [{ id: 'p9', experiment: 'pool-response', image: 'square', pool: 'max', window: 3, outputSize: true }, /p9.*window/s],
    [{ id: 'p10', experiment: 'pool-response', image: 'square', pool: 'max', options: ['a', 'b'], answer: 2 }, /p10.*not an option index/],
  ])('fails the build for %j', (props, message) => {
    expect(() => resolveExercise({ ...base, ...props })).toThrow(message);
  });
});

describe('grading a size prediction', () => {
  const spec: PredictSpec = { experiment: lines('max'), guess: { kind: 'size', answer: 12, label: 'Width' } };
  it('is exact: one pixel off is wrong, the computed width is right', () => {
    expect(gradePredict(spec, '12').status).toBe('correct');
    expect(gradePredict(spec, '11').status).toBe('incorrect');
    expect(gradePredict(spec, '24')).toMatchObject({ status: 'incorrect', message: expect.stringContaining('too high') });
    expect(gradePredict(spec, 'twelve').status).toBe('invalid');
  });
});
