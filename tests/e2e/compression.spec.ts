/**
 * "Compression, honestly measured" on the built site: the comparison runs in the browser with
 * the shipped autoencoder (nothing stored in a fresh profile) and the browser's own JPEG
 * encoder; the digit autoencoder does better on digits than on Fashion-MNIST items; every JPEG
 * that claims to fit its byte budget does; the sentences under the table use the measured
 * figures; canvases are labelled; axe-clean; 390 px without horizontal scrolling.
 */
import { axeBuilder } from './axe';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoProblems, test, openPage } from './fixtures';

/** The page with the widget. Until the lesson embeds it, a dev page (src/pages/dev/compression.astro, not committed). */
const PAGE = process.env['COMPRESSION_PAGE'] ?? '/lessons/05-autoencoders/';

const value = async (row: Locator, testId: string): Promise<number> => Number(await row.getByTestId(testId).getAttribute('data-value'));
const rowOf = (page: Page, set: string, view: 'single' | 'sheet'): Locator => page.locator(`[data-testid=compression-row][data-set=${set}][data-view=${view}]`);

async function runComparison(page: Page): Promise<Locator> {
  await openPage(page, PAGE);
  const widget = page.getByTestId('compression-table');
  await widget.getByRole('button', { name: 'Run the comparison' }).click();
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return widget;
}

test('the comparison runs: the digit autoencoder does better on digits than on clothes, and JPEG sizes respect the budget', async ({ page, problems }) => {
  const widget = await runComparison(page);
  await expect(widget.getByTestId('model-used')).toContainText('the pretrained autoencoder (trained on');
  await expect(widget.getByTestId('compression-row')).toHaveCount(6);

  const mnist = rowOf(page, 'mnist', 'single');
  const fashion = rowOf(page, 'fashion', 'single');
  const aeBytes = await value(mnist, 'ae-bytes');
  expect(aeBytes).toBe(16 + 8); // k = 16 codes at 8 bits + the 8-byte min/max header
  expect(await value(mnist, 'ae-psnr')).toBeGreaterThan(await value(fashion, 'ae-psnr'));
  expect(await value(mnist, 'ae-psnr')).toBeGreaterThan(14);

  for (const row of await widget.getByTestId('compression-row').all()) {
    const jpeg = row.getByTestId('jpeg-bytes');
    const bytes = Number(await jpeg.getAttribute('data-value'));
    const budget = await value(row, 'ae-bytes');
    const psnr = await value(row, 'jpeg-psnr');
    expect(Number.isFinite(bytes) && bytes > 0).toBe(true);
    expect(psnr).toBeGreaterThan(5);
    // A JPEG that says it fits is within the autoencoder's bytes; one that does not shows its smallest file, over budget.
    if ((await jpeg.getAttribute('data-fitted')) === 'true') expect(bytes).toBeLessThanOrEqual(budget);
    else {
      expect(bytes).toBeGreaterThan(budget);
      await expect(jpeg).toContainText('over budget');
    }
  }
  // A sprite sheet shares JPEG's headers: far fewer bytes per image than one file each.
  expect(await value(rowOf(page, 'mnist', 'sheet'), 'jpeg-bytes')).toBeLessThan((await value(mnist, 'jpeg-bytes')) / 5);

  // The sentences quote the measured figures.
  const reading = widget.getByTestId('compression-reading');
  await expect(reading.locator('p')).not.toHaveCount(0);
  await expect(reading).toContainText(`${(await value(mnist, 'ae-psnr')).toFixed(1)} dB`);
  await expect(widget.getByTestId('compression-amortised')).toBeVisible();

  // Example images: labelled canvases (3 per set).
  const canvases = widget.getByRole('img');
  await expect(canvases).toHaveCount(9);
  for (const c of await canvases.all()) expect((await c.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(10);
  expectNoProblems(problems);
});

test('after a run: axe-clean in light and dark mode, and no horizontal scrolling at 390 px', async ({ page, problems }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await runComparison(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await axeBuilder(page).include('[data-testid=compression-table]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`), scheme).toEqual([]);
  }
  expectNoProblems(problems);
});

test('no stored model and no shipped weights: a clear message, not a crash', async ({ page, problems }) => {
  await page.route('**/models/ae-dense-mnist/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await openPage(page, PAGE);
  const widget = page.getByTestId('compression-table');
  await widget.getByRole('button', { name: 'Run the comparison' }).click();
  await expect(widget).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(widget.getByRole('alert')).toContainText('No autoencoder of yours is stored');
  // The 404s themselves are logged by the browser; anything else is a problem.
  problems.consoleErrors = problems.consoleErrors.filter((e) => !/404|Failed to load resource/.test(e));
  expectNoProblems(problems);
});
