// Node side of the super-resolution section of `npm run bench` (BENCH_ONLY=superres): one fresh
// page per run (training on the course's pick, then the photo pass on CPU, the backend the widget
// runs on through the page's model cache, and on WASM for comparison), then the tables. The page
// bundle must include scripts/bench/superres.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import { inFreshPages, textTable } from './fresh-pages';
import type { SrLatency, SuperresBenchOptions, SuperresBenchResult } from './superres';

const COUNT = Number(process.env['BENCH_SR_IMAGES'] ?? 2048);
const RUNS_PER_PASS = Number(process.env['BENCH_SR_RUNS'] ?? 15);
const RUNS: SuperresBenchOptions[] = [
  { train: 'course', infer: null, count: COUNT, runs: 0 },
  { train: null, infer: 'cpu', count: 0, runs: RUNS_PER_PASS },
  { train: null, infer: 'wasm', count: 0, runs: RUNS_PER_PASS },
];

export function runSuperresBench(browser: Browser, url: string): Promise<SuperresBenchResult[]> {
  return inFreshPages<SuperresBenchOptions, SuperresBenchResult>(browser, url, 'runSuperresBench', RUNS);
}

const ms = (l: SrLatency, key: 'p50' | 'p95'): string => (l[key] < 100 ? l[key].toFixed(1) : l[key].toFixed(0));

export function printSuperres(results: SuperresBenchResult[]): void {
  console.log('\nSuper-resolution (lesson 10): sr-upsample ×2 (14 × 14 → 28 × 28), batch 64, MNIST training images, one epoch after a one-batch warm-up, wall clock, best of 2 alternating rounds');
  const rows = [['backend', 'threads', 'images', 'TrainLoop ex/s', 'bare loop ex/s', 'loop / bare', 'epoch loss', 'why this backend']];
  for (const r of results) {
    const t = r.train;
    if (t) rows.push([t.backend, String(t.threads ?? '–'), String(t.count), t.loop.toFixed(0), t.bare.toFixed(0), `${((100 * t.loop) / t.bare).toFixed(0)}%`, t.loss.toFixed(4), t.reason.slice(0, 70)]);
  }
  console.log(textTable(rows));
  console.log(`\nPhoto upscaler (lesson 10): one 112 × 112 region of the camera photo at ×2, shipped MNIST ×2 weights, ms over ${RUNS_PER_PASS} runs after 2 warm-ups (predict = the tiles' one batched predict incl. read-back; pass = the widget's whole computation)`);
  const lat = [['backend', 'tiles', 'predict p50', 'p95', 'pass p50', 'p95', 'network dB', 'bicubic dB']];
  for (const r of results) {
    for (const row of r.infer?.rows ?? []) {
      const name = `${r.infer!.backend}${r.infer!.backend === 'cpu' ? ' (the widget\'s)' : ''}`;
      lat.push([name, `${row.tiles} ${row.mode}`, ms(row.predict, 'p50'), ms(row.predict, 'p95'), ms(row.pass, 'p50'), ms(row.pass, 'p95'), row.psnr.network.toFixed(2), row.psnr.bicubic.toFixed(2)]);
    }
  }
  console.log(textTable(lat));
  for (const r of results) if (r.error) console.log(`error: ${r.error}`);
}
