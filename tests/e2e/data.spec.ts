// The generated data and the demo photos as a static host serves them, checked from inside the
// browser (fetch + crypto.subtle); then the real loader and LoadProgress widget running in
// Chromium against the built site. Test pages cannot import the site's hashed chunks, so the
// spec bundles src/lib/data/loader.ts and the widget with esbuild (Astro's own dependency) and
// serves the bundle from the site's origin through page.route: same code, same CSP, real
// Cache API, real crypto.subtle, real streaming fetch.
import { axeBuilder } from './axe';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compile } from 'svelte/compiler';
import { decodeShard } from '../../src/lib/data/shard-format';
import { expect, expectNoProblems, test } from './fixtures';

const DIST = process.env['DIST_DIR'] ?? 'dist';
const HARNESS = '/__e2e__/data-harness.js';
const HARNESS_CSS = '/__e2e__/data-harness.css';

interface ShardEntry {
  file: string;
  offset: number;
  count: number;
  bytes: number;
  sha256: string;
}
interface SplitEntry {
  count: number;
  classCounts: number[];
  shards: ShardEntry[];
}
interface Manifest {
  format: string;
  datasets: Record<'mnist' | 'fashion-mnist', { license: string; splits: Record<'train' | 'test', SplitEntry> }>;
}

test.describe('generated data', () => {
  test('manifest.json is served as JSON and describes both data sets in full', async ({ request }) => {
    const response = await request.get('/data/manifest.json');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    const manifest = (await response.json()) as Manifest;
    expect(manifest.format).toBe('bottleneck-data');
    for (const id of ['mnist', 'fashion-mnist'] as const) {
      const { train, test: testSplit } = manifest.datasets[id].splits;
      expect([train.count, testSplit.count], id).toEqual([60000, 10000]);
      for (const split of [train, testSplit]) {
        expect(split.shards.reduce((sum, s) => sum + s.count, 0)).toBe(split.count);
      }
    }
    expect(manifest.datasets['fashion-mnist'].splits.train.classCounts).toEqual(new Array(10).fill(6000));
  });

  test('every shard is served with its manifest size and sha256, as application/octet-stream', async ({ page, request, problems }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    const manifest = (await (await request.get('/data/manifest.json')).json()) as Manifest;
    const shards = Object.values(manifest.datasets).flatMap((d) => Object.values(d.splits).flatMap((s) => s.shards));
    expect(shards).toHaveLength(140);

    const first = await request.get(`/data/${shards[0]!.file}`);
    expect(first.headers()['content-type']).toBe('application/octet-stream');
    expect((await first.body()).length).toBe(shards[0]!.bytes);

    // Hash in the page, the way the loader does: fetch from the site's own origin + crypto.subtle.
    const mismatches = await page.evaluate(async (list: ShardEntry[]) => {
      const bad: string[] = [];
      for (const shard of list) {
        const response = await fetch(`/data/${shard.file}`, { cache: 'no-store' });
        const bytes = new Uint8Array(await response.arrayBuffer());
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        const magic = String.fromCharCode(...bytes.subarray(0, 4));
        if (!response.ok || bytes.length !== shard.bytes || hex !== shard.sha256 || magic !== 'BNSH') {
          bad.push(`${shard.file}: HTTP ${response.status}, ${bytes.length} bytes, sha256 ${hex.slice(0, 12)}, magic ${magic}`);
        }
      }
      return bad;
    }, shards);
    expect(mismatches).toEqual([]);
    expectNoProblems(problems);
  });
});

test.describe('demo photos', () => {
  test('photos.json lists 512×512 grayscale PNGs that load in the page', async ({ page, request, problems }) => {
    const listResponse = await request.get('/images/photos.json');
    expect(listResponse.headers()['content-type']).toMatch(/^application\/json/);
    const photos = (await listResponse.json()) as { id: string; file: string; width: number; height: number; alt: string; license: string }[];
    expect(photos.map((p) => p.id).sort()).toEqual(['astronaut', 'brick', 'camera', 'chelsea']);
    for (const photo of photos) {
      expect(photo.alt.length, photo.id).toBeGreaterThan(20);
      expect(['CC0', 'Public domain']).toContain(photo.license);
      const response = await request.get(`/images/${photo.file}`);
      expect(response.headers()['content-type'], photo.file).toBe('image/png');
    }
    await page.goto('/');
    const decoded = await page.evaluate(async (files: string[]) => {
      const results: { file: string; width: number; height: number; gray: boolean }[] = [];
      for (const file of files) {
        const bitmap = await createImageBitmap(await (await fetch(`/images/${file}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        let gray = true;
        for (let i = 0; i < data.length; i += 4 * 97) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) gray = false;
        results.push({ file, width: bitmap.width, height: bitmap.height, gray });
      }
      return results;
    }, photos.map((p) => p.file));
    for (const result of decoded) expect(result, result.file).toMatchObject({ width: 512, height: 512, gray: true });
    expectNoProblems(problems);
  });
});


let harness: Promise<{ js: string; css: string }> | undefined;
/** One ESM bundle: svelte's mount + LoadProgress.svelte + src/lib/data/loader.ts. */
function bundleHarness(): Promise<{ js: string; css: string }> {
  harness ??= (async () => {
    let css = '';
    const result = await build({
      stdin: {
        contents:
          "export { mount, unmount, flushSync } from 'svelte';\n" +
          "export { default as LoadProgress } from './src/widgets/load-progress/LoadProgress.svelte';\n" +
          "export * from './src/lib/data/loader.ts';\n" +
          "export { clearDataCache } from './src/lib/data/cache.ts';\n",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      plugins: [
        {
          name: 'svelte',
          setup(b) {
            b.onLoad({ filter: /\.svelte$/ }, async (args) => {
              const out = compile(await readFile(args.path, 'utf8'), { filename: args.path, css: 'external', generate: 'client' });
              css += out.css?.code ?? '';
              return { contents: out.js.code, loader: 'js' };
            });
          },
        },
      ],
    });
    return { js: result.outputFiles[0]!.text, css };
  })();
  return harness;
}

/** Serves the harness from the site's origin and opens the home page (site CSS, CSP, COOP/COEP). */
async function openHarness(page: Page): Promise<void> {
  const { js, css } = await bundleHarness();
  await page.route(`**${HARNESS}`, (route) => route.fulfill({ body: js, contentType: 'text/javascript; charset=utf-8' }));
  await page.route(`**${HARNESS_CSS}`, (route) => route.fulfill({ body: css, contentType: 'text/css; charset=utf-8' }));
  await page.goto('/');
}

/** sha256 of the first n labels and images of a split, straight from the files on disk. */
async function expectedDigests(dataset: string, split: string, n: number): Promise<{ labels: string; images: string }> {
  const manifest = JSON.parse(await readFile(join(DIST, 'data', 'manifest.json'), 'utf8')) as Manifest;
  const labels = createHash('sha256');
  const images = createHash('sha256');
  for (const shard of manifest.datasets[dataset as 'mnist'].splits[split as 'test'].shards) {
    if (shard.offset >= n) break;
    const decoded = decodeShard(new Uint8Array(await readFile(join(DIST, 'data', shard.file))));
    const take = Math.min(shard.count, n - shard.offset);
    labels.update(decoded.labels.subarray(0, take));
    images.update(decoded.images.subarray(0, take * 784));
  }
  return { labels: labels.digest('hex'), images: images.digest('hex') };
}

interface PageLoad {
  count: number;
  labels: string;
  images: string;
  events: number;
  last: { loadedBytes: number; totalBytes: number; fromCache: boolean } | null;
}

/** Runs loadImageSet in the page; returns digests of what it produced and its last progress event. */
function loadInPage(page: Page, dataset: string, split: string, limit: number): Promise<PageLoad> {
  return page.evaluate(
    async ({ url, dataset, split, limit }) => {
      const data = await import(url);
      const hex = async (bytes: Uint8Array<ArrayBuffer>) =>
        Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
      let events = 0;
      let last = null;
      const set = await data.loadImageSet(dataset, split, { limit, onProgress: (p: PageLoad['last']) => { events++; last = p; } });
      return { count: set.count, labels: await hex(set.labels), images: await hex(set.images), events, last };
    },
    { url: HARNESS, dataset, split, limit },
  );
}

test.describe('loader in the browser', () => {
  test('fetches only the shards a limit needs, verifies them, and serves a second visit from the Cache API', async ({ page, problems }) => {
    const shardRequests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/data/')) shardRequests.push(path);
    });
    await openHarness(page);
    await page.evaluate(async (url) => (await import(url)).clearDataCache(), HARNESS);

    const want = await expectedDigests('mnist', 'test', 1500);
    const first = await loadInPage(page, 'mnist', 'test', 1500);
    expect(first).toMatchObject({ count: 1500, labels: want.labels, images: want.images });
    expect(first.last).toEqual({ loadedBytes: 2 * 785016, totalBytes: 2 * 785016, fromCache: false });
    expect(first.events).toBeGreaterThan(2);
    expect(shardRequests.sort()).toEqual(['/data/manifest.json', '/data/mnist/test-000.bin', '/data/mnist/test-001.bin']);

    // A second visit: a fresh page, the same browser profile.
    shardRequests.length = 0;
    await page.reload();
    const second = await loadInPage(page, 'mnist', 'test', 1500);
    expect(second).toMatchObject({ count: 1500, labels: want.labels, images: want.images });
    expect(second.last).toEqual({ loadedBytes: 2 * 785016, totalBytes: 2 * 785016, fromCache: true });
    expect(shardRequests).toEqual(['/data/manifest.json']);
    expectNoProblems(problems);
  });

  test('evicts a corrupted cache entry and downloads the shard again', async ({ page, problems }) => {
    await openHarness(page);
    await page.evaluate(async (url) => (await import(url)).clearDataCache(), HARNESS);
    await loadInPage(page, 'fashion-mnist', 'test', 10);
    await page.evaluate(async () => {
      const cache = await caches.open('bottleneck-data-v1');
      const key = (await cache.keys()).find((r) => r.url.includes('/data/fashion-mnist/test-000.bin'))!;
      const bytes = new Uint8Array(await (await cache.match(key))!.arrayBuffer());
      bytes[4000] = bytes[4000]! ^ 0xff;
      await cache.put(key, new Response(bytes));
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const again = await loadInPage(page, 'fashion-mnist', 'test', 10);
    const want = await expectedDigests('fashion-mnist', 'test', 10);
    expect(again).toMatchObject({ count: 10, labels: want.labels, images: want.images });
    expect(requests).toContain('/data/fashion-mnist/test-000.bin');
    expectNoProblems(problems);
  });

  test('can be aborted', async ({ page }) => {
    await openHarness(page);
    const outcome = await page.evaluate(async (url) => {
      const data = await import(url);
      const controller = new AbortController();
      try {
        await data.loadImageSet('mnist', 'train', {
          cacheStorage: null,
          signal: controller.signal,
          onProgress: (p: { loadedBytes: number }) => p.loadedBytes > 0 && controller.abort(),
        });
        return 'resolved';
      } catch (error) {
        return (error as Error).name;
      }
    }, HARNESS);
    expect(outcome).toBe('AbortError');
  });
});

test.describe('LoadProgress widget', () => {
  test('shows amount, cache note and an accessible progress bar', async ({ page }) => {
    await openHarness(page);
    await page.evaluate(
      async ({ url, css }) => {
        const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: css });
        document.head.append(link);
        await new Promise((done) => link.addEventListener('load', done));
        const { mount, LoadProgress } = await import(url);
        const host = document.createElement('section');
        host.id = 'load-progress-demo';
        host.style.cssText = 'display:grid;gap:1.25rem;padding:1rem;background:var(--bg-raised);border:1px solid var(--border)';
        document.querySelector('main')!.prepend(host);
        const variants = [
          { label: 'MNIST test images', loaded: 1_234_567, total: 7_850_160 },
          { label: 'Fashion-MNIST training images', loaded: 0, total: 0 },
          { label: 'MNIST test images', loaded: 7_850_160, total: 7_850_160, fromCache: true },
        ];
        for (const props of variants) {
          const slot = host.appendChild(document.createElement('div'));
          mount(LoadProgress, { target: slot, props });
        }
      },
      { url: HARNESS, css: HARNESS_CSS },
    );
    const demo = page.locator('#load-progress-demo');
    const bars = demo.getByRole('progressbar');
    await expect(bars).toHaveCount(3);
    await expect(bars.nth(0)).toHaveAccessibleName('Loading MNIST test images…');
    await expect(bars.nth(0)).toHaveAttribute('aria-valuetext', '1.2 of 7.9 MB');
    await expect(demo.getByText('1.2 of 7.9 MB')).toBeVisible();
    await expect(bars.nth(1)).not.toHaveAttribute('value'); // unknown total: indeterminate
    await expect(bars.nth(2)).toHaveAccessibleName('Loaded MNIST test images');
    await expect(demo.getByText('from cache', { exact: true })).toBeVisible();
    await expect(demo.getByRole('status').nth(2)).toHaveText('Loaded MNIST test images from cache.');

    const axe = await axeBuilder(page).include('#load-progress-demo').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    if (process.env['DATA_SHOTS']) {
      for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 700 });
        await demo.screenshot({ path: `${process.env['DATA_SHOTS']}/load-progress-${scheme}-${width}.png` });
      }
    }
  });
});
