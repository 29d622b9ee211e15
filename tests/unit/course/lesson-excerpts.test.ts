import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractRegion } from '../../../src/lib/course/source-region';

describe('the lessons\' excerpts', () => {
  // The build fails on a missing region too; this names every broken excerpt at once, without a build.
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
  const lessons = readdirSync(join(root, 'content/lessons'));
  const uses = lessons.flatMap((lesson) => {
    const mdx = readFileSync(join(root, 'content/lessons', lesson, 'index.mdx'), 'utf8');
    return [...mdx.matchAll(/<SourceCode\b([^>]*)\/>/g)].map((m) => ({
      lesson,
      path: /\bpath="([^"]+)"/.exec(m[1]!)?.[1],
      region: /\bregion="([^"]+)"/.exec(m[1]!)?.[1],
    }));
  });

  it('exist, and every one shows a region rather than a whole file', () => {
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use.region, `${use.lesson}: <SourceCode path="${use.path}"> has no region`).toBeDefined();
  });

  it.each(uses.map((u) => [`${u.lesson}: ${u.path} #${u.region}`, u] as const))('%s is a region of its file', (_, use) => {
    const region = extractRegion(readFileSync(join(root, use.path!), 'utf8'), use.region!, use.path);
    expect(region.lines.length).toBeGreaterThan(0);
  });
});
