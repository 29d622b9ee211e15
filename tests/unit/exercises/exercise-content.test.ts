/**
 * The course's exercises as written in the lessons: every one explains its right answer, and the
 * pictures exercises show exist as the registry describes them (and give no answer away by name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { challengeGoal } from '../../../src/lib/exercises/grading';
import { EXERCISE_PICTURES } from '../../../src/lib/exercises/exercise-pictures';

const LESSONS = 'content/lessons';
const lessons = readdirSync(LESSONS).map((dir) => ({ dir, body: readFileSync(join(LESSONS, dir, 'index.mdx'), 'utf8') }));
/** Each <Exercise …> opening tag (props never contain ">", as the progress page's scanner relies on). */
const tags = lessons.flatMap(({ dir, body }) => [...body.matchAll(/<Exercise\b[^>]*?>/g)].map((m) => ({ dir, tag: m[0], id: /\bid="([^"]+)"/.exec(m[0])?.[1] })));

describe('lesson exercises', () => {
  it('finds the exercises', () => {
    expect(tags.length).toBeGreaterThanOrEqual(40);
  });

  // The course's rule: enough practice, in more than one form, and at least one exercise that
  // grades something the reader made (a filter they designed or a network they trained).
  it.each(lessons.map((l) => [l.dir]))('%s has at least 5 exercises of at least 3 kinds, one graded on the reader\'s own work', (dir) => {
    const kinds = tags.filter((t) => t.dir === dir).map((t) => /\bkind="([^"]+)"/.exec(t.tag)?.[1]);
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(3);
    expect(kinds.some((k) => k === 'filter-design' || k === 'model-challenge')).toBe(true);
  });

  it.each(tags.map((t) => [t.id, t.tag]))('%s explains its answer in one sentence', (_id, tag) => {
    const explanation = /\bexplanation="([^"]+)"/.exec(tag)?.[1];
    expect(explanation, 'explanation="…" missing').toBeDefined();
    // One sentence: a single full stop, at the end (decimals and "e.g." aside).
    expect(explanation!.replace(/\d\.\d|e\.g\./g, '').match(/[.!?](\s|$)/g)).toHaveLength(1);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('exercise pictures', () => {
  it.each(Object.entries(EXERCISE_PICTURES))('%s exists with its stated size', (_name, picture) => {
    expect(pngSize(readFileSync(join('public', picture.src)))).toEqual({ width: picture.width, height: picture.height });
    expect(picture.alt.length).toBeGreaterThan(20);
  });

  it('never names a code size in a file name or alt text', () => {
    for (const picture of Object.values(EXERCISE_PICTURES)) expect(`${picture.src} ${picture.alt}`).not.toMatch(/\bk\s*=|\d+ numbers|code/i);
  });
});

describe('challenge goals', () => {
  it('spaces every part of the sentence', () => {
    expect(challengeGoal({ storeKey: 'ae', metric: 'psnr', threshold: 18, maxBottleneck: 16 })).toBe('test PSNR ≥ 18 dB with a code of at most 16 numbers');
    expect(challengeGoal({ storeKey: 'dn', metric: 'psnr', threshold: 16.5, noise: { kind: 'gaussian', level: 0.5 } })).toBe('test PSNR ≥ 16.5 dB, trained on Gaussian noise σ ≥ 0.5');
    expect(challengeGoal({ storeKey: 'c', threshold: 0.85 })).toBe('test accuracy ≥ 85%');
    expect(challengeGoal({ storeKey: 'a', metric: 'auc', threshold: 0.99 })).toBe('an AUC of at least 0.99 on the mixed test stream');
  });
});
