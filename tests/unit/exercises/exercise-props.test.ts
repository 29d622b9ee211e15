import { describe, expect, it } from 'vitest';
import { claimExerciseId, resolveExercise } from '../../../src/lib/exercises/exercise-props';
import { scanExercises } from '../../../src/lib/exercises/mdx-scan';

const base = { prompt: 'Q?', solution: 'Because.' };

describe('<Exercise> props', () => {
  it('resolves every kind', () => {
    expect(resolveExercise({ ...base, id: 'a', kind: 'numeric', answer: 9 })).toMatchObject({ kind: 'numeric', spec: { answer: 9, tolerance: 0, label: 'Your answer' } });
    expect(resolveExercise({ ...base, id: 'b', kind: 'multiple-choice', options: ['x', { label: 'y', kernel: [[0, 0, 0], [0, 1, 0], [0, 0, 0]] }], answer: 1 }))
      .toMatchObject({ spec: { answer: [1], multiple: false, options: [{ label: 'x' }, { label: 'y', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] }] } });
    expect(resolveExercise({ ...base, id: 'c', kind: 'grid', operation: 'maxpool2x2', input: [[1, 2], [3, 4]] })).toMatchObject({ spec: { expected: [[4]] } });
    expect(resolveExercise({ ...base, id: 'd', kind: 'filter-design', criterion: 'blur' })).toMatchObject({ initial: [0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(resolveExercise({ ...base, id: 'e', kind: 'predict', image: 'checkerboard', kernel: 'box-blur', options: ['p', 'q'], answer: 0 }))
      .toMatchObject({ spec: { experiment: { name: 'filter-response', image: 'checkerboard', kernel: 'box-blur' }, guess: { kind: 'choice', answer: 0 } } });
    expect(resolveExercise({ ...base, id: 'f', kind: 'predict', image: 'vertical-edge', kernel: 'sobel-vertical', pixel: [12, 5] }))
      .toMatchObject({ spec: { guess: { kind: 'number', answer: 1020, tolerance: 0, pixel: [12, 5] } } });
  });

  it.each([
    [{ id: 'x1', kind: 'numeric', answer: '9' }, /x1.*answer/s],
    [{ id: 'x2', kind: 'numeric', answer: 9, anwser: 9 }, /x2.*anwser/s],
    [{ id: 'x3', kind: 'multiple-choice', options: ['a', 'b'], answer: 2 }, /x3.*not an option index/],
    [{ id: 'x4', kind: 'grid', operation: 'conv3x3', input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] }, /x4.*needs a kernel/],
    [{ id: 'x5', kind: 'filter-design', criterion: 'diagonal-edges' }, /x5.*criterion/s],
    [{ id: 'x6', kind: 'numeric', answer: 766, hints: ['It is 766.'] }, /x6.*prints the answer/],
    [{ id: 'Bad Id', kind: 'numeric', answer: 1 }, /Bad Id.*kebab-case/s],
    [{ id: 'x7', kind: 'essay' }, /x7/],
    [{ id: 'x8', kind: 'predict', image: 'moon', kernel: 'box-blur', options: ['a', 'b'], answer: 0 }, /x8.*image/s],
    [{ id: 'x9', kind: 'predict', image: 'square', kernel: 'box-blur', options: ['a', 'b'], answer: 0, pixel: [1, 1] }, /x9.*not both/],
    [{ id: 'x10', kind: 'predict', image: 'square', kernel: 'box-blur', pixel: [30, 1] }, /x10.*outside/],
  ])('fails the build for %j', (props, message) => {
    expect(() => resolveExercise({ ...base, ...props })).toThrow(message);
  });

  it('passes the explanation and pictures on, and refuses an unknown picture', () => {
    const resolved = resolveExercise({
      ...base, id: 'pic', kind: 'multiple-choice', explanation: 'Because two numbers hold little.', pictures: ['ae-four-original'],
      options: [{ label: 'A', picture: 'ae-four-a' }, 'B'], answer: 0,
    });
    expect(resolved.explanation).toBe('Because two numbers hold little.');
    expect(resolved.pictures).toEqual([expect.objectContaining({ src: 'images/exercises/ae-four-original.png', caption: 'Original' })]);
    expect(resolved).toMatchObject({ spec: { options: [{ label: 'A', picture: { src: 'images/exercises/ae-four-a.png', width: 28 } }, { label: 'B' }] } });
    expect(resolveExercise({ ...base, id: 'none', kind: 'numeric', answer: 1 })).not.toHaveProperty('explanation');
    expect(() => resolveExercise({ ...base, id: 'bad-pic', kind: 'multiple-choice', options: [{ label: 'A', picture: 'moon' }, 'B'], answer: 0 })).toThrow(/bad-pic.*options\.0/s);
    expect(() => resolveExercise({ ...base, id: 'long', kind: 'numeric', answer: 1, explanation: 'x'.repeat(301) })).toThrow(/long.*explanation/s);
  });

  it('allows a hint that only mentions a number containing the answer’s digits', () => {
    expect(() => resolveExercise({ ...base, id: 'ok', kind: 'numeric', answer: 9, hints: ['A 3×3 filter has 3 rows.', 'Try 19 - 10? No.'] })).not.toThrow();
  });

  it('refuses a duplicate id on one page, not across pages', () => {
    const page = {};
    expect(claimExerciseId(page, 'same')).toBe(1);
    expect(() => claimExerciseId(page, 'same')).toThrow(/twice/);
    expect(claimExerciseId(page, 'other')).toBe(2);
    expect(() => claimExerciseId({}, 'same')).not.toThrow();
  });

  it('finds ids and prompts in MDX', () => {
    const mdx = `<Exercise id="one" kind="numeric" prompt="First?" answer={1} />\n\n<Exercise\n  id="two" kind="grid"\n  prompt="Second?" />`;
    expect(scanExercises(mdx)).toEqual([{ id: 'one', prompt: 'First?' }, { id: 'two', prompt: 'Second?' }]);
  });
});
