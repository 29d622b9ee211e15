import { axeBuilder } from './axe';
import { test, expect, expectNoProblems, openPage } from './fixtures';

// The Anomaly-detection lesson's cell after a short real run on MNIST digits: the mixed test stream
// (held-out digits, Fashion-MNIST items, salted digits) is scored by reconstruction error, the AUC
// is reported and graded by the challenge, and the page is axe-clean.
const LESSON = '/lessons/09-anomaly-detection/';

test.describe('Anomaly detection lesson', () => {
  test.setTimeout(300_000);

  test('a detector trained on digits only separates the anomalies (AUC > 0.8) and the challenge grades it', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const cell = page.locator('.training-cell[data-store-key="anomaly-ae"]');
    await cell.scrollIntoViewIfNeeded();
    await cell.getByLabel('Training images', { exact: true }).selectOption('2000');
    await cell.getByLabel('Epochs', { exact: true }).selectOption('2');
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.locator('.headline')).toHaveText(/^Test PSNR: \d+\.\d dB$/, { timeout: 240_000 });
    const detail = await cell.locator('.detail').innerText();
    const auc = Number(detail.match(/AUC (\d\.\d{3})/)![1]);
    // Fashion items are far from any digit; after 2,000 digits × 2 epochs the AUC is ~0.9 here.
    expect(auc).toBeGreaterThan(0.8);

    // The explorer shows the same model's stream: its ROC's AUC is the one the cell reported.
    // The second explorer (after the prose on ROC) draws it; the first lists the threshold's mistakes.
    const [first, explorer] = [page.getByTestId('anomaly-explorer').nth(0), page.getByTestId('anomaly-explorer').nth(1)];
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer.getByTestId('roc-title')).toContainText(`AUC ${auc.toFixed(3)}`);
    await first.scrollIntoViewIfNeeded();
    const fn = Number((await first.getByTestId('count-fn').locator('strong').innerText()).replace(/,/g, ''));
    const fp = Number((await first.getByTestId('count-fp').locator('strong').innerText()).replace(/,/g, ''));
    await expect(first.getByTestId('missed-anomalies')).toHaveAttribute('data-total', String(fn));
    await expect(first.getByTestId('false-alarms')).toHaveAttribute('data-total', String(fp));
    await expect(first.getByTestId('missed-anomalies').getByTestId('example')).toHaveCount(Math.min(8, fn));
    await expect(first.getByTestId('false-alarms').getByTestId('example')).toHaveCount(Math.min(8, fp));

    const challenge = page.locator('[data-exercise-id="an-challenge-auc"]');
    await challenge.scrollIntoViewIfNeeded();
    await challenge.getByRole('button', { name: 'Check my model' }).click();
    await expect(challenge).toContainText(auc >= 0.99 ? /Correct! Your model reaches an AUC of/ : new RegExp(`reaches an AUC of ${auc.toFixed(3)} on the test images; the goal is an AUC of 0.990`));

    const recall = page.locator('[data-exercise-id="an-precision-recall"]');
    await recall.scrollIntoViewIfNeeded();
    await recall.getByLabel('Recall').fill('0.9');
    await recall.getByRole('button', { name: 'Check' }).click();
    await expect(recall).toContainText('Correct!');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const axe = await axeBuilder(page).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    expectNoProblems(problems);
  });
});
