import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems, openPage } from './fixtures';

// The training cell on the Classification lesson, driven like a reader: real Fashion-MNIST,
// real tfjs in the worker. Small runs keep it quick; the bars below are justified inline.
const LESSON = '/lessons/01-classification/';

async function openCell(page: Page, query = '') {
  await openPage(page, LESSON + query);
  const cell = page.locator('.training-cell[data-store-key="cls-dense"]');
  await cell.scrollIntoViewIfNeeded();
  return cell;
}

async function choose(cell: ReturnType<Page['locator']>, settings: Record<string, string>) {
  for (const [label, value] of Object.entries(settings)) await cell.getByLabel(label, { exact: true }).selectOption(value);
}

test.describe('training cell', () => {
  test.setTimeout(240_000);

  test('trains once on a double click, reports test accuracy, keeps the model over a reload', async ({ page, problems }) => {
    const cell = await openCell(page);
    await choose(cell, { 'Training images': '5000', Epochs: '2' });
    const train = cell.getByRole('button', { name: 'Train', exact: true });
    await train.dblclick(); // a double click must start exactly one run
    await expect(train).toBeDisabled();
    await expect(cell.getByText(/Epoch \d of 2, batch/)).toBeVisible({ timeout: 60_000 });
    await expect(cell.locator('.backend-badge .pill')).toHaveText(/^(WebGPU|WebGL|WASM|CPU)$/);
    const headline = cell.getByText(/^Test accuracy: \d+\.\d%$/);
    await expect(headline).toBeVisible({ timeout: 180_000 });
    // 10 classes: chance is 10%. A dense net sees 5,000 images twice and gets ~80% here; 70% leaves
    // room for backend rounding yet fails for a broken pipeline (shuffled labels, no learning).
    const accuracy = Number((await headline.innerText()).match(/([\d.]+)%/)![1]);
    expect(accuracy).toBeGreaterThan(70);
    // One run: exactly 5,000 × 2 examples were trained (a second run would add more or fail).
    await expect(cell.getByText(/Trained 10,000 examples/)).toBeVisible();
    await expect(cell.locator('[role="alert"]')).toHaveCount(0);
    // Curves have data tables.
    await cell.getByText('Data table: accuracy').click();
    await expect(cell.locator('table').filter({ hasText: 'Validation accuracy' })).toBeVisible();
    await expect(cell.getByTestId('stored-label')).toHaveText(/^trained on 5,000 Fashion-MNIST images, 2 epochs, test accuracy \d+\.\d%$/);
    const label = await cell.getByTestId('stored-label').innerText();

    await page.reload();
    const again = await openCell(page);
    await expect(again.getByTestId('stored-label')).toHaveText(label);
    expectNoProblems(problems);
  });

  test('Stop finishes the batch, Resume continues without repeating examples', async ({ page, problems }) => {
    const cell = await openCell(page);
    await choose(cell, { 'Training images': '5000', Epochs: '3' });
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.getByText(/Epoch \d of 3, batch/)).toBeVisible({ timeout: 60_000 });
    await cell.getByRole('button', { name: 'Stop' }).click();
    const resume = cell.getByRole('button', { name: 'Resume' });
    await expect(resume).toBeEnabled({ timeout: 30_000 });
    await expect(cell).toHaveAttribute('data-status', 'stopped');
    await expect(cell.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await resume.click();
    await expect(cell.getByText(/^Test accuracy: \d+\.\d%$/)).toBeVisible({ timeout: 180_000 });
    // Stopped and resumed, the run still trained every example exactly three times.
    await expect(cell.getByText(/Trained 15,000 examples/)).toBeVisible();
    // Reset clears the run but keeps the stored model.
    await cell.getByRole('button', { name: 'Reset' }).click();
    await expect(cell.getByText(/^Test accuracy/)).toHaveCount(0);
    await expect(cell.getByTestId('stored-label')).toContainText('3 epochs');
    expectNoProblems(problems);
  });

  test('Load pretrained evaluates the shipped weights, stores them, and the challenge refuses them', async ({ page, problems }) => {
    const cell = await openCell(page);
    // The reference run shipped with the weights is drawn before any training.
    await expect(cell.getByText(/^Grey: the run that made the pretrained weights \(20,000 images/)).toBeVisible();
    // The prediction gallery further down is empty, and offers what fills it: "Train above"
    // brings the cell's Train button into focus.
    const gallery = page.locator('.prediction-gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect(gallery.getByTestId('predictions-empty')).toContainText('once the network is trained or loaded');
    await expect(gallery.locator('figcaption')).toHaveCount(0); // no caption for pictures that are not there
    await gallery.getByRole('button', { name: 'Train above' }).click();
    await expect(cell.getByRole('button', { name: 'Train', exact: true })).toBeFocused();
    await cell.getByRole('button', { name: 'Load pretrained' }).click();
    const headline = cell.locator('.headline');
    await expect(headline).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 60_000 });
    // The pretrained model is described once: the result, the stored line, and a grey note without repeated figures.
    await expect(cell.getByText(/^Grey: the run that made the pretrained weights\. Are your settings doing better\?$/)).toBeVisible();
    await expect(cell.getByText(/^On 10,000 test images the network never saw while training\. Measured here with (WebGPU|WebGL|WASM|CPU)\. Train your own to compare\.$/)).toBeVisible();
    await expect(gallery.locator('.items > li')).toHaveCount(12);
    // SOURCE.md states 86.9% (Node, WASM); the browser's evaluation of the same weights must agree closely.
    const accuracy = Number((await headline.innerText()).match(/([\d.]+)%/)![1]);
    expect(Math.abs(accuracy - 86.9)).toBeLessThan(0.3);
    await expect(cell.getByTestId('stored-label')).toHaveText(/^pretrained weights, trained on 20,000 Fashion-MNIST images, 5 epochs, test accuracy/);
    const challenge = page.locator('[data-exercise-id="cls-challenge-85"]');
    await challenge.scrollIntoViewIfNeeded();
    await challenge.getByRole('button', { name: 'Check my model' }).click();
    await expect(challenge).toContainText('the challenge counts a model you trained yourself');
    expectNoProblems(problems);
  });

  test('estimates the training time from a device measurement', async ({ page, problems }) => {
    const cell = await openCell(page);
    await cell.getByRole('button', { name: 'Estimate the training time' }).click();
    await expect(cell.getByText(/^Estimated training time: about .+ \([\d,]+ examples\/s measured on \w+\)\.$/)).toBeVisible({ timeout: 90_000 });
    expectNoProblems(problems);
  });

  test('a reload mid-run offers to continue from the last finished epoch, with no epoch repeated', async ({ page, problems }) => {
    const cell = await openCell(page);
    await choose(cell, { 'Training images': '5000', Epochs: '8' });
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.getByText(/Epoch 3 of 8, batch/)).toBeVisible({ timeout: 90_000 });
    await page.reload(); // the worker dies with the page
    const again = await openCell(page);
    const offer = again.getByText(/^An earlier run stopped after epoch \d of 8/);
    await expect(offer).toBeVisible();
    const done = Number((await offer.innerText()).match(/epoch (\d) of 8/)![1]);
    expect(done).toBeGreaterThanOrEqual(2);
    await again.getByRole('button', { name: `Continue from epoch ${done + 1}` }).click();
    await expect(again.getByText(new RegExp(`Epoch ${done + 1} of 8, batch`))).toBeVisible({ timeout: 60_000 });
    await expect(again.locator('.headline')).toHaveText(/^Test accuracy: \d+\.\d%$/, { timeout: 180_000 });
    // The loss curve shows the checkpoint's finished epochs (their smoothed values at each epoch's
    // end, stored with it) before the continued ones: one line from the start, no gap.
    await again.getByText('Data table: loss').click();
    const lossRows = await again.locator('table').first().locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
    const trainingX = lossRows.filter((r) => r[0] === 'Training loss (smoothed)').map((r) => Number(r[1]));
    expect(trainingX[0]).toBe(1);
    expect(trainingX.at(-1)).toBe(8);
    // Only the remaining epochs were trained: (8 − done) × 5,000 examples.
    await expect(again.getByText(new RegExp(`Trained ${((8 - done) * 5000).toLocaleString('en-US')} examples`))).toBeVisible();
    await expect(again.getByTestId('stored-label')).toContainText('trained on 5,000 Fashion-MNIST images, 8 epochs');
    // The finished run removed its checkpoint: no offer after another reload.
    await page.reload();
    const third = await openCell(page);
    await expect(third.getByTestId('stored-label')).toBeVisible();
    await expect(third.getByText(/^An earlier run stopped/)).toHaveCount(0);
    expectNoProblems(problems);
  });

  test('same seed, same run; leaving mid-run and coming back is clean', async ({ page, problems }) => {
    // On the CPU backend runs are bit-identical. (Multi-threaded WASM may order float sums
    // differently between runs, so there curves agree to about two decimals, not bit for bit.)
    const cell = await openCell(page, '?backend=cpu');
    await choose(cell, { 'Training images': '2000', Epochs: '2' });
    const runOnce = async (): Promise<string[]> => {
      await cell.getByRole('button', { name: 'Train', exact: true }).click();
      await expect(cell.locator('.headline')).toHaveText(/^Test accuracy/, { timeout: 120_000 });
      const rows = cell.locator('table').filter({ hasText: 'Validation accuracy' }).locator('tbody tr');
      const validation = (await rows.allTextContents()).filter((r) => r.startsWith('Validation'));
      return [await cell.locator('.headline').innerText(), ...validation];
    };
    const first = await runOnce();
    await cell.getByRole('button', { name: 'Reset' }).click();
    const second = await runOnce();
    expect(first.length).toBe(3); // headline + one validation point per epoch
    expect(second).toEqual(first);
    await expect(cell.locator('.backend-badge .pill')).toHaveText('CPU');

    // Navigate away mid-run and back: the old worker is gone, nothing errors, the cell is usable.
    await choose(cell, { 'Training images': '5000', Epochs: '5' });
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.getByText(/Epoch \d of 5, batch/)).toBeVisible({ timeout: 60_000 });
    await page.goto('/');
    await page.goBack();
    const back = await openCell(page);
    await expect(back).toHaveAttribute('data-status', 'idle');
    await expect(back.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    expectNoProblems(problems);
  });
});
