import { test as base, expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { answered, followBlockingCalls, followRequests, installStallWatch, renderState, rendererThreadDump, stallRecord, traceStall, unfinishedRequests } from './stall-watch';

/** Problems a page must never have: console errors, uncaught exceptions, CSP violations, other-origin requests. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ problems: PageProblems; stallWatch: void }>({
  // Every page records its main-thread GPU contexts and long tasks, for stall diagnostics.
  stallWatch: [async ({ page }, use) => {
    followBlockingCalls(page);
    followRequests(page);
    await page.addInitScript(installStallWatch);
    // The worker's test hooks (src/lib/workers/debug-hooks.ts) answer only pages that carry this flag.
    await page.addInitScript(() => {
      try {
        localStorage.setItem('bottleneck:test-hooks', '1');
      } catch {
        // A test that blocks storage gets no hooks, as a reader would.
      }
    });
    await use();
  }, { auto: true }],
  problems: async ({ page, baseURL }, use) => {
    const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [], foreignRequests: [] };
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
    page.on('request', (req) => {
      const url = req.url();
      if (/^(data|blob|about):/.test(url)) return;
      if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
    });
    await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
      problems.cspViolations.push(text);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation;
        report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    await use(problems);
  },
});

export { expect };

export function expectNoProblems(problems: PageProblems): void {
  expect(problems.pageErrors, 'uncaught exceptions').toEqual([]);
  expect(problems.cspViolations, 'CSP violations').toEqual([]);
  expect(problems.foreignRequests, 'requests to other origins').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
}

/** Every page of the built site, as URL paths ("/", "/lessons/02-convolution-filters/", …). */
export function builtPages(distDir = process.env['DIST_DIR'] ?? 'dist'): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) pages.push(relative(distDir, path));
    }
  };
  walk(distDir);
  return pages
    .map((p) => (p === '404.html' ? '/404.html' : `/${p.replace(/index\.html$/, '')}`))
    .sort();
}

/** Whether the page gets an animation frame within 1 s. */
function framesRun(page: Page): Promise<boolean> {
  return page.evaluate(() => Promise.race([
    new Promise<boolean>((r) => requestAnimationFrame(() => r(true))),
    new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
  ]));
}

/**
 * The Chromium stall (see playwright.config.ts): the renderer's compositor holds a pending layer
 * tree that never becomes ready to activate, with no tile work left (the trace's scheduler state:
 * has_pending_tree, not ready for activation, needs_prepare_tiles false), so no main frame runs.
 * Tries input the compositor handles itself (a 1-pixel wheel scroll), then a 1-pixel resize, each
 * bounded to 5 s, and says what happened: diagnostics for the note, not a cure (in the runs so
 * far the wheel event was never acknowledged).
 */
async function nudgeCompositor(page: Page): Promise<string> {
  const within = <T>(p: Promise<T>, what: string): Promise<T | string> => Promise.race([p, new Promise<string>((r) => setTimeout(() => r(`${what} not acknowledged in 5 s`), 5000))]);
  const size = page.viewportSize();
  const wheel = await within(page.mouse.move(10, 200).then(() => page.mouse.wheel(0, 1)).then(() => page.mouse.wheel(0, -1)), 'a wheel scroll');
  if (typeof wheel === 'string') return wheel;
  if (await framesRun(page)) return 'frames came back after a wheel scroll';
  if (size) {
    const resized = await within(page.setViewportSize({ width: size.width, height: size.height + 1 }).then(() => page.setViewportSize(size)), 'a resize');
    if (typeof resized === 'string') return resized;
    if (await framesRun(page)) return 'frames came back after a resize';
  }
  return 'frames did not come back after a wheel scroll and a resize';
}

/**
 * Waits until every Astro island on the page has hydrated. client:visible islands hydrate once
 * an IntersectionObserver has seen them, so each waiting island is brought into view for two
 * frames (the observer runs after the first frame's animation callbacks, so one frame is not
 * enough); then the check repeats until none waits.
 */
export async function waitForHydration(page: Page): Promise<void> {
  let traced = false;
  await expect(async () => {
    const waiting = await answered(page, 'the hydration check', page.evaluate(async () => {
      // A frame, or 100 ms when frames are throttled (a busy or backgrounded page must not hang here).
      const frame = (): Promise<unknown> => new Promise((resolve) => { requestAnimationFrame(resolve); setTimeout(resolve, 100); });
      const islands = [...document.querySelectorAll('astro-island[ssr]')];
      for (const island of islands) {
        if (!island.hasAttribute('ssr')) continue;
        // An island is display: contents (no box of its own): scroll to its contents' box.
        const range = document.createRange();
        range.selectNodeContents(island);
        const box = range.getBoundingClientRect();
        window.scrollTo(0, Math.max(0, window.scrollY + box.top + box.height / 2 - window.innerHeight / 2));
        await frame();
        await frame();
      }
      if (islands.length) window.scrollTo(0, 0);
      return [...document.querySelectorAll('astro-island[ssr]')].map((i) => i.getAttribute('component-url'));
    }));
    // What the page could see when islands wait: its window, its visibility, whether frames still come.
    const seen = waiting.length === 0 ? '' : await page.evaluate(async () => {
      const frame = await Promise.race([new Promise((r) => requestAnimationFrame(() => r('frames run'))), new Promise((r) => setTimeout(() => r('no frame in 1 s'), 1000))]);
      return `window ${innerWidth}×${innerHeight}, ${document.visibilityState}, ${String(frame)}`;
    }) + `; ${await stallRecord(page)}; ${await renderState(page)}; ${unfinishedRequests(page)}`;
    // Frames stopped: once per call, the thread states of the GPU process and renderers, and a
    // 3-second Chrome trace of the compositors (see the retries note in playwright.config.ts).
    if (seen.includes('no frame') && !traced) {
      traced = true;
      const trace = await traceStall(page, `test-results/stall-${Date.now()}.json`).catch((e: unknown) => `no trace: ${String(e)}`);
      console.log(`Page stall at ${page.url()}: ${rendererThreadDump()}; ${trace}`);
      console.log(`Page stall at ${page.url()}: ${await nudgeCompositor(page)}`);
    }
    expect(waiting, `islands not hydrated yet (${seen})`).toEqual([]);
  }).toPass({ timeout: 60_000, intervals: [100, 200, 300, 500] });
}

/**
 * Gives the page `globalThis.__putModelRecord(record)`: writes a model record straight into the
 * model store's IndexedDB (as the training worker would) and announces it, so a widget can be
 * tested on a hand-made record. Call again after each navigation.
 */
export async function installRecordWriter(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { __putModelRecord: (record: { key: string }) => Promise<void> }).__putModelRecord = async (record) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bottleneck-models', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('records', { keyPath: 'key' });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').put(record);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      dispatchEvent(new CustomEvent('bottleneck:model-saved', { detail: { key: record.key } }));
    };
  });
}
