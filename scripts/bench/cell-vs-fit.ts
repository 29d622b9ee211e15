// Node side of the cell-vs-fit section of `npm run bench`: the lesson's training cell, pressed
// like a reader on the BUILT site, against a bare `model.fit` of the same model on the same
// backend in the same browser (scripts/bench/bare-fit.ts, in the bench bundle).
//
// Cell: a fresh browser context opens the lesson with ?backend=wasm, sets Training images /
// Epochs / Batch size through the cell's own selects, presses Train and waits for "Test
// accuracy". Figures: the examples/s the cell itself reports under the result (the worker's
// training-only figure: batch time summed, yields and epoch-end work excluded), and a wall-clock
// figure taken from the worker's progress messages as they reach the page (first to last batch,
// everything between them included: yields, gathers, messages). Two tap points, set before
// navigation by an init script and changing nothing the page does: a buffered 'longtask'
// PerformanceObserver (main-thread tasks > 50 ms), and a second 'message' listener on the
// training Worker that timestamps its events.
//
// Bare: model.fit on the page's main thread, one warm-up batch first, run before and after the
// cell so background load on the shared machine shows up as a spread rather than a bias.
//
// Wall-clock ratios swing ±30% when others load the machine, so CPU time is measured too
// (cpu-meter.ts): CPU ms per 1,000 examples of the training thread (cell worker vs bare main
// thread) and of the whole browser, which other load barely moves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BackendName } from '../../src/lib/ml/backends';
import type { ModelName } from '../../src/lib/ml/models';
import type { BareFitOptions, BareFitResult } from './bare-fit';
import { cpuMeter, cpuShares, type CpuSample, type CpuUse } from './cpu-meter';
import { INSTALL_TAPS, longTaskStats, type LongTaskStats, type Taps, type WorkerMessage } from './page-taps';

export interface CellVsFitCase {
  label: string;
  model: ModelName;
  lesson: string;
  storeKey: string;
  trainSize: number;
  epochs: number;
  batchSize: number;
  dataset?: 'mnist' | 'fashion-mnist';
}

/** Small enough for the whole section to take about a minute on a quiet 2-core machine (the CNN runs ~250–500 ex/s on WASM there; two under heavy load). */
export const CELL_VS_FIT_CASES: CellVsFitCase[] = [
  { label: 'dense 784→128→10', model: 'dense-784-128-10', lesson: '/lessons/01-classification/', storeKey: 'cls-dense', trainSize: 20000, epochs: 1, batchSize: 64 },
  { label: 'course CNN', model: 'cnn-64-64-128', lesson: '/lessons/04-convolutional-networks/', storeKey: 'cnn-course', trainSize: 2000, epochs: 1, batchSize: 64 },
  { label: 'dense autoencoder k=16', model: 'dense-autoencoder', lesson: '/lessons/05-autoencoders/', storeKey: 'ae-dense', trainSize: 10000, epochs: 1, batchSize: 64, dataset: 'mnist' },
  // The denoiser and the anomaly detector train the same network: the cell's own figures show what their tasks add (noise per batch; the scored stream after testing).
  { label: 'denoiser k=32, σ = 0.5', model: 'dense-autoencoder', lesson: '/lessons/07-denoising/', storeKey: 'dn-dense', trainSize: 10000, epochs: 1, batchSize: 64, dataset: 'mnist' },
  { label: 'anomaly detector k=16', model: 'dense-autoencoder', lesson: '/lessons/09-anomaly-detection/', storeKey: 'anomaly-ae', trainSize: 10000, epochs: 1, batchSize: 64, dataset: 'mnist' },
];
/** BENCH_CASES=denoiser,anomaly picks cases by label words (before/after comparisons of one task). */
export function selectedCases(filter = process.env['BENCH_CASES']): CellVsFitCase[] {
  if (!filter) return CELL_VS_FIT_CASES;
  const words = filter.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  return CELL_VS_FIT_CASES.filter((c) => words.some((w) => c.label.toLowerCase().includes(w)));
}
const BACKEND: BackendName = 'wasm';
const SEED = 42;

export interface CellRun {
  /** examples/s printed under the result ("… (N examples/s on wasm)"). */
  shownExamplesPerSecond: number;
  shownBackend: string;
  /** The same figure unrounded, from the worker's 'done' message. */
  workerExamplesPerSecond: number;
  /** (examples after the last progress − after the first) / ms between those messages reaching the page. */
  spanExamplesPerSecond: number;
  /** Examples / seconds from pressing Train to the 'done' message (worker start, data, validation and test evaluation included). */
  wallExamplesPerSecond: number;
  wallSeconds: number;
  testAccuracy: string;
  /** Main-thread long tasks from pressing Train to 'done'. */
  during: LongTaskStats;
  /** Long animation frames (> 50 ms, rendering included) from pressing Train to 2 s after 'done'. */
  longFrames: LongTaskStats;
  /** … and in the 2 s after it (the page reacting to the stored model). */
  after: LongTaskStats;
  progressMessages: number;
  /** CPU used while the batches ran, in % of one core: page main thread (CDP TaskDuration: wall time of its tasks, an upper bound on a busy machine; script/style/layout parts), all renderer processes (the worker included), GPU process. */
  cpu: CpuUse;
  /** Examples trained between the two CPU samples. */
  cpuExamples: number;
  /** A deliberate 120 ms task after the run was seen by the observer (else the counts mean nothing). */
  observerWorks: boolean;
}

export interface CellVsFitResult {
  case: CellVsFitCase;
  /** 1-based, when the section runs each case more than once (BENCH_CELL_RUNS). */
  run: number;
  bare: BareRun[];
  cell?: CellRun;
  error?: string;
}

async function runCell(browser: Browser, siteUrl: string, c: CellVsFitCase): Promise<CellRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error (${c.lesson}):`, e.message));
    await page.addInitScript(INSTALL_TAPS);
    await page.goto(`${siteUrl}${c.lesson}?backend=${BACKEND}`);
    await hydrate(page);
    // A first visit precaches the site (about 15 MB) in the service worker: let that finish, as a
    // returning reader's would have, so its CPU is not counted against the cell.
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((done) => setTimeout(done, 60_000))]));
    const cell = page.locator(`.training-cell[data-store-key="${c.storeKey}"]`);
    await cell.scrollIntoViewIfNeeded();
    for (const [label, value] of [['Training images', c.trainSize], ['Epochs', c.epochs], ['Batch size', c.batchSize]] as const) {
      await cell.getByLabel(label, { exact: true }).selectOption(String(value));
    }
    await page.waitForTimeout(500); // let the page settle: long tasks before the press are not the cell's
    const cpu = await cpuMeter(browser, await context.newCDPSession(page));
    await page.evaluate(() => {
      (globalThis as unknown as { __benchTaps: Taps }).__benchTaps.pressed = performance.now();
    });
    const examplesAt = (m: WorkerMessage): number => ((m.epoch ?? 1) - 1) * c.trainSize + Math.min(c.trainSize, (m.batch ?? 0) * c.batchSize);
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    // Waits poll the taps twice a second at most: the harness must not add main-thread work of its own.
    const waitForMessage = (type: string, lastBatch = false) => page.waitForFunction(([t, last]) => (globalThis as unknown as { __benchTaps: Taps }).__benchTaps.messages
      .some((m) => m.type === t && (!last || (m.batch === m.batches && m.epoch === m.epochs))), [type, lastBatch] as const, { polling: 100, timeout: 240_000 });
    const examplesNow = async (): Promise<number> => {
      const last = await page.evaluate(() => (globalThis as unknown as { __benchTaps: Taps }).__benchTaps.messages.filter((m) => m.type === 'progress').at(-1));
      return last ? examplesAt(last) : 0;
    };
    await waitForMessage('progress');
    const cpuStart = await cpu.sample();
    const examplesStart = await examplesNow();
    await waitForMessage('progress', true);
    const cpuEnd = await cpu.sample();
    const cpuExamples = (await examplesNow()) - examplesStart;
    await cpu.close();
    await page.waitForFunction(() => (globalThis as unknown as { __benchTaps: Taps }).__benchTaps.messages.some((m) => m.type === 'done'), undefined, { polling: 500, timeout: 240_000 });
    const detail = cell.locator('.result .detail');
    await cell.getByText(/^Test (accuracy: \d+\.\d%|PSNR: \d+\.\d dB)$/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000); // the 'after' window
    // Proof the observer can count: a deliberate 120 ms task on the main thread must show up
    // (scheduled with setTimeout: work done inside page.evaluate itself is not a page task).
    const probeStart = await page.evaluate(() => new Promise<number>((resolve) => setTimeout(() => {
      const t = performance.now();
      while (performance.now() - t < 120) { /* busy */ }
      resolve(t);
    }, 0)));
    await page.waitForTimeout(300);
    const taps = await page.evaluate(() => (globalThis as unknown as { __benchTaps: Taps }).__benchTaps);
    const observerWorks = taps.longTasks.some((t) => t.start >= probeStart - 5 && t.duration >= 100);
    const text = (await detail.innerText()).replace(/\s+/g, ' ');
    const shown = /Trained ([\d,]+) examples in .+? \(([\d,]+) examples\/s (?:on|with) (\w+)\)/.exec(text);
    if (!shown) throw new Error(`Cannot read the cell's speed from: ${text}`);
    if (shown[3]!.toLowerCase() !== BACKEND) throw new Error(`The cell trained on ${shown[3]}, not ${BACKEND}: ?backend= was not honoured`);
    const headline = await cell.locator('.headline').innerText();
    const pressed = taps.pressed ?? 0;
    const done = taps.messages.find((m) => m.type === 'done');
    if (!done) throw new Error('No done message from the training worker');
    const progress = taps.messages.filter((m) => m.type === 'progress' && m.batch !== undefined);
    const first = progress[0];
    const last = progress.at(-1);
    if (!first || !last || last === first) throw new Error('Too few progress messages to time the run');
    const seen = done.examplesSeen ?? c.trainSize * c.epochs;
    return {
      shownExamplesPerSecond: Number(shown[2]!.replace(/,/g, '')),
      shownBackend: shown[3]!,
      workerExamplesPerSecond: done.eps ?? NaN,
      spanExamplesPerSecond: ((examplesAt(last) - examplesAt(first)) * 1000) / (last.t - first.t),
      wallExamplesPerSecond: (seen * 1000) / (done.t - pressed),
      wallSeconds: (done.t - pressed) / 1000,
      testAccuracy: headline.replace(/^Test (accuracy|PSNR): /, ''),
      during: longTaskStats(taps.longTasks, pressed, done.t, pressed, taps.messages),
      longFrames: longTaskStats(taps.frames, pressed, done.t + 2000, pressed, taps.messages),
      after: longTaskStats(taps.longTasks, done.t, done.t + 2000, pressed, taps.messages),
      progressMessages: progress.length,
      observerWorks,
      cpu: cpuShares(cpuStart, cpuEnd),
      cpuExamples,
    };
  } finally {
    await context.close();
  }
}

/** Scrolls through the page so every client:visible island hydrates (as a reader who scrolled), then waits for them. */
async function hydrate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, { timeout: 30_000 });
  // Widgets that run the pretrained CNN on load (CNN lesson) finish before the timing starts.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="filter-gallery"], [data-testid="feature-maps"]')]
    .every((el) => el.getAttribute('data-status') === 'ready'), undefined, { timeout: 60_000 });
}

export type BareRun = BareFitResult & { cpu?: CpuUse };

async function runBare(browser: Browser, benchUrl: string, c: CellVsFitCase): Promise<BareRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('  page error (bare fit):', e.message));
    const cpu = await cpuMeter(browser, await context.newCDPSession(page));
    const samples: CpuSample[] = [];
    await page.exposeFunction('__benchMark', async () => {
      samples.push(await cpu.sample());
    });
    await page.goto(benchUrl);
    await page.waitForFunction(() => 'runBareFit' in globalThis);
    const options: BareFitOptions = { model: c.model, backend: BACKEND, count: c.trainSize, batchSize: c.batchSize, seed: SEED, ...(c.dataset ? { dataset: c.dataset } : {}) };
    const result: BareRun = await page.evaluate((o) => (globalThis as unknown as { runBareFit: (o: BareFitOptions) => Promise<BareFitResult> }).runBareFit(o), options);
    await cpu.close();
    if (samples.length === 2) result.cpu = cpuShares(samples[0]!, samples[1]!);
    return result;
  } finally {
    await context.close();
  }
}

/** Fails with a clear message when the built site is missing: the cell is measured as shipped. */
export function requireBuiltSite(distDir: string): void {
  if (!existsSync(join(distDir, 'lessons', '01-classification', 'index.html'))) {
    throw new Error(`The cell-vs-fit bench needs the built site in ${distDir}/: run \`npm run build\` first (or set DIST_DIR to a built copy).`);
  }
}

/**
 * Per case: bare, cell, bare, cell, … bare (`runs` cells). Each cell run is compared with the bare
 * fits just before and after it, so a burst of background load shows as a spread, not a bias.
 */
export async function runCellVsFit(browser: Browser, siteUrl: string, benchUrl: string, runs = 1, cases = CELL_VS_FIT_CASES): Promise<CellVsFitResult[]> {
  const results: CellVsFitResult[] = [];
  for (const c of cases) {
    let before: BareRun | undefined;
    for (let run = 1; run <= runs; run++) {
      const result: CellVsFitResult = { case: c, run, bare: [] };
      try {
        before ??= await runBare(browser, benchUrl, c);
        result.bare.push(before);
        result.cell = await runCell(browser, siteUrl, c);
        before = await runBare(browser, benchUrl, c);
        result.bare.push(before);
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
        before = undefined;
      }
      results.push(result);
    }
  }
  return results;
}

const fmt = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-US'));

export function printCellVsFit(results: CellVsFitResult[]): void {
  console.log(`\nTraining cell vs bare model.fit, ${BACKEND.toUpperCase()} both (?backend=${BACKEND}), real Fashion-MNIST, examples/s`);
  console.log('The cell trains in its Web Worker (TrainLoop + trainOnBatch, progress messages, curves on the page);');
  console.log('the bare fit runs model.fit on the main thread of a page with nothing else on it. That difference is part of the figure.');
  console.log('cell = the figure the cell shows (worker, batch time only); cell span = wall clock between its first and last');
  console.log('progress message on the page (yields and messages included); bare = fit before / after the cell; ratio = cell / mean bare.');
  const rows = [['model', 'images×epochs', 'batch', 'cell', 'cell span', 'bare fit', 'ratio', 'span ratio', 'press→done s', 'long tasks >50ms (n / max ms)', 'after done', 'test acc']];
  for (const r of results) {
    const c = r.case;
    const label = r.run > 1 || results.filter((x) => x.case === c).length > 1 ? `${c.label} #${r.run}` : c.label;
    const good = r.bare.filter((b) => !b.error);
    const bare = good.length ? good.reduce((s, b) => s + b.examplesPerSecond, 0) / good.length : NaN;
    const errors = [r.error, ...r.bare.map((b) => b.error)].filter(Boolean);
    const cell = r.cell;
    rows.push([
      label, `${c.trainSize.toLocaleString('en-US')}×${c.epochs}`, String(c.batchSize),
      fmt(cell?.shownExamplesPerSecond), fmt(cell?.spanExamplesPerSecond), good.map((b) => fmt(b.examplesPerSecond)).join(' / ') || '–',
      cell ? (cell.shownExamplesPerSecond / bare).toFixed(2) : '–', cell ? (cell.spanExamplesPerSecond / bare).toFixed(2) : '–',
      cell ? cell.wallSeconds.toFixed(1) : '–',
      cell ? `${cell.during.count} / ${cell.during.maxMs.toFixed(0)}` : '–', cell ? `${cell.after.count} / ${cell.after.maxMs.toFixed(0)}` : '–',
      cell?.testAccuracy ?? '–',
    ]);
    if (errors.length) console.log(`  ${label}: ${errors.join('; ')}`);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log(rows.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')).join('\n'));
  const threads = results.flatMap((r) => r.bare.map((b) => b.threads)).find((t) => t !== null);
  if (threads) console.log(`WASM threads (bare page; the worker uses the same configureWasm): ${threads}`);
  printCpuPerExample(results);
  if (results.some((r) => r.cell && !r.cell.observerWorks)) console.log('WARNING: the long-task observer missed a deliberate 120 ms task: the long-task counts are not meaningful.');
  for (const r of results) {
    if (!r.cell) continue;
    const label = `${r.case.label}${r.run > 1 || results.filter((x) => x.case === r.case).length > 1 ? ` #${r.run}` : ''}`;
    for (const [what, list] of [['long task', [...r.cell.during.list, ...r.cell.after.list]], ['long animation frame', r.cell.longFrames.list]] as const) {
      for (const line of list) console.log(`  ${label}: ${what} ${line}`);
    }
    if (r.cell.cpu.threads.length) console.log(`  ${label}: CPU by thread while training (% of a core): ${r.cell.cpu.threads.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    console.log(`  ${label}: worker figure ${r.cell.workerExamplesPerSecond.toFixed(1)} ex/s, ${r.cell.progressMessages} progress messages, long tasks during run total ${r.cell.during.totalMs.toFixed(0)} ms, long animation frames ${r.cell.longFrames.count} (max ${r.cell.longFrames.maxMs.toFixed(0)} ms), CPU while training (% of a core): page main thread ${r.cell.cpu.mainThread.toFixed(0)} (script ${r.cell.cpu.script.toFixed(0)}, style ${r.cell.cpu.style.toFixed(0)}, layout ${r.cell.cpu.layout.toFixed(0)}), renderer processes incl. worker ${r.cell.cpu.renderers.toFixed(0)}, GPU process ${r.cell.cpu.gpu.toFixed(0)}; wall press→done ${fmt(r.cell.wallExamplesPerSecond)} ex/s`);
  }
}

/** CPU ms per 1,000 examples from thread CPU time: what each side costs, whatever else the machine is doing. */
function printCpuPerExample(results: CellVsFitResult[]): void {
  const perK = (seconds: number, examples: number): number => (seconds * 1e6) / examples;
  const training = (cpu: CpuUse, keys: string[]): number => keys.reduce((t, k) => t + (cpu.threadSeconds[k] ?? 0), 0);
  const rows = [['model', 'training thread: cell worker', 'bare main thread', 'bare / cell', 'whole browser: cell', 'bare', 'bare / cell']];
  for (const r of results) {
    const cell = r.cell;
    const bares = r.bare.filter((b) => b.cpu && !b.error);
    if (!cell || !bares.length || !Object.keys(cell.cpu.threadSeconds).length || cell.cpuExamples <= 0) continue;
    const cellThread = perK(training(cell.cpu, ['renderer/DedicatedWorker']), cell.cpuExamples);
    const cellAll = perK(cell.cpu.totalSeconds, cell.cpuExamples);
    const mean = (f: (b: BareRun) => number): number => bares.reduce((t, b) => t + f(b), 0) / bares.length;
    const bareThread = mean((b) => perK(training(b.cpu!, ['renderer/chromium', 'renderer/DedicatedWorker']), b.count));
    const bareAll = mean((b) => perK(b.cpu!.totalSeconds, b.count));
    rows.push([`${r.case.label}${r.run > 1 || results.filter((x) => x.case === r.case).length > 1 ? ` #${r.run}` : ''}`,
      cellThread.toFixed(0), bareThread.toFixed(0), (bareThread / cellThread).toFixed(2), cellAll.toFixed(0), bareAll.toFixed(0), (bareAll / cellAll).toFixed(2)]);
  }
  if (rows.length === 1) return;
  console.log('\nCPU ms per 1,000 examples (thread CPU time from /proc: other load on the machine barely moves it; bare / cell ≥ 0.95 is the goal)');
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log(rows.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')).join('\n'));
}
