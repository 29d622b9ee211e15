import { defineConfig } from '@playwright/test';

const PORT = Number(process.env['E2E_PORT'] ?? 4399);

/** Debian's Chromium; never a downloaded browser. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

/**
 * Specs that train networks or wait on long runs. One at a time (a run uses both cores; two at
 * once doubled each run's time and the CPU-fallback run of failure-modes then timed out), beside
 * the short page tests on the second worker. Listed first so a long run never starts last.
 */
const LONG_SPECS = [
  'failure-modes', 'training-cell', 'cnn', 'autoencoders', 'anomaly-detection', 'denoising',
  'autoencoder-widgets', 'classification', 'runtime', 'vae',
].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: Number(process.env['E2E_WORKERS'] ?? 2),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One retry, as a stopgap: a page now and then gets no frames or a main thread parked on a
  // lock for minutes, even with the machine idle (two browsers at once in one run, issue 9). It
  // is not understood yet; stall-watch.ts names what the page and the processes were doing, and
  // the list reporter marks a test that passed only on retry as flaky. The aim stays 0.
  retries: Number(process.env['E2E_RETRIES'] ?? 1),
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    // --disable-gpu: pages composite and draw 2D canvases in software, so their frames no longer
    // wait on the one SwiftShader GPU process all pages of a run share (in full runs a page now and
    // then got no frames, or its main thread hung in a GPU call, for minutes; never alone). WebGL
    // still works: it stays on SwiftShader, which the runtime and failure-mode tests use.
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-gpu'] },
    trace: 'off',
  },
  projects: [
    { name: 'long', testMatch: LONG_SPECS, workers: 1 },
    { name: 'pages', testIgnore: LONG_SPECS },
  ],
  webServer: {
    command: `PORT=${PORT} npx tsx scripts/serve-static.ts`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
