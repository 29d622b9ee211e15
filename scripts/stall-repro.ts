// Measures how often Chromium's compositor stall (see playwright.config.ts) happens here, and
// checks what brings a stalled page back: several browsers, a fresh one per visit, each opening a
// lesson of the built site and scrolling through it as the e2e hydration wait does, optionally with
// one busy core beside them. A visit with no animation frame 3 s after the scroll is traced; the
// trace is read by the e2e suite's own check, and the page is opened again to see frames return.
//
//   npm run build && npx tsx scripts/stall-repro.ts
//   STALL_MINUTES=10 STALL_BROWSERS=3 STALL_BUSY_CORE=1 STALL_ARGS="--disable-gpu" npx tsx scripts/stall-repro.ts
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { compositorStall, traceStall } from '../tests/e2e/stall-trace';
import { serveStatic } from './serve-static';

const minutes = Number(process.env['STALL_MINUTES'] ?? 8);
const browsers = Number(process.env['STALL_BROWSERS'] ?? 3);
const args = [...CHROMIUM_ARGS, ...(process.env['STALL_ARGS'] ?? '--disable-gpu --num-raster-threads=1 --disable-partial-raster').split(' ').filter(Boolean)];
const lessons = ['01-classification', '02-convolution-filters', '03-pooling', '04-convolutional-networks', '05-autoencoders', '06-deep-features', '07-denoising', '08-variational-autoencoders', '09-anomaly-detection', '10-super-resolution'];
const widths = [1280, 390, 320];
const port = 4477;

// The suite's hydration scroll, as a string: tsx would add helpers to a function's source.
const HYDRATION_SCROLL = `(async () => {
  const frame = () => new Promise((r) => { requestAnimationFrame(r); setTimeout(r, 100); });
  for (const island of document.querySelectorAll('astro-island')) {
    const range = document.createRange();
    range.selectNodeContents(island);
    const box = range.getBoundingClientRect();
    window.scrollTo(0, Math.max(0, scrollY + box.top + box.height / 2 - innerHeight / 2));
    await frame();
    await frame();
  }
  window.scrollTo(0, 0);
})()`;
const FRAME_WITHIN_3_S = 'new Promise((r) => { requestAnimationFrame(() => r("frame")); setTimeout(() => r("no frame"), 3000); })';

const within = <T>(work: Promise<T>, ms: number): Promise<T | 'no answer'> =>
  Promise.race([work, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), ms))]);

let visits = 0;
const stalls: string[] = [];
const end = Date.now() + minutes * 60_000;

async function visitLoop(id: number): Promise<void> {
  while (Date.now() < end) {
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
    const n = visits++;
    const url = `http://127.0.0.1:${port}/lessons/${lessons[(n * 7 + id) % lessons.length]}/`;
    try {
      const page = await browser.newPage({ viewport: { width: widths[n % widths.length]!, height: 720 } });
      await page.goto(url, { timeout: 30_000 });
      await within(page.evaluate(HYDRATION_SCROLL), 40_000);
      const frame = await within(page.evaluate(FRAME_WITHIN_3_S), 6000);
      if (frame !== 'frame') {
        const file = `test-results/stall-repro-${Date.now()}.json`;
        const trace = await traceStall(page, file).catch((e: unknown) => `no trace: ${String(e)}`);
        const stall = trace.startsWith('trace in') ? compositorStall(file) : null;
        await within(page.goto(url), 30_000);
        const after = await within(page.evaluate(FRAME_WITHIN_3_S), 6000);
        const line = `visit ${n}, ${url}: ${frame}; ${stall ?? 'not the compositor stall'}; ${trace}; opened again: ${String(after)}`;
        stalls.push(line);
        console.log(new Date().toISOString(), line);
      }
    } catch (e) {
      console.log(`visit ${n}, ${url}: ${String(e).split('\n')[0]}`);
    }
    await browser.close().catch(() => undefined);
  }
}

mkdirSync('test-results', { recursive: true });
const server = await serveStatic('dist', port);
const busy = process.env['STALL_BUSY_CORE'] === '1'
  ? new Worker(`const end = Date.now() + ${minutes * 60_000}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`, { eval: true })
  : null;
await Promise.all(Array.from({ length: browsers }, (_, i) => visitLoop(i)));
await busy?.terminate();
server.close();
console.log(`${visits} visits in ${minutes} min (${browsers} browsers, a busy core: ${busy ? 'yes' : 'no'}; ${args.join(' ')}): ${stalls.length} without frames`);
