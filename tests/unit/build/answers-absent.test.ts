/**
 * No answer in the page: every lesson's HTML and the JavaScript it loads at once (the islands'
 * modules and everything they import statically) must hold none of its exercises' solutions,
 * explanations or per-option feedback, and no island may be handed an answer prop. The answers
 * live in dist/answers/<lesson>.json, fetched on Check. Reads the built site (`npm run build`
 * runs before the unit tests in `npm test`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerFile } from '../../../src/lib/exercises/answer-keys';

const DIST = process.env['DIST_DIR'] ?? 'dist';
const LESSONS = join(DIST, 'lessons');

/** Astro escapes attribute text; undo the entities it uses so texts can be searched as written. */
function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) found.add(m[1]!);
  for (const m of code.matchAll(/(?:^|[;}\s])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

/** Every module a page loads at once: island components and renderers, module scripts, and their static imports. */
function initialJs(html: string): Map<string, string> {
  const entries = [
    ...[...html.matchAll(/(?:component-url|renderer-url)="([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!),
  ].map((u) => u.replace(/^\//, ''));
  const seen = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(join(DIST, file))) return;
    const code = readFileSync(join(DIST, file), 'utf8');
    seen.set(file, code);
    for (const spec of staticImports(code)) {
      if (!/^(\.{1,2}\/|\/)[\w./-]+\.js$/.test(spec)) continue;
      visit(spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(file), spec));
    }
  };
  entries.forEach(visit);
  return seen;
}

/** Texts of a key that would give the answer away, long enough not to match by chance. */
function secretTexts(file: AnswerFile): string[] {
  return Object.values(file).flatMap((key) => {
    const feedback = key.kind === 'multiple-choice' ? ((key.spec as { feedback?: string[] }).feedback ?? []) : [];
    return [key.solution, key.explanation ?? '', ...feedback].filter((t) => t.length >= 20);
  });
}

const lessons = existsSync(LESSONS) ? readdirSync(LESSONS).filter((d) => existsSync(join(LESSONS, d, 'index.html'))) : [];

describe.skipIf(lessons.length === 0)('answers stay out of the page (built site)', () => {
  it('builds one answer file per lesson, with a key for every exercise on the page', () => {
    expect(lessons.length).toBe(10);
    for (const lesson of lessons) {
      const html = readFileSync(join(LESSONS, lesson, 'index.html'), 'utf8');
      const ids = [...html.matchAll(/data-exercise-id="([^"]+)"/g)].map((m) => m[1]);
      const file = JSON.parse(readFileSync(join(DIST, 'answers', `${lesson}.json`), 'utf8')) as AnswerFile;
      expect(Object.keys(file), lesson).toEqual(ids);
    }
  });

  it.each(lessons)('%s: no solution, explanation or feedback text in its HTML or initial JS, and no answer prop', (lesson) => {
    const html = readFileSync(join(LESSONS, lesson, 'index.html'), 'utf8');
    const page = decode(html);
    const file = JSON.parse(readFileSync(join(DIST, 'answers', `${lesson}.json`), 'utf8')) as AnswerFile;
    const secrets = secretTexts(file);
    expect(secrets.length, 'the test must have something to look for').toBeGreaterThan(0);
    const js = initialJs(html);
    expect(js.size).toBeGreaterThan(0);
    const leaks = secrets.flatMap((text) => [
      ...(page.includes(text) ? [`HTML: “${text.slice(0, 50)}…”`] : []),
      ...[...js].filter(([, code]) => code.includes(text)).map(([name]) => `${name}: “${text.slice(0, 50)}…”`),
    ]);
    expect(leaks).toEqual([]);
    // Island props: no field that carries an answer.
    const props = decode([...html.matchAll(/<astro-island[^>]*\bprops="([^"]*)"/g)].map((m) => m[1]!).join('\n'));
    expect(props).toContain('"question":'); // the props are there to be read
    for (const prop of ['"answer"', '"expected"', '"solution"', '"explanation"', '"feedback"', '"tolerance"']) {
      expect(props.includes(`${prop}:`), `${lesson} ${prop}`).toBe(false);
    }
  });
});
