import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerFileOf } from '../../../src/lib/exercises/answer-file';
import { questionOf } from '../../../src/lib/exercises/answer-keys';
import { resolveExercise } from '../../../src/lib/exercises/exercise-props';
import { exerciseTagProps } from '../../../src/lib/exercises/mdx-props';

const LESSONS = 'content/lessons';
const lessons = readdirSync(LESSONS).map((dir) => ({ dir, body: readFileSync(join(LESSONS, dir, 'index.mdx'), 'utf8') }));

describe('reading <Exercise> props from MDX source', () => {
  it('reads strings, numbers, arrays, objects and bare attributes as MDX passes them', () => {
    const body = `Text <Exercise id="a" kind="numeric" prompt="It's > 1?" answer={0.425} tolerance={1e-3}
      hints={["one }", 'two']} noise={{ kind: 'gaussian', level: 0.5 }} multiple /> more <Exercise id="b"
      options={[{ label: "x", kernel: [1, 0, 0, 0, 1, 0, 0, 0, 1] }]}>child</Exercise>`;
    expect(exerciseTagProps(body)).toEqual([
      { id: 'a', kind: 'numeric', prompt: "It's > 1?", answer: 0.425, tolerance: 0.001, hints: ['one }', 'two'], noise: { kind: 'gaussian', level: 0.5 }, multiple: true },
      { id: 'b', options: [{ label: 'x', kernel: [1, 0, 0, 0, 1, 0, 0, 0, 1] }] },
    ]);
  });

  it('refuses an expression that is not a plain value, naming the exercise', () => {
    expect(() => exerciseTagProps('<Exercise id="c" answer={someVariable} />')).toThrow(/id="c".*not a plain value/);
    expect(() => exerciseTagProps('<Exercise id="d" answer={[1, 2} />')).toThrow(/id="d".*not a plain value/);
    expect(() => exerciseTagProps('<Exercise id="e" answer={[1, 2 />')).toThrow(/id="e".*never closed/);
  });
});

describe('the lessons’ answer files', () => {
  it.each(lessons.map((l) => [l.dir, l.body]))('%s: one key per exercise, in page order', (_dir, body) => {
    const ids = [...body.matchAll(/<Exercise\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(Object.keys(answerFileOf(body))).toEqual(ids);
  });

  it('gives the page no answer: no key field, solution, explanation or feedback text in any question', () => {
    let count = 0;
    for (const { body } of lessons) {
      for (const props of exerciseTagProps(body)) {
        const exercise = resolveExercise(props);
        const question = JSON.stringify(questionOf(exercise));
        const key = answerFileOf(body)[exercise.id]!;
        for (const field of ['"answer"', '"expected"', '"feedback"', '"tolerance"', '"solution"', '"explanation"']) {
          if (exercise.kind !== 'model-challenge' && exercise.kind !== 'filter-design') expect(question, `${exercise.id} ${field}`).not.toContain(field);
        }
        expect(question).not.toContain(key.solution);
        if (key.explanation) expect(question).not.toContain(key.explanation);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(60);
  });
});
