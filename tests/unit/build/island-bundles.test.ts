/**
 * Display islands must not load tfjs: a page that only shows a stored record or a constant
 * should not pay for the ML library. This reads the built site (dist/, made by `npm run build`
 * before the unit tests in `npm test`), follows each island's static imports (dynamic import()
 * loads later, on demand, so it does not count) and checks which reach tfjs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = process.env['DIST_DIR'] ?? 'dist';
/** A string only tfjs-core's engine contains: the chunk holding it is tfjs. */
const TFJS_MARKER = 'The highest priority backend';

/**
 * Islands that run a model on the main thread as soon as they show (feature maps, filters,
 * denoising): tfjs is their job. Every other island must stay free of it; those that need tfjs
 * only after a click (the compression table, the device check) load it with import().
 */
const MAY_USE_TFJS = new Set([
  'DenoiseChart', 'DenoiseExplorer', 'FeatureMaps', 'FilterGallery',
  'LatentExplorer', 'ManifoldGrid', 'LatentSampler', // lesson 8: decode with the VAE on the main thread
]);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
}

/** Static imports of a built module: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) found.add(m[1]!);
  for (const m of code.matchAll(/(?:^|[;}\s])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

function reachesTfjs(entry: string, seen = new Set<string>()): string | null {
  if (seen.has(entry)) return null;
  seen.add(entry);
  const code = readFileSync(join(DIST, entry), 'utf8');
  if (code.includes(TFJS_MARKER)) return entry;
  for (const spec of staticImports(code)) {
    if (!/^(\.{1,2}\/|\/)[\w./-]+\.js$/.test(spec)) continue; // a module file, not text that looks like an import
    const next = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(entry), spec);
    const hit = reachesTfjs(next, seen);
    if (hit) return hit;
  }
  return null;
}

/** Island name (from its component file) → its built entry module. */
function islands(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of htmlFiles(DIST)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/<astro-island[^>]*component-url="([^"]+)"[^>]*opts="([^"]+)"/g)) {
      const name = /&quot;name&quot;:&quot;([^&]+)&quot;/.exec(m[2]!)?.[1];
      if (name) found.set(name, m[1]!.replace(/^\//, ''));
    }
  }
  return found;
}

describe.skipIf(!existsSync(join(DIST, 'index.html')))('island bundles (built site)', () => {
  it('finds the islands and can see tfjs where it is loaded', () => {
    const all = islands();
    expect(all.size).toBeGreaterThan(15);
    // The check is able to fail: the islands that do run models reach tfjs.
    expect(reachesTfjs(all.get('FeatureMaps')!)).not.toBeNull();
  });

  it('display islands load no tfjs', () => {
    const offenders = [...islands()].filter(([name]) => !MAY_USE_TFJS.has(name)).flatMap(([name, entry]) => {
      const hit = reachesTfjs(entry);
      return hit ? [`${name} (${entry} reaches ${hit})`] : [];
    });
    expect(offenders).toEqual([]);
  });
});
