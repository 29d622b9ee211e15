/**
 * The built site's search and glossary: Pagefind's index exists and covers every lesson and the
 * glossary, and every glossary link lands on a heading that exists in its lesson. Reads the built
 * site (`npm run build` runs before the unit tests in `npm test`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/lib/course/glossary';

const DIST = process.env['DIST_DIR'] ?? 'dist';

describe('search index and glossary', () => {
  it('Pagefind indexed the lessons and the glossary', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(pages).toBe(11);
    expect(existsSync(join(DIST, 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('the glossary page lists every term', () => {
    const html = readFileSync(join(DIST, 'glossary', 'index.html'), 'utf8');
    const terms = [...html.matchAll(/<dt[^>]*>([^<]+)<\/dt>/g)].map((m) => m[1]);
    expect(terms).toEqual(GLOSSARY.map((t) => t.term));
  });

  it.each(GLOSSARY.map((t) => [t.term, t.lesson, t.section]))('%s links to a heading that exists (%s#%s)', (_term, lesson, section) => {
    const html = readFileSync(join(DIST, 'lessons', lesson, 'index.html'), 'utf8');
    if (section) expect(html).toMatch(new RegExp(`<h[23][^>]*\\bid="${section}"`));
  });
});
