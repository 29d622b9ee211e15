// Node side of the features section of `npm run bench` (BENCH_ONLY=features): one page, then the
// table. The page bundle must include scripts/bench/features.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import type { FeaturesBench } from './features';
import { inFreshPages, textTable } from './fresh-pages';

const OPTIONS = { images: Number(process.env['BENCH_FEATURE_IMAGES'] ?? 2000), backends: ['wasm', 'webgl', 'webgpu'] };

export async function runFeaturesBench(browser: Browser, url: string): Promise<FeaturesBench[]> {
  const [results] = await inFreshPages<typeof OPTIONS, FeaturesBench[]>(browser, url, 'runFeaturesBench', [OPTIONS]);
  return results!;
}

export function printFeatures(results: FeaturesBench[]): void {
  console.log(`\nDeep features (lesson 6): extraction through the shipped CNN, ${OPTIONS.images.toLocaleString('en-US')} images; softmax regression, 480 steps on 1,000 rows (the cell's defaults at 100 labels per class)`);
  const rows = [['backend', 'dense images/s', 'conv images/s', 'fit 128 (s)', 'fit 1,600 (s)']];
  for (const r of results) {
    const e = typeof r.extraction === 'string' ? [r.extraction, ''] : [r.extraction['cnn-dense'].toFixed(0), r.extraction['cnn-flatten'].toFixed(0)];
    const f = typeof r.fit === 'string' ? [r.fit, ''] : [r.fit['128'].toFixed(2), r.fit['1600'].toFixed(2)];
    rows.push([r.backend, ...e, ...f]);
  }
  console.log(textTable(rows));
}
