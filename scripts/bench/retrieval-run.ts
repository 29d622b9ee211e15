// Node side of the retrieval section of `npm run bench` (BENCH_ONLY=retrieval): one page, then
// the table. The page bundle must include scripts/bench/retrieval.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import type { RetrievalLatency } from './retrieval';
import { inFreshPages } from './fresh-pages';

const OPTIONS = { rows: 10_000, queries: 100, k: 10 };

export async function runRetrievalBench(browser: Browser, url: string): Promise<RetrievalLatency[]> {
  const [results] = await inFreshPages<typeof OPTIONS, RetrievalLatency[]>(browser, url, 'runRetrievalBench', [OPTIONS]);
  return results!;
}

export function printRetrieval(results: RetrievalLatency[]): void {
  console.log(`\nRetrieval (lesson 6): k = ${OPTIONS.k} nearest of ${OPTIONS.rows.toLocaleString('en-US')} rows, brute force on the main thread, ms per query (target: under 50)`);
  const rows = [['row size', 'metric', 'p50', 'p95', 'queries']];
  for (const r of results) rows.push([String(r.dims), r.metric, r.p50.toFixed(2), r.p95.toFixed(2), String(r.n)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log(rows.map((row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n'));
}
