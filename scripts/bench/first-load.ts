// First load of every built page: what the browser fetches when a reader opens the page and does
// not scroll (1280 × 900, light theme), by kind. JS and CSS are counted gzipped (level 6, what a
// static host sends); fonts and images are already compressed and count as stored.
// Part of `npm run bench` (BENCH_ONLY=first-load), or alone: npx tsx scripts/bench/first-load.ts
import type { Browser } from 'playwright-core';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtPages } from '../../tests/e2e/fixtures';
import { textTable } from './fresh-pages';

export interface FirstLoad {
  path: string;
  /** Bytes by kind: js and css gzipped, the rest as stored. */
  js: number;
  css: number;
  fonts: number;
  images: number;
  other: number;
  /** Font files fetched (names without hashes). */
  fontFiles: string[];
}

const KIND: [RegExp, keyof Omit<FirstLoad, 'path' | 'fontFiles'>][] = [
  [/\.m?js$/, 'js'], [/\.css$/, 'css'], [/\.(woff2?|ttf)$/, 'fonts'], [/\.(png|webp|jpe?g|svg|gif)$/, 'images'],
];

export async function runFirstLoad(browser: Browser, siteUrl: string, distDir: string): Promise<FirstLoad[]> {
  const results: FirstLoad[] = [];
  for (const path of builtPages(distDir)) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const fetched = new Set<string>();
    page.on('requestfinished', (request) => fetched.add(new URL(request.url()).pathname));
    await page.goto(`${siteUrl}${path}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    await page.close();
    const result: FirstLoad = { path, js: 0, css: 0, fonts: 0, images: 0, other: 0, fontFiles: [] };
    for (const pathname of fetched) {
      const file = join(distDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      if (!existsSync(file) || pathname.endsWith('.html') || pathname.endsWith('/')) continue;
      const bytes = readFileSync(file);
      const kind = KIND.find(([re]) => re.test(pathname))?.[1] ?? 'other';
      result[kind] += kind === 'js' || kind === 'css' ? gzipSync(bytes, { level: 6 }).length : bytes.length;
      if (kind === 'fonts') result.fontFiles.push(pathname.split('/').pop()!.replace(/\.[A-Za-z0-9_-]{8}\./, '.'));
    }
    results.push(result);
  }
  return results;
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

export function printFirstLoad(results: FirstLoad[]): void {
  console.log('\nFirst load per page (opened at 1280 × 900, not scrolled), KiB: JS and CSS gzipped, fonts and images as stored');
  const rows = [['page', 'JS gz', 'CSS gz', 'fonts', 'images', 'other']];
  for (const r of results) rows.push([r.path, kib(r.js), kib(r.css), kib(r.fonts), kib(r.images), kib(r.other)]);
  console.log(textTable(rows));
  const fonts = [...new Set(results.flatMap((r) => r.fontFiles))].sort();
  console.log(`Font files fetched on some page: ${fonts.join(', ') || 'none'}`);
}

// Run alone: serve dist/ and print.
if (process.argv[1]?.endsWith('first-load.ts')) {
  const { chromium } = await import('playwright-core');
  const { serveStatic } = await import('../serve-static');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../../playwright.config');
  const dist = process.env['DIST_DIR'] ?? 'dist';
  const port = 4600 + Math.floor(Math.random() * 100);
  const server = await serveStatic(dist, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    printFirstLoad(await runFirstLoad(browser, `http://127.0.0.1:${port}`, dist));
  } finally {
    await browser.close();
    server.close();
  }
}
