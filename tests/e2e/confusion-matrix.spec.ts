import { axeBuilder } from './axe';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoProblems, installRecordWriter, test, openPage } from './fixtures';

// Lesson 1's confusion matrix on a hand-made record (no training): every row has 1,000 items.
// Shirt is recognised 147 times and taken for a T-shirt 406 times; Bag is recognised 962 times.
const LESSON = '/lessons/01-classification/';
const SHIRT_ROW = { 6: 147, 0: 406, 2: 200, 4: 150, 3: 97 } as const;

async function seed(page: Page): Promise<void> {
  await openPage(page, LESSON);
  await installRecordWriter(page);
  await page.evaluate(async (shirtRow) => {
    const count = 10_000;
    const labels = new Uint8Array(count);
    const predicted = new Uint8Array(count);
    const perClass = new Array(10).fill(0) as number[];
    // The plan for one item: its n-th of 1,000 in its class decides the prediction.
    const plan = (t: number, n: number): number => {
      if (t === 6) {
        let from = 0;
        for (const [column, size] of Object.entries(shirtRow)) {
          if (n < from + size) return Number(column);
          from += size;
        }
        return 6;
      }
      if (t === 8) return n < 962 ? 8 : 6;
      return n < 900 ? t : (t + 1) % 10;
    };
    for (let i = 0; i < count; i++) {
      const t = i % 10;
      labels[i] = t;
      predicted[i] = plan(t, perClass[t]!++);
    }
    const record = {
      key: 'cls-dense', model: 'dense-784-128-10', source: 'trained', dataset: 'fashion-mnist', trainExamples: 2000, epochs: 1,
      hyper: { epochs: 1, batchSize: 64, learningRate: 0.001 }, seed: 1, backend: 'cpu', testAccuracy: 0.8009, testLoss: 0.6,
      testExamples: count, trainAccuracy: 0.8, history: [], savedAt: new Date().toISOString(),
      predictions: { labels, predicted, probabilities: new Uint8Array(count * 10) },
    };
    await (globalThis as unknown as { __putModelRecord: (r: unknown) => Promise<void> }).__putModelRecord(record);
  }, SHIRT_ROW);
}

function matrix(page: Page): Locator {
  return page.locator('.confusion-matrix');
}

function cell(page: Page, actual: string, predicted: string): Locator {
  return matrix(page).getByRole('button', { name: new RegExp(`^${actual.replace('/', '\\/')} predicted as ${predicted.replace('/', '\\/')}: \\d+$`) });
}

/** Relative luminance of a cell's background (1 for an unpainted cell on the light theme). */
async function luminance(button: Locator): Promise<number> {
  return button.evaluate((el) => {
    const bg = getComputedStyle(el.parentElement!).backgroundColor;
    const parts = bg.match(/[\d.]+/g)!.map(Number);
    if (parts.length === 4 && parts[3] === 0) return 1;
    const lin = parts.slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  });
}

test.describe('confusion matrix', () => {
  test.setTimeout(120_000);

  test('each cell is shaded by its share of its row: a weak diagonal looks weak', async ({ page, problems }) => {
    await seed(page);
    await expect(matrix(page).locator('tbody button')).toHaveCount(100, { timeout: 30_000 });
    await expect(matrix(page).locator('caption')).toContainText('83.1% on the diagonal');
    // Bag (962/1000) is a deeper green than Shirt (147/1000): lower luminance on the light theme.
    const bag = await luminance(cell(page, 'Bag', 'Bag'));
    const shirt = await luminance(cell(page, 'Shirt', 'Shirt'));
    expect(bag).toBeLessThan(shirt - 0.1);
    // Along the Shirt row, the mistakes deepen with their share: 406 > 200 > 150 > 97 > 0.
    const row = [];
    for (const name of ['T-shirt/top', 'Pullover', 'Coat', 'Dress', 'Trouser']) row.push(await luminance(cell(page, 'Shirt', name)));
    expect(row).toEqual([...row].sort((a, b) => a - b));
    expect(new Set(row).size).toBe(row.length);
    await expect(cell(page, 'Shirt', 'T-shirt/top').locator('..')).toHaveAttribute('data-share', '0.4060');
    expectNoProblems(problems);
  });

  test('a cell says how many of its images are shown, and shows more by keyboard', async ({ page, problems }) => {
    await seed(page);
    await cell(page, 'Shirt', 'T-shirt/top').click();
    const shown = matrix(page).getByTestId('cell-images');
    await expect(shown.locator('h4')).toHaveText('Shirt predicted as T-shirt/top');
    await expect(shown.getByTestId('cell-count')).toHaveText('24 of 406 shown');
    await expect(shown.getByRole('img')).toHaveCount(24, { timeout: 30_000 });
    const more = shown.getByRole('button', { name: 'Show 24 more' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(shown.getByTestId('cell-count')).toHaveText('48 of 406 shown');
    await expect(shown.getByRole('img')).toHaveCount(48);
    await expect(more).toBeFocused();

    // A small cell: the last page is shorter, and then the button goes and focus moves to the count.
    await cell(page, 'Bag', 'Shirt').click();
    await expect(shown.locator('h4')).toHaveText('Bag predicted as Shirt');
    await expect(shown.getByTestId('cell-count')).toHaveText('24 of 38 shown');
    const rest = shown.getByRole('button', { name: 'Show 14 more' });
    await rest.focus();
    await page.keyboard.press('Space');
    await expect(shown.getByTestId('cell-count')).toHaveText('All 38 shown');
    await expect(shown.getByRole('img')).toHaveCount(38);
    await expect(shown.getByRole('button', { name: /more/ })).toHaveCount(0);
    await expect(shown.getByTestId('cell-count')).toBeFocused();
    expectNoProblems(problems);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious problem on any cell colour, ${scheme}`, async ({ page, problems }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await seed(page);
      await expect(matrix(page).locator('tbody button')).toHaveCount(100, { timeout: 30_000 });
      await cell(page, 'Shirt', 'T-shirt/top').click();
      await expect(matrix(page).getByTestId('cell-images').getByRole('img')).toHaveCount(24, { timeout: 30_000 });
      const axe = await axeBuilder(page).include('.confusion-matrix').analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // The contrast rule really looked at the painted cells.
      const checked = axe.passes.find((r) => r.id === 'color-contrast')?.nodes.length ?? 0;
      expect(checked).toBeGreaterThanOrEqual(100);
      expectNoProblems(problems);
    });
  }

  for (const width of [390, 320]) {
    test(`fits a ${width} px phone: every column, the caption, 24 px targets`, async ({ page, problems }) => {
      await page.setViewportSize({ width, height: 800 });
      await seed(page);
      await expect(matrix(page).locator('tbody button')).toHaveCount(100, { timeout: 30_000 });
      const layout = await matrix(page).evaluate((figure) => {
        const limit = document.documentElement.clientWidth;
        const outside = [...figure.querySelectorAll('*')]
          .filter((e) => !e.classList.contains('visually-hidden') && e.getBoundingClientRect().right > limit + 0.5)
          .map((e) => `${e.tagName}.${e.className}`);
        const buttons = [...figure.querySelectorAll('tbody button')].map((b) => b.getBoundingClientRect());
        return { outside, narrowest: Math.min(...buttons.map((b) => b.width)), lowest: Math.min(...buttons.map((b) => b.height)) };
      });
      expect(layout.outside).toEqual([]);
      expect(layout.narrowest).toBeGreaterThanOrEqual(24);
      expect(layout.lowest).toBeGreaterThanOrEqual(24);
      // Every column heading is on screen and names its class in full for screen readers.
      const headers = matrix(page).getByRole('columnheader');
      await expect(headers).toHaveCount(10);
      const boot = (await matrix(page).getByRole('columnheader', { name: 'Ankle boot' }).boundingBox())!;
      expect(boot.x + boot.width).toBeLessThanOrEqual(width);
      await expect(matrix(page).getByRole('rowheader', { name: 'T-shirt/top' })).toBeVisible();
      expectNoProblems(problems);
    });
  }
});
