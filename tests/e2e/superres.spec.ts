import type { Locator, Page } from '@playwright/test';
import { axeInBothSchemes, formulaRights } from './axe';
import { test, expect, expectNoProblems, openPage } from './fixtures';

// Lesson 10, driven like a reader on the built site: the explorer with the shipped network, a
// short real training run in the worker that must beat nearest and bicubic upsampling, the
// results table and the explorer following that run, the challenge grading it, the photo
// upscaler refusing a region outside the photo, and the layout and axe at 1280 and 390 px.
const PAGE = '/lessons/10-super-resolution/';

/** PSNR (dB) shown in one explorer panel. */
async function panelDb(explorer: Locator, stage: string): Promise<number> {
  const text = await explorer.locator(`[data-testid="sr-panel"][data-stage="${stage}"] [data-testid="sr-psnr"]`).innerText();
  const m = /(\d+\.\d) dB/.exec(text);
  expect(m, `${stage}: ${text}`).not.toBeNull();
  return Number(m![1]);
}

async function trainShort(page: Page, cell: Locator): Promise<number> {
  await cell.scrollIntoViewIfNeeded();
  await cell.getByLabel('Training images', { exact: true }).selectOption('2000');
  await cell.getByLabel('Epochs', { exact: true }).selectOption('1');
  const runs = (): Promise<number> => page.evaluate(() => (JSON.parse(localStorage.getItem('bottleneck:runs:v1') ?? '[]') as unknown[]).length);
  const before = await runs();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(runs, { timeout: 240_000 }).toBe(before + 1);
  const headline = await cell.locator('.headline').innerText();
  const m = /^Test PSNR: (\d+\.\d) dB$/.exec(headline);
  expect(m, headline).not.toBeNull();
  return Number(m![1]);
}

test.describe('lesson 10: super-resolution', () => {
  test.setTimeout(420_000);

  test('explorer, a short real run that beats the baselines, the table, the challenge, the photo and the layout', async ({ page, problems }) => {
    await openPage(page, PAGE);

    // The explorer with the shipped ×2 MNIST network: five panels, three PSNRs, the network best.
    const explorer = page.getByTestId('superres-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(explorer.getByTestId('sr-panel')).toHaveCount(5);
    await expect(explorer.locator('[data-testid="sr-panel"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))).resolves.toEqual(['low', 'nearest', 'bicubic', 'network', 'original']);
    await expect(explorer.getByTestId('sr-psnr')).toHaveCount(3);
    expect(await panelDb(explorer, 'network')).toBeGreaterThan(await panelDb(explorer, 'bicubic'));
    await expect(explorer.getByTestId('sr-zoom')).toBeVisible();

    // The results table: the script's figures, the shipped network above bicubic on MNIST ×2.
    const table = page.getByTestId('superres-table');
    const mnist2 = table.locator('tr[data-row="mnist×2"]');
    await expect(mnist2.locator('td.num')).toHaveCount(5);
    const cells = (await mnist2.locator('td.num').allInnerTexts()).map((t) => Number(/(\d+\.\d)/.exec(t)![1]));
    expect(cells[3]).toBeGreaterThan(cells[2]!); // network > bicubic
    await expect(table).toHaveAttribute('data-reader-rows', '0');

    // A short real run (2,000 MNIST images, 1 epoch, ×2) beats nearest and bicubic on all test images.
    const cell = page.locator('.training-cell[data-store-key="sr"]');
    const psnr = await trainShort(page, cell);
    expect(psnr).toBeGreaterThan(cells[0]!); // nearest
    expect(psnr).toBeGreaterThan(cells[2]!); // bicubic
    await expect(table).toHaveAttribute('data-reader-rows', '1');
    await expect(mnist2.getByTestId('sr-table-yours')).toHaveText(`yours ${psnr.toFixed(1)}`);
    await expect(explorer.getByTestId('sr-network-source')).toContainText(/yours/i, { timeout: 30_000 });

    // The challenge grades the reader's own run against its bar.
    const challenge = page.locator('[data-exercise-id="sr-challenge"]');
    await challenge.scrollIntoViewIfNeeded();
    await challenge.getByRole('button', { name: 'Check my model' }).click();
    await expect(challenge).toContainText(new RegExp(`${psnr.toFixed(1).replace('.', '\\.')} dB`));

    // The photo upscaler: PSNRs for bicubic and the network; a region outside the photo is refused.
    const photo = page.getByTestId('photo-upscale');
    await photo.scrollIntoViewIfNeeded();
    await expect(photo).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(photo.locator('[data-testid="photo-psnr"][data-stage="network"]')).toHaveText(/\d+\.\d dB/);
    const x = photo.getByLabel(/^x/);
    await x.fill('600');
    await expect(photo.locator('[role="alert"], [aria-live]').filter({ hasText: /inside/ }).first()).toBeVisible();

    // Layout and axe at 1280 and 390 px.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const id of ['superres-explorer', 'superres-table', 'photo-upscale', 'layer-table']) {
        for (const part of await page.getByTestId(id).all()) {
          await part.scrollIntoViewIfNeeded();
          expect(await part.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `${id} at ${width} px`).toBe(true);
        }
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `page at ${width} px`).toBe(true);
      for (const right of await formulaRights(page)) expect(right).toBeLessThanOrEqual(width);
      expect(await axeInBothSchemes(page), `${width} px`).toEqual({ light: [], dark: [] });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expectNoProblems(problems);
  });
});
