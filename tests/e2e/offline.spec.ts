import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { Page } from '@playwright/test';
import { serveStatic } from '../../scripts/serve-static';
import { test, expect, expectNoProblems, builtPages, openPage, reloadPage } from './fixtures';
import { axeInBothSchemes } from './axe';

// The course offline, with the service worker of scripts/build-service-worker.ts. Each test serves
// the built site from its own server and then really shuts it down (and sets the browser offline,
// so navigator.onLine says so too): nothing can come from the network after that.
const DIST = process.env['DIST_DIR'] ?? 'dist';
const PORT = Number(process.env['E2E_PORT'] ?? 4399) + 50;
const ORIGIN = `http://127.0.0.1:${PORT}`;
test.use({ serviceWorkers: 'allow', baseURL: ORIGIN });
test.describe.configure({ mode: 'serial' });
const LESSONS = builtPages(DIST).filter((p) => /^\/lessons\/[^/]+\/$/.test(p));

async function start(dir = DIST): Promise<Server> {
  return serveStatic(dir, PORT);
}
async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/**
 * Stops the active service worker (the old version, while a new one waits), as Chrome does with an
 * idle one, and returns once it has stopped (Chrome may start it again at once, to warm it up for a
 * link on the page).
 */
async function stopActiveServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let active = '';
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (v.status === 'activated') active = v.versionId;
      if (active && v.versionId === active && v.runningStatus === 'stopped') stopped = true;
    }
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => active).not.toBe('');
  await cdp.send('ServiceWorker.stopWorker', { versionId: active });
  await expect.poll(() => stopped).toBe(true);
  await cdp.detach();
}

/** Waits until the service worker is active and has precached the site. */
async function installed(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    let files = 0;
    for (const key of await caches.keys()) if (key.startsWith('workbox-precache')) files += (await (await caches.open(key)).keys()).length;
    return files;
  });
}

test('after one visit, every lesson opens offline: math, widgets, search, and cross-origin isolation', async ({ page, context, problems }) => {
  test.setTimeout(300_000);
  const server = await start();
  try {
    await page.goto('/');
    expect(await installed(page)).toBeGreaterThan(300);
  } finally {
    await stop(server);
  }
  await context.setOffline(true);
  for (const lesson of LESSONS) {
    await openPage(page, lesson);
    await expect(page.locator('.katex').first()).toBeAttached();
    expect(await page.evaluate(() => [crossOriginIsolated, !!navigator.serviceWorker.controller]), lesson).toEqual([true, true]);
  }
  // A widget whose data was never downloaded says so in words (lesson 1's gallery of test pictures).
  await openPage(page, '/lessons/01-classification/');
  await expect(page.getByText('Fashion-MNIST is not stored on this device yet').first()).toBeVisible();
  // The search index is precached too.
  await page.keyboard.press('/');
  await page.getByRole('searchbox').fill('pooling');
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText(/pages match “pooling”/);
  expectNoProblems(problems);
});

test('"Use the course offline" stores the data sets with progress and Cancel; then a cell trains and an exercise is graded offline', async ({ page, context, problems }) => {
  test.setTimeout(300_000);
  const server = await start();
  const panel = page.getByTestId('offline-store');
  try {
    await page.goto('/progress/');
    expect(await installed(page)).toBeGreaterThan(300);
    await panel.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('offline-site')).toContainText('Stored: every page');
    await expect(page.getByTestId('offline-estimate')).toContainText('this browser lets it store');
    // What the site copy holds, network by network, from the build's offline-sizes.json.
    await panel.getByText(/^What the site copy holds \(\d+\.\d MB\)$/).click();
    await expect(panel.getByRole('row', { name: /Convolutional network \(lessons 4 and 6\) 0\.5 MB/ })).toBeVisible();
    const store = panel.getByRole('button', { name: /^Store both data sets/ });
    // Cancel keeps what is whole and says so.
    await store.click();
    await expect(panel.locator('.load-progress')).toBeVisible();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('offline-message')).toContainText('Cancelled. What was already stored');
    // Then all of it.
    await store.click();
    await expect(page.getByTestId('offline-message')).toContainText('Both data sets are stored', { timeout: 180_000 });
    await expect(panel.getByTestId('offline-dataset')).toHaveText([/MNIST.*✓ all/, /Fashion-MNIST.*✓ all/]);
    await page.goto('/lessons/01-classification/');
  } finally {
    await stop(server);
  }
  await context.setOffline(true);
  await reloadPage(page);
  const cell = page.locator('.training-cell').first();
  await cell.scrollIntoViewIfNeeded();
  await cell.getByLabel('Training images', { exact: true }).selectOption('250');
  await cell.getByLabel('Epochs', { exact: true }).selectOption('1');
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.locator('.headline')).toBeVisible({ timeout: 120_000 });
  await expect(cell.getByTestId('stored-label')).toContainText('250');
  const numeric = page.locator('[data-exercise-id="cls-input-nodes"]');
  await numeric.scrollIntoViewIfNeeded();
  await numeric.getByRole('textbox').fill('307200');
  await numeric.getByRole('button', { name: 'Check' }).click();
  await expect(numeric).toContainText('Correct!');
  await reloadPage(page); // the solved state is the island's, after it hydrates
  await expect(page.locator('[data-exercise-id="cls-input-nodes"]')).toContainText('Solved');
  // Removing them again leaves the pages working.
  await page.goto('/progress/');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: 'Remove stored data sets' }).click();
  await expect(page.getByTestId('offline-message')).toContainText('The stored data sets were removed');
  await expect(panel.getByTestId('offline-dataset')).toHaveText([/none$/, /none$/]);
  expectNoProblems(problems);
});

test('a new deployment is offered, not mixed in: reloading shows it, and progress and models stay', async ({ page, problems }) => {
  test.setTimeout(300_000);
  // A copy of the site (without the data shards), changed and given a new service worker like a second build.
  const dir = mkdtempSync(join(tmpdir(), 'bottleneck-update-'));
  cpSync(DIST, dir, { recursive: true, filter: (src) => !/[/\\]data[/\\](mnist|fashion-mnist)([/\\]|$)/.test(src) });
  const server = await start(dir);
  try {
    await page.goto('/lessons/03-pooling/');
    expect(await installed(page)).toBeGreaterThan(300);
    // A second visit: now the worker serves the page (a first visit is not controlled, and a new
    // version would simply take over, with nothing open to mix).
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.evaluate(() => localStorage.setItem('bottleneck:update-test', 'kept'));
    // A value in IndexedDB, where the model store keeps trained weights.
    const idb = (write: boolean) => page.evaluate((w) => new Promise<unknown>((done, fail) => {
      const open = indexedDB.open('bottleneck-update-test', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('kv');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const store = open.result.transaction('kv', w ? 'readwrite' : 'readonly').objectStore('kv');
        const request = w ? store.put('weights', 'model') : store.get('model');
        request.onsuccess = () => { done(request.result); open.result.close(); };
        request.onerror = () => fail(request.error);
      };
    }), write);
    await idb(true);
    const file = join(dir, 'lessons', '03-pooling', 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<h1', '<p data-testid="new-version">Updated</p><h1'));
    execFileSync('npx', ['tsx', 'scripts/build-service-worker.ts', dir], { stdio: 'pipe' });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByRole('complementary', { name: 'Course update' });
    await expect(banner.getByRole('status')).toHaveText(/^A new version of the course is ready/, { timeout: 60_000 });
    expect(await axeInBothSchemes(page, '[data-sw-update]')).toEqual({ light: [], dark: [] });
    await expect(page.getByTestId('new-version')).toHaveCount(0); // the open page stays on the old version
    // A second tab of the old version stays as it is, and is told once the first tab updates.
    const other = await page.context().newPage();
    await other.goto('/glossary/');
    await page.bringToFront();
    // The harsh moment to click: Chrome has stopped the idle old worker (it does after 30 s), and
    // a request wakes it just as the reader clicks. Chrome switches at once only if the old worker
    // is running when the new one asks; one still starting held it for over 80 s here, unless the
    // page wakes it first (ServiceWorker.astro).
    await stopActiveServiceWorker(page);
    await banner.getByRole('button', { name: 'Reload to update' }).evaluate((button: HTMLElement) => {
      void fetch('/glossary/', { cache: 'no-store' }).catch(() => {});
      button.click();
    });
    await expect(page.getByTestId('new-version')).toBeVisible({ timeout: 30_000 });
    await expect(other.getByRole('complementary', { name: 'Course update' }).getByRole('status')).toHaveText(/^The course was updated in another tab/);
    await other.close();
    expect(await page.evaluate(() => localStorage.getItem('bottleneck:update-test'))).toBe('kept');
    expect(await idb(false)).toBe('weights');
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
  expectNoProblems(problems);
});
