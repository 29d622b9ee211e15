// Node side of the course-CNN training section of `npm run bench`: one fresh page per variant
// (WASM's thread count is fixed when its backend starts), then PyTorch on the same model, batch
// and thread counts in the same run (torch-reference.ts, when installed), then the tables and
// the ratios. The page bundle must include scripts/bench/course-cnn.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import type { CourseCnnOptions, CourseCnnResult } from './course-cnn';
import { runTorchReference, type TorchReference } from './torch-reference';

/** Variants in order: one thread, then every core (up to 8), then the baselines on one thread. */
export const COURSE_CNN_VARIANTS: Array<Omit<CourseCnnOptions, 'batch' | 'ms' | 'minSteps'>> = [
  { variant: 'wasm', threads: 1 },
  { variant: 'wasm', threads: 'all' },
  { variant: 'wasm-filter-kernel-only', threads: 1 },
  { variant: 'cpu' },
];

export interface CourseCnnBench { results: CourseCnnResult[]; torch: TorchReference | { missing: string } }

export async function runCourseCnnBench(browser: Browser, url: string, ms = 6000): Promise<CourseCnnBench> {
  const results: CourseCnnResult[] = [];
  for (const v of COURSE_CNN_VARIANTS) {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction(() => 'runCourseCnnBench' in globalThis);
      // Plain JS takes seconds per step: one small timed step is its figure.
      const options: CourseCnnOptions = v.variant === 'cpu' ? { ...v, batch: 4, ms: 0, minSteps: 1 } : { ...v, batch: 64, ms, minSteps: 3 };
      results.push(await page.evaluate((o) => (globalThis as unknown as { runCourseCnnBench: (o: CourseCnnOptions) => Promise<CourseCnnResult> }).runCourseCnnBench(o), options));
    } finally {
      await page.close();
    }
  }
  const threads = [...new Set(results.filter((r) => r.variant === 'wasm' && r.threads).map((r) => r.threads!))];
  return { results, torch: await runTorchReference(ms / 1000, threads.length ? threads : [1]) };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

const rate = (v: number): string => v.toFixed(v < 10 ? 1 : 0);

export function printCourseCnn({ results, torch }: CourseCnnBench): void {
  console.log('\nCourse CNN training (cnn-64-64-128: conv64 → pool → conv64 → pool → 128 → 10), synthetic 28×28, examples/s (median step)');
  const rows = [['variant', 'threads', 'batch', 'ms/step', 'examples/s']];
  for (const r of results) {
    const name = r.variant === 'wasm' ? 'WASM + our kernels' : r.variant === 'wasm-filter-kernel-only' ? "WASM, filter kernel only (WASM's own kernels for the rest)" : 'CPU (plain JS)';
    rows.push(r.error
      ? [name, '', String(r.batch), 'error', r.error.slice(0, 50)]
      : [name, String(r.threads ?? '–'), String(r.batch), r.msPerStep.toFixed(0), rate(r.examplesPerSecond)]);
  }
  console.log(table(rows));
  for (const profiled of results.filter((r) => r.kernels)) {
    console.log(`Kernel ms in one WASM step (${profiled.threads} thread(s)): ${profiled.kernels!.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  }
  const ours = results.filter((r) => r.variant === 'wasm' && !r.error);
  const one = ours.find((r) => r.threads === 1);
  const most = ours.find((r) => r !== one);
  if (one && most) console.log(`Our ${most.threads} threads against our 1: ${(most.examplesPerSecond / one.examplesPerSecond).toFixed(2)}× (goal 1.5×)`);
  if ('missing' in torch) {
    console.log(torch.missing);
    return;
  }
  console.log(`\nAgainst native: PyTorch ${torch.torch} on the CPU, same model, batch 64, Adam, same run (examples/s, median step)`);
  const ratioRows = [['model', 'threads', 'ours (WASM)', 'PyTorch', 'ours / PyTorch', 'goal']];
  for (const r of ours) {
    const cnn = torch.cnn.find((t) => t.threads === r.threads);
    const dense = torch.dense.find((t) => t.threads === r.threads);
    if (cnn) ratioRows.push(['course CNN', String(r.threads), rate(r.examplesPerSecond), rate(cnn.examplesPerSecond), `${(r.examplesPerSecond / cnn.examplesPerSecond).toFixed(2)}×`, r.threads === 1 ? '≥ 0.5×' : '']);
    if (dense && r.dense) ratioRows.push(['dense 784→128→10', String(r.threads), rate(r.dense.examplesPerSecond), rate(dense.examplesPerSecond), `${(r.dense.examplesPerSecond / dense.examplesPerSecond).toFixed(2)}×`, '≥ 0.9×']);
  }
  console.log(table(ratioRows));
}
