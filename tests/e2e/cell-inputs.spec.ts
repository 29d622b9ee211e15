import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoProblems, openPage } from './fixtures';

/** Lesson 1's first training cell, hydrated and in view; `images` and `epochs` set the run's size. */
async function lessonCell(page: Page, query = '', size: { images?: string; epochs?: string } = {}): Promise<Locator> {
  await openPage(page, `/lessons/01-classification/${query}`);
  const cell = page.locator('.training-cell').first();
  await cell.scrollIntoViewIfNeeded();
  if (size.images) await cell.getByLabel('Training images', { exact: true }).selectOption(size.images);
  if (size.epochs) await cell.getByLabel('Epochs', { exact: true }).selectOption(size.epochs);
  return cell;
}

// A training cell's typed field refuses bad input where it is typed, in plain words, and never
// sends it to the worker: Train waits until the seed is a seed again.
test('the seed field refuses what is not a seed, and Train waits for a good one', async ({ page, problems }) => {
  const cell = await lessonCell(page);
  const seed = cell.getByLabel('Seed');
  const train = cell.getByRole('button', { name: 'Train', exact: true });
  for (const bad of ['-1', 'abc', '1e309', '12345678901234567890', '']) {
    await seed.fill(bad);
    await expect(seed).toHaveAttribute('aria-invalid', 'true');
    await expect(cell.getByRole('alert')).toContainText('whole number from 0 to 999,999');
    await expect(train).toBeDisabled();
  }
  await seed.fill('7');
  await expect(seed).not.toHaveAttribute('aria-invalid', 'true');
  await expect(cell.getByRole('alert')).toHaveCount(0);
  await expect(train).toBeEnabled();
  expectNoProblems(problems);
});

// Stop at any moment is kept: while the worker loads the data (30 ms), while it sets up the model
// (500 ms) and in the middle of an epoch. Each time the run ends up stopped, with Resume offered.
test('Stop is never lost: pressed while loading, while setting up, and mid-epoch', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const cell = await lessonCell(page, '', { images: '2000' });
  const train = cell.getByRole('button', { name: 'Train', exact: true });
  const stop = cell.getByRole('button', { name: 'Stop' });
  for (const when of [30, 500, 'mid-epoch'] as const) {
    await train.click();
    if (when === 'mid-epoch') await expect(cell.locator('.progress-panel .what')).toContainText(/Epoch 1 of \d+, batch/, { timeout: 60_000 });
    else await page.waitForTimeout(when);
    await stop.click();
    await expect(cell, `Stop at ${when}`).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
    await expect(cell.getByRole('button', { name: 'Resume' })).toBeEnabled();
    await cell.getByRole('button', { name: 'Reset' }).click();
    await expect(cell).toHaveAttribute('data-status', 'idle');
  }
  expectNoProblems(problems);
});

// A shared link that forces a backend this machine lacks (no WebGPU here) still trains, and says why.
test('?backend=webgpu on a machine without WebGPU falls back to a measured backend, saying so', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const cell = await lessonCell(page, '?backend=webgpu', { images: '500', epochs: '1' });
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.locator('.headline')).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 150_000 });
  await expect(cell).toContainText('WebGPU would not start here');
  expectNoProblems(problems);
});

// Two tabs train the same cell: the last to finish is the stored model, and the other tab says so.
test('two tabs training one cell: the first is told its model was replaced, and shows the stored one', async ({ page, problems }) => {
  test.setTimeout(240_000);
  const other = await page.context().newPage();
  const cells: Locator[] = [];
  for (const p of [page, other]) {
    await p.bringToFront(); // a background tab gets no frames, so its islands would not hydrate
    cells.push(await lessonCell(p, '', { images: '250', epochs: '1' }));
  }
  const [first, second] = cells as [Locator, Locator];
  await page.bringToFront();
  await first.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(first.locator('.headline')).toBeVisible({ timeout: 120_000 });
  await expect(first.getByTestId('replaced-note')).toHaveCount(0);
  await other.bringToFront();
  await second.getByLabel('Seed').fill('7');
  await second.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(second.locator('.headline')).toBeVisible({ timeout: 120_000 });
  await page.bringToFront();
  await expect(first.getByTestId('replaced-note')).toContainText('Another tab of the course has since stored a different model');
  await expect(second.getByTestId('replaced-note')).toHaveCount(0);
  await other.close();
  expectNoProblems(problems);
});

// A run log this version cannot read is never overwritten silently: the readable runs are kept,
// the text as it was is copied to a backup key, and the cell says so.
test('a damaged run log is backed up, repaired and reported when a run is saved', async ({ page, problems }) => {
  test.setTimeout(120_000);
  const damaged = JSON.stringify([{ storeKey: 'cls-dense', model: 'from-the-future' }]);
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem('bottleneck:runs:v1', text); sessionStorage.setItem('seeded', '1'); }
  }, damaged);
  const cell = await lessonCell(page, '', { images: '250', epochs: '1' });
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(cell.locator('.headline')).toBeVisible({ timeout: 90_000 });
  await expect(cell.getByTestId('run-log-note')).toContainText('bottleneck:runs:v1:backup');
  const stored = await page.evaluate(() => [localStorage.getItem('bottleneck:runs:v1:backup'), JSON.parse(localStorage.getItem('bottleneck:runs:v1') ?? '[]').length]);
  expect(stored).toEqual([damaged, 1]);
  expectNoProblems(problems);
});
