import { test as base, expect, type Page, type Response } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { answered, followBlockingCalls, followRequests, installStallWatch, renderState, rendererThreadDump, stallRecord, unfinishedRequests } from './stall-watch';
import { compositorStall, startRingTrace, traceStall } from './stall-trace';

/** Problems a page must never have: console errors, uncaught exceptions, CSP violations, other-origin requests. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ problems: PageProblems; stallWatch: void }, { ringTrace: void }>({
  // E2E_TRACE_RING=1: the compositors' trace from the browser's start (see startRingTrace).
  ringTrace: [async ({ browser }, use) => {
    await startRingTrace(browser);
    await use();
  }, { scope: 'worker', auto: true }],
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

/**
 * Waits until every Astro island on the page has hydrated. client:visible islands hydrate once
 * an IntersectionObserver has seen them, so each waiting island is brought into view for two
 * frames (the observer runs after the first frame's animation callbacks, so one frame is not
 * enough); then the check repeats until none waits.
 *
 * `renavigate`: how the page was opened (openPage, reloadPage). Only then, and only for the
 * Chromium compositor stall (see compositorStall in stall-trace.ts: frames stop while the page's
 * script runs, and a trace shows its compositor holding a layer tree that never activates, with
 * no raster work), the page is opened again, once. Nothing on the page brings its frames back
 * (tried: wheel input, resize, device metrics, freeze and resume, bring to front, screenshot);
 * a new navigation does. Any other failure, or a second stall, fails the test.
 */
export async function waitForHydration(page: Page, renavigate?: () => Promise<unknown>): Promise<void> {
  let traced = false;
  let reopened = false;
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
    // Frames stopped: once per page load, the thread states of the GPU process and renderers,
    // and a 3-second Chrome trace of the compositors, which tells the compositor stall apart.
    if (seen.includes('no frame') && !traced) {
      traced = true;
      const file = `test-results/stall-${Date.now()}.json`;
      const trace = await traceStall(page, file).catch((e: unknown) => `no trace: ${String(e)}`);
      const stall = trace.startsWith('trace in') ? compositorStall(file) : null;
      console.log(`Page stall at ${page.url()}: ${rendererThreadDump()}; ${trace}; ${stall ?? 'not the compositor stall'}`);
      if (stall && renavigate) {
        reopened = true;
        test.info().annotations.push({ type: 'compositor stall', description: `${page.url()}: ${stall}; opened again` });
        test.info().setTimeout(test.info().timeout + 30_000); // the stall's detection and trace cost about 10 s
        console.log(`Chromium compositor stall at ${page.url()} (${stall}): opening the page again, once`);
        await renavigate();
        return; // and wait for the new page below, with a full minute of its own
      }
    }
    expect(waiting, `islands not hydrated yet (${seen})`).toEqual([]);
  }).toPass({ timeout: 60_000, intervals: [100, 200, 300, 500] });
  if (reopened) await waitForHydration(page);
}

/** Opens `url` and waits for its islands (see waitForHydration for the one case it opens it again). */
export async function openPage(page: Page, url: string): Promise<Response | null> {
  let response = await page.goto(url);
  await waitForHydration(page, async () => { response = await page.goto(url); });
  return response;
}

/** Reloads the page and waits for its islands, as openPage. */
export async function reloadPage(page: Page): Promise<void> {
  await page.reload();
  await waitForHydration(page, () => page.reload());
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
