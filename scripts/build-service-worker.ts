/**
 * Writes dist/sw.js, the service worker that lets the course open offline after one visit
 * (Workbox's generateSW; run by `npm run build` after astro build and Pagefind). It precaches every
 * page, script, style, font (KaTeX's included), image, the tfjs WASM binaries, the search index,
 * the answer files and the shipped weights (3.5 MB, shown by widgets on every visit), each under a
 * content hash, so a new deployment replaces them all at once. The data shards (over 100 MB) are
 * left out: the data loader keeps the ones a reader uses in its own Cache API store, checked by
 * sha256, and the Progress page can store them all on purpose.
 *
 *   npx tsx scripts/build-service-worker.ts [dist]
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateSW } from 'workbox-build';

const dist = process.argv[2] ?? 'dist';
const SIZES = 'offline-sizes.json';

/** Bytes of every file under `dir` that `keep` accepts (paths relative to dist). */
function bytesUnder(dir: string, keep: (path: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path, keep);
    else if (keep(relative(dist, path))) total += statSync(path).size;
  }
  return total;
}

// What the Progress page's offline panel lists as stored with the site copy: the pretrained
// networks one by one, and everything else together. Written first, so it is precached too.
const shipped = readdirSync(join(dist, 'models'), { withFileTypes: true }).filter((e) => e.isDirectory())
  .map((e) => ({ folder: e.name, bytes: bytesUnder(join(dist, 'models', e.name)) }));
const precached = (path: string): boolean => !/^(sw\.js|data\/(mnist|fashion-mnist)\/)/.test(path) && !path.endsWith('.map') && path !== SIZES;
writeFileSync(join(dist, SIZES), `${JSON.stringify({ siteBytes: bytesUnder(dist, precached), models: shipped }, null, 2)}\n`);

const { count, size, warnings } = await generateSW({
  globDirectory: dist,
  globPatterns: ['**/*'],
  globIgnores: ['sw.js', 'sw.js.map', 'data/mnist/**', 'data/fashion-mnist/**', '**/*.map'],
  swDest: `${dist}/sw.js`,
  // The largest files are the tfjs bundles and WASM binaries, well under this.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // Astro's /_astro/ files carry a hash in their names already.
  dontCacheBustURLsMatching: /\/_astro\//,
  directoryIndex: 'index.html',
  // ?backend=…, #… and the like name the same page.
  ignoreURLParametersMatching: [/.*/],
  cleanupOutdatedCaches: true,
  // A new version waits until the reader agrees to reload (src/components/ServiceWorker.astro),
  // so no page ever runs half old and half new files.
  skipWaiting: false,
  clientsClaim: false,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production',
});
for (const w of warnings) console.warn(w);
console.log(`Service worker: ${count} files precached, ${(size / 1e6).toFixed(1)} MB, written to ${dist}/sw.js`);
