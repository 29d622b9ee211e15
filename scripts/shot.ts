// One viewport screenshot: npx tsx scripts/shot.ts <path> <out.png> [width] [light|dark] [scrollY | CSS selector]. Env DIST_DIR.
import { chromium } from 'playwright-core';
import { serveStatic } from './serve-static';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';

const [path = '/', out = 'shot.png', width = '1280', scheme = 'light', scrollY = '0'] = process.argv.slice(2);
const port = 4890 + Math.floor(Math.random() * 100);
const server = await serveStatic(process.env['DIST_DIR'] ?? 'dist', port);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme === 'dark' ? 'dark' : 'light' });
await page.goto(`http://127.0.0.1:${port}${path}`);
await page.waitForTimeout(1200);
if (/^\d+$/.test(scrollY)) await page.evaluate((y) => window.scrollTo(0, y), Number(scrollY));
else await page.locator(scrollY).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
await page.waitForTimeout(300);
await page.screenshot({ path: out });
await browser.close();
server.close();
