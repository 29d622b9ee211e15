// Node side of the VAE section of `npm run bench` (BENCH_ONLY=vae): one fresh page per backend
// (WASM with the worker's thread count, then CPU, the main thread's backend that the latent
// explorer decodes on), then the tables. The page bundle must include scripts/bench/vae.ts
// (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import { inFreshPages, textTable } from './fresh-pages';
import type { VaeBenchOptions, VaeBenchResult, VaeLatency } from './vae';

/** Plain-JS CPU trains ~4× slower than WASM: fewer images keep its epoch to seconds. */
const RUNS: VaeBenchOptions[] = [
  { backend: 'wasm', count: 2048, hiddenUnits: [256, 512], decodes: 300 },
  { backend: 'cpu', count: 512, hiddenUnits: [256, 512], decodes: 300 },
];

export function runVaeBench(browser: Browser, url: string): Promise<VaeBenchResult[]> {
  return inFreshPages<VaeBenchOptions, VaeBenchResult>(browser, url, 'runVaeBench', RUNS);
}

const ms = (l: VaeLatency | undefined, key: 'p50' | 'p95'): string => (l ? l[key].toFixed(2) : '–');

export function printVae(results: VaeBenchResult[]): void {
  console.log('\nVAE (lesson 8: 784 → H → μ, log σ² (L = 2) | z → H → 784), MNIST training images, one epoch after a one-batch warm-up, wall clock, best of 2 alternating rounds');
  const rows = [['backend', 'threads', 'images', 'hidden', 'TrainLoop + vaeStep ex/s', 'bare loop ex/s', 'loop / bare', 'epoch loss']];
  for (const r of results) {
    if (r.error) {
      rows.push([r.backend, '', String(r.count), '', 'error', r.error.slice(0, 50), '', '']);
      continue;
    }
    for (const t of r.training) {
      rows.push([r.backend, String(r.threads ?? '–'), String(r.count), String(t.hidden), t.loop.toFixed(0), t.bare.toFixed(0), `${((100 * t.loop) / t.bare).toFixed(0)}%`, t.loss.toFixed(1)]);
    }
  }
  console.log(textTable(rows));
  console.log('\nVAE decode on the page\'s main thread, ms (one point → 784 bytes: decodeLatent; the 15 × 15 grid: decodeLatents)');
  const lat = [['backend', 'point p50', 'p95', 'n', 'grid p50', 'p95', 'n']];
  for (const r of results) {
    if (!r.error) lat.push([r.backend, ms(r.decode, 'p50'), ms(r.decode, 'p95'), String(r.decode?.n ?? '–'), ms(r.grid, 'p50'), ms(r.grid, 'p95'), String(r.grid?.n ?? '–')]);
  }
  console.log(textTable(lat));
}
