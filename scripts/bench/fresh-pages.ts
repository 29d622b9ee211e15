// What the bench sections that measure in the browser share: each run in a fresh page of the
// bench bundle (so no warm caches carry over), calling the function its module put on globalThis,
// and plain-text tables for the results.
import type { Browser } from 'playwright-core';

/** Runs `globalName(options)` once per entry of `runs`, each in a fresh page at `url`. */
export async function inFreshPages<O, R>(browser: Browser, url: string, globalName: string, runs: readonly O[]): Promise<R[]> {
  const results: R[] = [];
  for (const options of runs) {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction((name) => name in globalThis, globalName);
      results.push(await page.evaluate(([name, o]) => (globalThis as unknown as Record<string, (o: unknown) => Promise<unknown>>)[name as string]!(o), [globalName, options] as const) as R);
    } finally {
      await page.close();
    }
  }
  return results;
}

/** Rows as aligned columns: the first left-aligned, the others right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
