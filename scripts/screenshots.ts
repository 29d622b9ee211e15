// Screenshots every built page at desktop and phone width, light and dark, into screenshots/.
// Usage: npm run build && npx tsx scripts/screenshots.ts [pathFilter]
// Env: DIST_DIR (default dist), SHOTS_DIR (default screenshots), CHROMIUM_PATH.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serveStatic } from './serve-static';
import { builtPages } from '../tests/e2e/fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';

const dist = process.env['DIST_DIR'] ?? 'dist';
const outDir = process.env['SHOTS_DIR'] ?? 'screenshots';
const filter = process.argv[2] ?? '';
const port = 4500 + Math.floor(Math.random() * 400);

await mkdir(outDir, { recursive: true });
const server = await serveStatic(dist, port);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const path of builtPages(dist).filter((p) => p.includes(filter))) {
  for (const [width, height] of [[1280, 900], [390, 844]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
      await page.goto(`http://127.0.0.1:${port}${path}`);
      await page.waitForTimeout(1500);
      const name = `${path.replace(/[/.]+/g, '_').replace(/^_|_$/g, '') || 'home'}-${width}-${scheme}.png`;
      await page.screenshot({ path: `${outDir}/${name}`, fullPage: true });
      await page.close();
      console.log(`${outDir}/${name}`);
    }
  }
}
await browser.close();
server.close();
