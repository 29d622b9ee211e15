// Node side of the course-CNN training section of `npm run bench`: one fresh page per variant
// (WASM's thread count is fixed when its backend starts), then a table. The page bundle must
// include scripts/bench/course-cnn.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import type { CourseCnnOptions, CourseCnnResult } from './course-cnn';

/** Variants in order; `threads` undefined = configureWasm's choice (all cores but one). */
export const COURSE_CNN_VARIANTS: Array<Omit<CourseCnnOptions, 'batch' | 'ms' | 'minSteps'>> = [
  { variant: 'wasm' },
  { variant: 'wasm', threads: 'all' },
  { variant: 'wasm-filter-kernel-only' },
  { variant: 'cpu' },
];

export async function runCourseCnnBench(browser: Browser, url: string, ms = 6000): Promise<CourseCnnResult[]> {
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
  return results;
}

export function printCourseCnn(results: CourseCnnResult[]): void {
  console.log('\nCourse CNN training (cnn-64-64-128: conv64 → pool → conv64 → pool → 128 → 10), synthetic 28×28, examples/s');
  const rows = [['variant', 'threads', 'batch', 'ms/step', 'examples/s']];
  for (const r of results) {
    const name = r.variant === 'wasm' ? 'WASM + our conv kernels' : r.variant === 'wasm-filter-kernel-only' ? 'WASM, filter kernel only (stock input and max-pool grads)' : 'CPU (plain JS)';
    rows.push(r.error
      ? [name, '', String(r.batch), 'error', r.error.slice(0, 50)]
      : [name, String(r.threads ?? '–'), String(r.batch), r.msPerStep.toFixed(0), r.examplesPerSecond.toFixed(r.examplesPerSecond < 10 ? 1 : 0)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log(rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n'));
  const profiled = results.find((r) => r.kernels);
  if (profiled?.kernels) console.log(`Kernel ms in one WASM step (${profiled.threads} thread(s)): ${profiled.kernels.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
}
