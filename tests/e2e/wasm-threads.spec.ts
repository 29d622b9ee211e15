/**
 * The WASM thread path in a real Chromium: on a cross-origin isolated page of a machine with
 * more than one core, the course's WASM setup (configureWasm) runs on more than one thread, and
 * training the course CNN there (XNNPACK's pool and our helper workers both) gives the same
 * losses, step by step, as on one thread (to 1e-4).
 * The page is a bundle of tests/e2e/harness/wasm-threads-page.ts with the site's own /tfjs/
 * binaries, served by the site's static server (which sends the isolation headers).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { build } from 'esbuild';
import { serveStatic } from '../../scripts/serve-static';
import { test, expect } from './fixtures';
import type { ThreadRun } from './harness/wasm-threads-page';

const PORT = Number(process.env['E2E_PORT'] ?? 4399) + 60;
const STEPS = 6;
let dir = '';
let server: Server | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bottleneck-threads-'));
  await build({
    entryPoints: [resolve('tests/e2e/harness/wasm-threads-page.ts')],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true,
    outfile: join(dir, 'page.js'), logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>WASM threads</title><link rel="icon" href="data:,"><script type="module" src="/page.js"></script>');
  symlinkSync(resolve('dist/tfjs'), join(dir, 'tfjs'));
  server = await serveStatic(dir, PORT);
});

test.afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('WASM runs on every core and trains the course CNN to the same losses as on one thread', async ({ browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  // One page per run: WASM fixes its thread count when the backend starts.
  const train = async (threads?: number): Promise<ThreadRun> => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    try {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => 'trainCourseCnn' in globalThis);
      return await page.evaluate(([steps, t]) => (globalThis as unknown as { trainCourseCnn: (s: number, t?: number) => Promise<ThreadRun> }).trainCourseCnn(steps!, t), [STEPS, threads] as const);
    } finally {
      await page.close();
    }
  };
  const one = await train(1);
  const every = await train();
  expect(one.error).toBeUndefined();
  expect(every.error).toBeUndefined();
  expect(every.isolated).toBe(true);
  expect(one.threads).toBe(1);
  expect(one.sharedJobs).toBe(0);
  if (every.cores > 1) {
    expect(every.threads).toBeGreaterThan(1);
    expect(every.sharedJobs).toBeGreaterThan(0); // our own kernel loops ran on helper workers too
  }
  else console.log('One core: the thread path cannot be exercised here');
  expect(one.losses).toHaveLength(STEPS);
  expect(one.losses.at(-1)!).toBeLessThan(one.losses[0]!);
  for (const [i, loss] of every.losses.entries()) expect(Math.abs(loss - one.losses[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(one.losses[i]!)));
  expect(one.leakedTensors).toBe(0);
  expect(every.leakedTensors).toBe(0);
  expect(errors).toEqual([]);
});
