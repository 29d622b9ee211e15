// `npm run bench`: prints figures (not a test). Bundles scripts/bench/browser-bench.ts with
// esbuild, serves it with the site's static server (COOP/COEP, so WASM gets threads), runs it
// in Debian's headless Chromium with the e2e flags, and prints per-backend tables:
// 3×3 filter-update latency (28×28 and 512×512, median/p95 over ≥100 updates, read-back
// included), dense/conv training throughput, and data-shard load time (cold and cached); then
// the course CNN's training throughput on WASM (our conv kernels, default vs all threads, stock input
// gradient) and CPU, one fresh page each, with lesson 1's dense net and PyTorch's figures for both on the same
// thread counts when python3-torch is installed (scripts/bench/course-cnn-run.ts); then the lesson training
// cells on the built site (DIST_DIR, default dist/) against a bare model.fit (scripts/bench/cell-vs-fit.ts).
// Then the JPEG-vs-autoencoder table with the shipped weights (scripts/bench/compression-run.ts, BENCH_ONLY=compression).
// Then each built page's first load (JS, CSS, fonts, images; scripts/bench/first-load.ts, BENCH_ONLY=first-load).
// Then the VAE's training throughput (TrainLoop vs bare step) and decode latency (scripts/bench/vae-run.ts, BENCH_ONLY=vae).
// Then lesson 6's retrieval latency over 10,000 rows (scripts/bench/retrieval-run.ts, BENCH_ONLY=retrieval), and its
// feature extraction rate and softmax-regression fit time per backend (scripts/bench/features-run.ts, BENCH_ONLY=features).
// Then lesson 10's super-resolution training speed (×2, batch 64, on the course's pick) and the photo upscaler's time for one
// 112 × 112 region (scripts/bench/superres-run.ts, BENCH_ONLY=superres).
// BENCH_ONLY=course-cnn or BENCH_ONLY=cell-vs-fit runs one section; BENCH_CELL_RUNS=n repeats each cell run;
// BENCH_CASES=denoiser,anomaly picks cell cases by label.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { serveStatic } from './serve-static';
import type { BenchOptions, BenchResult, LatencyStats } from './bench/browser-bench';
import { printCourseCnn, runCourseCnnBench } from './bench/course-cnn-run';
import { textTable } from './bench/fresh-pages';
import { printCellVsFit, requireBuiltSite, runCellVsFit, selectedCases } from './bench/cell-vs-fit';
import { printCompression, runCompressionBench } from './bench/compression-run';
import { printFirstLoad, runFirstLoad } from './bench/first-load';
import { printVae, runVaeBench } from './bench/vae-run';
import { printRetrieval, runRetrievalBench } from './bench/retrieval-run';
import { printFeatures, runFeaturesBench } from './bench/features-run';
import { printSuperres, runSuperresBench } from './bench/superres-run';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env['BENCH_PORT'] ?? 4490);
/** The built site, for the cell-vs-fit section: served on PORT + 1. */
const DIST_DIR = resolve(ROOT, process.env['DIST_DIR'] ?? 'dist');
const ONLY = process.env['BENCH_ONLY'];
const OPTIONS: BenchOptions = {
  updates: Number(process.env['BENCH_UPDATES'] ?? 100),
  sizes: [28, 512],
  trainMs: 1000,
  data: [['mnist', 'test'], ['mnist', 'train']],
};

async function prepare(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bottleneck-bench-'));
  await build({
    entryPoints: [join(ROOT, 'scripts/bench/browser-bench.ts')],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    outfile: join(dir, 'bench.js'), logLevel: 'error',
    // import.meta.env is Vite's; the loader and runtime only read BASE_URL-free paths here.
    define: { 'import.meta.env.BASE_URL': '"/"' },
  });
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>');
  for (const sub of ['tfjs', 'data', 'models', 'images']) {
    const source = join(ROOT, 'public', sub);
    if (!existsSync(source)) throw new Error(`public/${sub}/ is missing: run \`npm run data\` first`);
    await symlink(source, join(dir, sub));
  }
  return dir;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const cell = (v: LatencyStats | string | undefined): [string, string] =>
  v === undefined ? ['–', '–'] : typeof v === 'string' ? [v.slice(0, 40), ''] : [ms(v.median), ms(v.p95)];
const rate = (v: number | string | undefined): string => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : v ?? '–');


function print(r: BenchResult, seconds: number): void {
  console.log(`\nBottleneck bench · ${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent} headless · crossOriginIsolated=${r.crossOriginIsolated}`);
  console.log(`WebGL renderer: ${r.renderers.webgl ?? 'none'} · WebGPU adapter: ${r.renderers.webgpu ?? 'none'}\n`);
  console.log(`3×3 filter update, ms (median / p95 over ${OPTIONS.updates} updates; tfjs includes kernel upload, conv2d and read-back)`);
  const rows = [['backend', '28×28 median', 'p95', '512×512 median', 'p95']];
  for (const [name, sizes] of Object.entries(r.filter)) rows.push([name, ...cell(sizes['28']), ...cell(sizes['512'])]);
  console.log(textTable(rows));
  console.log('\nTraining throughput, examples/s (synthetic 28×28 data, ~1 s after one warm-up step)');
  const trainRows = [['backend', 'dense 784→128→10 (batch 64)', 'course CNN conv64→pool→conv64→pool→128→10 (batch 16)']];
  for (const backend of Object.keys(r.dense)) trainRows.push([backend, rate(r.dense[backend]), rate(r.conv[backend])]);
  console.log(textTable(trainRows));
  console.log('\nData shards (fetch + size/sha256 check + decode; cold = empty Cache API, cached = second load)');
  const dataRows = [['split', 'MB', 'cold ms', 'cached ms', 'cached from Cache API']];
  for (const d of r.data) {
    if ('error' in d) dataRows.push([d.label, 'error', d.error.slice(0, 60), '', '']);
    else dataRows.push([d.label, (d.bytes / 1e6).toFixed(1), ms(d.coldMs), ms(d.cachedMs), String(d.cachedFromCache)]);
  }
  console.log(textTable(dataRows));
  console.log(`\n(${seconds.toFixed(0)} s in all)`);
}

const started = performance.now();
if (!ONLY || ONLY === 'cell-vs-fit' || ONLY === 'first-load') requireBuiltSite(DIST_DIR);
const dir = await prepare();
const server = await serveStatic(dir, PORT);
const site = !ONLY || ONLY === 'cell-vs-fit' || ONLY === 'first-load' ? await serveStatic(DIST_DIR, PORT + 1) : null;
// The e2e flags, plus WebGPU: headless Chromium exposes no adapter without --enable-unsafe-webgpu
// (with it, SwiftShader's fallback adapter on GPU-less machines). BENCH_NO_WEBGPU=1 leaves it out.
const args = process.env['BENCH_NO_WEBGPU'] ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
try {
  if (!ONLY) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => 'runBench' in globalThis);
    const result = await page.evaluate((o) => (globalThis as unknown as { runBench: (o: BenchOptions) => Promise<BenchResult> }).runBench(o), OPTIONS);
    print(result, (performance.now() - started) / 1000);
    if (process.env['BENCH_JSON']) await writeFile(process.env['BENCH_JSON'], JSON.stringify(result, null, 2));
  }
  if (!ONLY || ONLY === 'course-cnn') printCourseCnn(await runCourseCnnBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'cell-vs-fit') printCellVsFit(await runCellVsFit(browser, `http://127.0.0.1:${PORT + 1}`, `http://127.0.0.1:${PORT}/`, Number(process.env['BENCH_CELL_RUNS'] ?? 1), selectedCases()));
  if (!ONLY || ONLY === 'compression') printCompression(await runCompressionBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'vae') printVae(await runVaeBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'retrieval') printRetrieval(await runRetrievalBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'features') printFeatures(await runFeaturesBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'superres') printSuperres(await runSuperresBench(browser, `http://127.0.0.1:${PORT}/`));
  if (!ONLY || ONLY === 'first-load') printFirstLoad(await runFirstLoad(browser, `http://127.0.0.1:${PORT + 1}`, DIST_DIR));
} finally {
  await browser.close();
  server.close();
  site?.close();
  await rm(dir, { recursive: true, force: true });
}
