import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoProblems, waitForHydration, openPage } from './fixtures';

// The failure modes the training cell must survive (issue 3), reproduced in Chromium with the
// test hooks of src/lib/workers/debug-hooks.ts: `?debug-worker=1` names the worker
// "training-debug", which then honours debug messages (lose its WebGL context, block, report
// tf.memory()); `?debug-worker=f16` also forces 16-bit float textures; `?debug-stall-ms=N`
// shortens the cell's watchdog from 30 s so a hang is noticed within a CI-friendly time.
// Chromium here renders WebGL with SwiftShader (on the CPU), so WebGL runs are tiny.
const LESSON = '/lessons/01-classification/';

type Debug = { send(action: string, ms?: number): Promise<{ ok: boolean; result?: unknown; error?: string }>; live: number; created: number };

async function openCell(page: Page, query: string): Promise<Locator> {
  await openPage(page, LESSON + query);
  return cellOf(page);
}

async function cellOf(page: Page): Promise<Locator> {
  const cell = page.locator('.training-cell[data-store-key="cls-dense"]');
  await cell.scrollIntoViewIfNeeded();
  return cell;
}

async function choose(cell: Locator, settings: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(settings)) await cell.getByLabel(label, { exact: true }).selectOption(value);
}

const debugSend = (page: Page, action: string, ms?: number) =>
  page.evaluate(([a, m]) => (globalThis as unknown as { __bottleneckDebug: Debug }).__bottleneckDebug.send(a as string, m as number | undefined), [action, ms] as const);
const debugCounts = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { __bottleneckDebug?: Debug }).__bottleneckDebug;
    return { live: d?.live ?? 0, created: d?.created ?? 0 };
  });
/** Training workers the browser still runs for this page (Playwright sees each dedicated worker). */
const trainingWorkers = (page: Page) => page.workers().filter((w) => /training/.test(w.url()));

/**
 * After the page has ended its training workers (debugCounts says so), Chromium must not run them
 * any more. Normally each is gone from the page's worker list about 2 s later (tfjs's busy WASM
 * thread is ended by force after Chromium's 2-s grace). Under load, about one teardown in 10 to 30
 * here never finishes: the worker and one of its idle WASM threads stay, run no script and answer
 * nothing (seen for over 120 s, also with no DevTools on the workers and with our helper workers
 * off; scripts/worker-teardown-repro.ts). That is logged and annotated. A listed worker that still
 * runs script was not ended, and fails the test.
 */
async function expectTrainingWorkersEnded(page: Page): Promise<void> {
  try {
    await expect.poll(() => trainingWorkers(page).length, { timeout: 10_000 }).toBe(0);
    return;
  } catch {
    // Still listed: tell a teardown that hangs from a worker that runs.
  }
  const answers = await Promise.all(trainingWorkers(page).map((worker) => Promise.race([
    worker.evaluate(() => 'runs script').catch(() => 'gone'),
    new Promise<string>((done) => setTimeout(() => done('no answer in 5 s'), 5000)),
  ])));
  expect(answers.filter((answer) => answer === 'runs script'), 'a training worker the page ended still runs').toEqual([]);
  const description = `${answers.length} training worker(s) still listed 10 s after the page ended them, running no script (${answers.join(', ')})`;
  test.info().annotations.push({ type: 'worker teardown hang', description });
  console.log(`Chromium worker teardown hang at ${page.url()}: ${description}`);
}
const memoryOf = async (page: Page) => ((await debugSend(page, 'memory')).result as { numTensors: number; numBytes: number; backend: string });

/** The epochs of the validation points in the accuracy chart's data table, in order. */
async function validationEpochs(cell: Locator): Promise<number[]> {
  const rows = cell.locator('table').filter({ hasText: 'Validation accuracy' }).locator('tbody tr');
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? '')));
  return cells.filter((c) => c[0] === 'Validation accuracy').map((c) => Number(c[1]));
}

const train = (cell: Locator) => cell.getByRole('button', { name: 'Train', exact: true });
const headline = (cell: Locator) => cell.locator('.headline');

test.describe('training cell failure modes', () => {
  test.setTimeout(150_000);

  test('a WebGL context lost mid-run: the reader is told, training continues on WASM from the last finished epoch', async ({ page, problems }) => {
    const cell = await openCell(page, '?backend=webgl&debug-worker=1&debug-stall-ms=5000');
    await choose(cell, { 'Training images': '1000', Epochs: '3' });
    await train(cell).click();
    await expect(cell.locator('.backend-badge .pill')).toHaveText('WebGL', { timeout: 60_000 });
    // During epoch 2, so the checkpoint of epoch 1 exists.
    await expect(cell.getByText(/Epoch 2 of 3, batch/)).toBeVisible({ timeout: 90_000 });
    const lost = await debugSend(page, 'lose-webgl-context');
    expect(lost).toMatchObject({ ok: true, result: { lost: true } });
    const lostAt = Date.now();

    const notice = cell.locator('p.message').filter({ hasText: /Training continues on WASM from epoch \d\./ });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    const text = await notice.innerText();
    // Which path recovered: the watchdog (tfjs hung) or an error naming the context (tfjs threw).
    test.info().annotations.push({ type: 'context loss', description: `${Math.round((Date.now() - lostAt) / 100) / 10} s to recover: ${text}` });
    const from = Number(text.match(/from epoch (\d)\./)![1]);
    expect(from).toBeGreaterThanOrEqual(2);
    await expect(cell.locator('.backend-badge .pill')).toHaveText('WASM', { timeout: 30_000 });

    await expect(headline(cell)).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 90_000 });
    // 10 classes, chance 10%: well above it means the WebGL epochs' weights were continued, not garbage.
    expect(Number((await headline(cell).innerText()).match(/([\d.]+)%/)![1])).toBeGreaterThan(50);
    // One run: only the epochs left were trained, each epoch appears once in the curves.
    await expect(cell.getByText(new RegExp(`Trained ${((4 - from) * 1000).toLocaleString('en-US')} examples`))).toBeVisible();
    expect(await validationEpochs(cell)).toEqual([1, 2, 3]);
    await expect(cell.locator('[role="alert"]')).toHaveCount(0);
    // The WebGL worker was terminated; only the WASM one is left.
    expect(await debugCounts(page)).toEqual({ live: 1, created: 2 });
    await expect.poll(() => trainingWorkers(page).length).toBe(1);
    expectNoProblems(problems);
  });

  test('16-bit float textures: the cell stops on the first NaN loss, explains, suggests, and trains again', async ({ page, problems }) => {
    // Finding on this machine (SwiftShader): with WEBGL_FORCE_F16_TEXTURES the dense net's loss is
    // NaN by batch 2 already at the default learning rate 0.001 — no high learning rate needed.
    // The same run without F16 trains normally on WebGL (the context-loss test above trains two
    // WebGL epochs), so the NaN comes from the 16-bit textures.
    const cell = await openCell(page, '?backend=webgl&debug-worker=f16');
    await choose(cell, { 'Training images': '1000', Epochs: '1', 'Learning rate': '0.001' });
    const alert = cell.locator('[role="alert"]');
    const nanStop = async (): Promise<void> => {
      await train(cell).click();
      await expect(alert).toContainText(/The loss became NaN \(not a number\) in epoch 1, batch \d+, so training stopped/, { timeout: 90_000 });
      await expect(alert).toContainText('This graphics card computes in 16-bit floats, which overflow: open the page with ?backend=wasm (or ?backend=cpu) to train on the processor, or try a lower learning rate than 0.001.');
      await expect(cell).toHaveAttribute('data-status', 'error');
      await expect(headline(cell)).toHaveCount(0);
      await expect(train(cell)).toBeEnabled();
    };
    await train(cell).click();
    // F16 really is on: tfjs renders into half-float textures (asked while the run starts).
    await expect(cell).toHaveAttribute('data-status', 'running', { timeout: 90_000 });
    expect(await debugSend(page, 'env')).toMatchObject({ ok: true, result: { backend: 'webgl', forceF16: true, renderFloat32: false } });
    await expect(alert).toContainText(/The loss became NaN/, { timeout: 90_000 });
    await nanStop(); // Train works again after the stop (and stops again: same seed, same NaN)
    // Each failed run's worker was ended (its tensors with it); none is left running.
    expect(await debugCounts(page)).toEqual({ live: 0, created: 2 });
    await expectTrainingWorkersEnded(page);
    expectNoProblems(problems);
  });

  test('worker memory: three runs, a stopped run replaced, and Reset leave no tensors behind', async ({ page, problems }) => {
    const cell = await openCell(page, '?backend=wasm&debug-worker=1');
    await choose(cell, { 'Training images': '250', Epochs: '1' });
    const runToEnd = async (): Promise<void> => {
      await train(cell).click();
      await expect(cell).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    };
    await runToEnd();
    // The baseline is taken after the first run: the backend's own one-time tensors exist by then.
    const baseline = await memoryOf(page);
    expect(baseline.backend).toBe('wasm');
    for (let i = 0; i < 2; i++) {
      await runToEnd();
      expect(await memoryOf(page)).toEqual(baseline);
    }
    // A stopped run keeps its tensors for Resume; a new Train abandons it and must free them.
    await choose(cell, { 'Training images': '5000', Epochs: '3' });
    await train(cell).click();
    await expect(cell.getByText(/Epoch \d of 3, batch/)).toBeVisible({ timeout: 60_000 });
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect(cell).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
    expect((await memoryOf(page)).numTensors).toBeGreaterThan(baseline.numTensors);
    await choose(cell, { 'Training images': '250', Epochs: '1' });
    await runToEnd();
    expect(await memoryOf(page)).toEqual(baseline);
    // Reset ends the worker: nothing of it is left running.
    await cell.getByRole('button', { name: 'Reset' }).click();
    expect(await debugCounts(page)).toEqual({ live: 0, created: 1 });
    await expectTrainingWorkersEnded(page);
    expectNoProblems(problems);
  });

  test('main-thread tfjs widgets: feature maps and filter gallery share one CNN, and 20 model swaps return tf.memory() to its start', async ({ page, problems }) => {
    await openPage(page, '/lessons/04-convolutional-networks/?debug-worker=1');
    const memory = () => page.evaluate(() => (globalThis as unknown as { __bottleneckTfMemory: () => { numTensors: number; numBytes: number } }).__bottleneckTfMemory());
    // Settled: both widgets hold their model and the same reading twice in a row.
    const settled = async () => {
      let last = '';
      await expect.poll(async () => {
        const now = JSON.stringify(await memory());
        const same = now === last;
        last = now;
        return same;
      }, { intervals: [500], timeout: 30_000 }).toBe(true);
      return JSON.parse(last) as { numTensors: number; numBytes: number };
    };
    await expect(page.getByTestId('feature-maps')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('filter-gallery')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    const start = await settled();
    // One copy of the CNN's weights (8 tensors, 243,786 float32 parameters) shared by both widgets
    // through the page's model cache; the layer table, which builds the lesson's models to
    // summarise them, left nothing behind either.
    expect(start).toMatchObject({ numTensors: 8, numBytes: 243_786 * 4 });
    // Each event makes both widgets take the newly stored CNN from the cache and release the copy
    // they held (what the training cell does when it stores a model). All 20 at once: the harsh case.
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) dispatchEvent(new CustomEvent('bottleneck:model-saved', { detail: { key: 'cnn-course' } }));
    });
    const end = await settled();
    expect(end).toEqual(start);
    await expect(page.getByTestId('feature-maps')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('filter-gallery')).toHaveAttribute('data-status', 'ready');
    expectNoProblems(problems);
  });

  test('a tab hidden mid-run: hidden time does not count as a stall, the run finishes once, no errors', async ({ page, problems }) => {
    const cell = await openCell(page, '?backend=wasm&debug-worker=1&debug-stall-ms=1500');
    // Does headless Chromium hide a page when another tab comes to the front? (It does not here:
    // every page stays "visible", so hidden-ness is emulated below.)
    const other = await page.context().newPage();
    await other.bringToFront();
    test.info().annotations.push({ type: 'real tab switch', description: `visibilityState behind another tab: ${await page.evaluate(() => document.visibilityState)}` });
    await other.close();
    await page.bringToFront();

    await choose(cell, { 'Training images': '10000', Epochs: '3' });
    await train(cell).click();
    await expect(cell.getByText(/Epoch 1 of 3, batch/)).toBeVisible({ timeout: 60_000 });
    const setHidden = (hidden: boolean) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    // While hidden, the worker says nothing for 8 s: over 5× the watchdog's limit and over its
    // quiet-phase limit (4×, at an epoch's end), as a hidden tab's throttled page or a paused
    // worker would look. A watchdog that counted hidden time would "recover" here; this one must
    // not. The minute of the issue is only a longer silence: the watchdog resets its clock on
    // every check while hidden, so the length of the hidden time never matters.
    const blocked = await debugSend(page, 'block', 8000);
    expect(blocked.ok).toBe(true);
    await page.waitForTimeout(1000);
    await setHidden(false);
    await expect(headline(cell)).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 90_000 });
    await expect(cell.getByText(/Training continues on/)).toHaveCount(0);
    await expect(cell.getByText(/Trained 30,000 examples/)).toBeVisible();
    expect(await validationEpochs(cell)).toEqual([1, 2, 3]);
    expect(await debugCounts(page)).toEqual({ live: 1, created: 1 });
    expectNoProblems(problems);
  });

  test('a visible tab whose worker goes silent: the watchdog continues the run on another backend', async ({ page, problems }) => {
    // The control for the test above: the same silence while visible must trigger the recovery.
    const cell = await openCell(page, '?backend=wasm&debug-worker=1&debug-stall-ms=1500');
    // 10,000 images: epoch 2 lasts long enough to be caught even on a quiet machine (~8,000 ex/s on WASM).
    await choose(cell, { 'Training images': '10000', Epochs: '3' });
    await train(cell).click();
    await expect(cell.getByText(/Epoch 2 of 3, batch/)).toBeVisible({ timeout: 60_000 });
    void debugSend(page, 'block', 8000).catch(() => undefined); // the worker is terminated before it answers
    const notice = cell.locator('p.message').filter({ hasText: /^The wasm backend stopped responding \(a lost graphics context\?\)\. Training continues on CPU from epoch [23]\.$/ });
    await expect(notice).toBeVisible({ timeout: 15_000 });
    // The rest runs on plain-JS CPU: ~1,400 ex/s here (about 50 s for the two epochs and the test
    // set), a few hundred when other work shares the two cores (150 s ran out twice at load 8-12).
    test.setTimeout(360_000);
    await expect(headline(cell)).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 300_000 });
    expect(await validationEpochs(cell)).toEqual([1, 2, 3]);
    expect(await debugCounts(page)).toEqual({ live: 1, created: 2 });
    expectNoProblems(problems);
  });

  test('navigating away mid-run and back: the worker ends, the checkpoint is offered, continuing repeats no epoch', async ({ page, problems }) => {
    const cell = await openCell(page, '?backend=wasm&debug-worker=1');
    await choose(cell, { 'Training images': '10000', Epochs: '5' });
    await train(cell).click();
    await expect(cell.getByText(/Epoch 2 of 5, batch/)).toBeVisible({ timeout: 60_000 });
    const [worker] = trainingWorkers(page);
    expect(worker).toBeDefined();
    const closed = worker!.waitForEvent('close');
    await page.goto('/');
    await closed; // terminated with the page, not left running
    await page.goBack();
    await waitForHydration(page, () => page.reload()); // opened again by reloading, not by going back further
    const back = await cellOf(page);
    const offer = back.getByText(/^An earlier run stopped after epoch \d of 5/);
    await expect(offer).toBeVisible();
    const done = Number((await offer.innerText()).match(/epoch (\d) of 5/)![1]);
    expect(done).toBeGreaterThanOrEqual(1);
    await back.getByRole('button', { name: `Continue from epoch ${done + 1}` }).click();
    await expect(headline(back)).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 90_000 });
    await expect(back.getByText(new RegExp(`Trained ${((5 - done) * 10000).toLocaleString('en-US')} examples`))).toBeVisible();
    expect(await validationEpochs(back)).toEqual([1, 2, 3, 4, 5]);
    expect(await debugCounts(page)).toEqual({ live: 1, created: 1 });
    expectNoProblems(problems);
  });
});
