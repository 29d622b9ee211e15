import { axeBuilder } from './axe';
import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems, openPage } from './fixtures';

// The Classification lesson after a short real training run: confusion matrix with clickable
// cells, prediction gallery with mistakes marked, the model challenge graded by that model,
// gallery of the ten classes, axe and 390 px layout.
const LESSON = '/lessons/01-classification/';

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await axeBuilder(page).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('Classification lesson', () => {
  test.setTimeout(240_000);

  test('gallery names the ten classes; matrix, predictions and challenge follow the trained model', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const gallery = page.locator('.fashion-gallery');
    await expect(gallery.locator('.name')).toHaveCount(10, { timeout: 30_000 });
    await expect(gallery).toContainText('Ankle boot');
    await expect(gallery.locator('canvas[role="img"]').first()).toHaveAttribute('aria-label', /T-shirt\/top, example 1/);

    // Before training: the results say what to do.
    await expect(page.locator('.confusion-matrix')).toContainText('No trained model yet');

    const cell = page.locator('.training-cell[data-store-key="cls-dense"]');
    await cell.scrollIntoViewIfNeeded();
    await cell.getByLabel('Training images', { exact: true }).selectOption('2000');
    await cell.getByLabel('Epochs', { exact: true }).selectOption('2');
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.locator('.headline')).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 180_000 });
    const accuracy = Number((await cell.locator('.headline').innerText()).match(/([\d.]+)%/)![1]);
    // 2,000 images × 2 epochs: ~75–80% here; above 65% proves real learning (chance: 10%).
    expect(accuracy).toBeGreaterThan(65);

    // The confusion matrix is the same model's: its diagonal share equals the reported accuracy.
    const matrix = page.locator('.confusion-matrix');
    await expect(matrix.locator('caption')).toContainText(`${accuracy.toFixed(1)}% on the diagonal`);
    const cells = matrix.locator('tbody button');
    await expect(cells).toHaveCount(100);
    let total = 0;
    for (const text of await cells.allInnerTexts()) total += Number(text);
    expect(total).toBe(10_000);
    // Click the biggest mistake: its images appear.
    await matrix.getByRole('button', { name: /^Shirt predicted as T-shirt\/top: \d+$/ }).click();
    const shown = matrix.getByTestId('cell-images');
    await expect(shown.locator('h4')).toHaveText('Shirt predicted as T-shirt/top');
    await expect(shown.locator('canvas, p').first()).toBeVisible();

    const predictions = page.locator('.prediction-gallery');
    await expect(predictions.locator('.items > li')).toHaveCount(12);
    await predictions.getByLabel('Mistakes only').check();
    await expect(predictions.locator('.items > li.wrong')).toHaveCount(12);
    await expect(predictions.locator('.items > li').first()).toContainText(/✗ .+, it is a /);

    // The challenge grades this model: below 85% it says how far off it is.
    const challenge = page.locator('[data-exercise-id="cls-challenge-85"]');
    await challenge.scrollIntoViewIfNeeded();
    await challenge.getByRole('button', { name: 'Check my model' }).click();
    const verdict = accuracy >= 85 ? /Correct! Your model reaches/ : new RegExp(`Your model reaches ${accuracy.toFixed(1)}% on the test images; the goal is 85.0%`);
    await expect(challenge).toContainText(verdict);

    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expectNoProblems(problems);
  });

  test('numeric and multiple-choice exercises are graded', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const nodes = page.locator('[data-exercise-id="cls-input-nodes"]');
    await nodes.getByLabel('Weights').fill('307200');
    await nodes.getByRole('button', { name: 'Check' }).click();
    await expect(nodes).toContainText('Correct!');
    const pick = page.locator('[data-exercise-id="cls-softmax-pick"]');
    await pick.getByLabel('Sneaker (class 7)').check();
    await pick.getByRole('button', { name: 'Check' }).click();
    await expect(pick).toContainText('second highest');
    await pick.getByLabel('Sandal (class 5)').check();
    await pick.getByRole('button', { name: 'Check' }).click();
    await expect(pick).toContainText('Correct!');
    expectNoProblems(problems);
  });
});
