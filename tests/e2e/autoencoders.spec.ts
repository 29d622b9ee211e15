import { axeBuilder } from './axe';
import { test, expect, expectNoProblems, openPage } from './fixtures';

// The Autoencoders lesson's training cells after short real runs on MNIST: the reconstruction
// error falls, the PSNR is reported and stored, the PSNR challenge grades that model (including
// its code-size cap), and the page stays axe-clean.
const LESSON = '/lessons/05-autoencoders/';

test.describe('Autoencoders lesson', () => {
  test.setTimeout(300_000);

  test('the code-size exercise shows the original and the three reconstructions, and its names do not give the answer away', async ({ page, problems }) => {
    await page.goto(LESSON);
    const section = page.locator('#exercise-ae-which-bottleneck');
    await section.scrollIntoViewIfNeeded();
    await expect(section.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 20_000 });
    const original = section.getByRole('img', { name: /^The original: a handwritten 4/ });
    await expect(original).toBeVisible();
    const radios = section.getByRole('radio');
    await expect(radios).toHaveCount(3);
    for (const [i, letter] of ['A', 'B', 'C'].entries()) {
      const picture = section.getByRole('img', { name: new RegExp(`^Reconstruction ${letter}:`) });
      await expect(picture).toBeVisible();
      // The picture labels its option, so a screen reader hears what it shows with the letter.
      await expect(radios.nth(i)).toHaveAccessibleName(new RegExp(`^${letter} Reconstruction ${letter}:`));
      const alt = (await picture.getAttribute('alt'))!;
      expect(alt).not.toMatch(/\d+ numbers|code|\bk\b/);
    }
    // Every picture really loaded: 28 × 28 pixels, drawn larger.
    const sizes = await section.locator('img').evaluateAll((imgs) => imgs.map((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]));
    expect(sizes).toEqual(Array(4).fill([28, 28]));
    await radios.nth(1).check();
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(section.getByTestId('explanation')).toHaveCount(0);
    await radios.nth(2).check();
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(section.getByTestId('explanation')).toContainText('look-alike 4s and 9s');
    // The challenge's goal reads as a sentence.
    await expect(page.locator('[data-exercise-id="ae-challenge-psnr"]')).toContainText('Goal: test PSNR ≥ 18 dB with a code of at most 16 numbers.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const axe = await axeBuilder(page).include('#exercise-ae-which-bottleneck').analyze();
      expect(axe.violations.map((v) => v.id), scheme).toEqual([]);
    }
    expectNoProblems(problems);
  });

  test('the dense autoencoder trains, its error falls, and the challenge grades its PSNR and code size', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const cell = page.locator('.training-cell[data-store-key="ae-dense"]');
    await cell.scrollIntoViewIfNeeded();
    await expect(cell.getByLabel('Data set')).toHaveValue('mnist');
    await cell.getByLabel('Code size (bottleneck)').selectOption('32');
    await cell.getByLabel('Training images', { exact: true }).selectOption('2000');
    await cell.getByLabel('Epochs', { exact: true }).selectOption('2');
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.locator('.headline')).toHaveText(/^Test PSNR: \d+\.\d dB$/, { timeout: 200_000 });
    const psnr = Number((await cell.locator('.headline').innerText()).match(/([\d.]+) dB/)![1]);
    // Untrained, the sigmoid outputs sit near 0.5 (about 7 dB); 2,000 digits × 2 epochs reach ~13–15 dB here.
    expect(psnr).toBeGreaterThan(11);
    // The reconstruction error fell: the validation MSE after epoch 2 is below epoch 1's (the chart's data table).
    const validation = await cell.locator('table tbody tr').evaluateAll((rows) => rows
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))
      .filter(([series]) => series === 'Validation loss')
      .map(([, x, y]) => ({ x: Number(x), y: Number(y) })));
    expect(validation.map((v) => v.x)).toEqual([1, 2]);
    expect(validation[1]!.y).toBeLessThan(validation[0]!.y);
    await expect(cell.getByTestId('stored-label')).toContainText(/trained on 2,000 MNIST images, code of 32 numbers, 2 epochs, test PSNR \d+\.\d dB/);

    // The challenge caps the code at 16 numbers: this model's 32 are refused with a reason.
    const challenge = page.locator('[data-exercise-id="ae-challenge-psnr"]');
    await challenge.scrollIntoViewIfNeeded();
    await challenge.getByRole('button', { name: 'Check my model' }).click();
    await expect(challenge).toContainText('Your model\'s code has 32 numbers; the challenge allows at most 16');
    expectNoProblems(problems);
  });

  test('the convolutional autoencoder trains on WASM and lands in the bottleneck sweep', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const cell = page.locator('.training-cell[data-store-key="ae-conv"]');
    await cell.scrollIntoViewIfNeeded();
    await cell.getByLabel('Training images', { exact: true }).selectOption('2000');
    await cell.getByLabel('Epochs', { exact: true }).selectOption('2');
    await cell.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(cell.locator('.headline')).toHaveText(/^Test PSNR: \d+\.\d dB$/, { timeout: 200_000 });
    const psnr = Number((await cell.locator('.headline').innerText()).match(/([\d.]+) dB/)![1]);
    // An output stuck near the mean image scores about 8 dB (1,000 digits × 1 epoch got 7.9 here);
    // 2,000 × 2 must do better than that.
    expect(psnr).toBeGreaterThan(9);
    await expect(cell.getByTestId('stored-label')).toContainText('code of 16 numbers');
    await expect(page.getByText(/^Conv · MNIST/).first()).toBeVisible();
    expectNoProblems(problems);
  });

  test('Load pretrained evaluates the shipped autoencoder: PSNR, code size, and the gallery shows it', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const cell = page.locator('.training-cell[data-store-key="ae-dense"]');
    await cell.scrollIntoViewIfNeeded();
    // Before anything is stored, the drawing widget runs the shipped autoencoder (CPU backend) on
    // the pad's starter drawing, a square with a diagonal: 12.5 dB with these weights in Node.
    const draw = page.getByTestId('draw-reconstruct');
    await expect(draw.getByTestId('draw-network')).toContainText('the course’s pretrained one');
    await expect(draw.getByTestId('draw-psnr')).toHaveText(/^Rebuilt: 12\.[45] dB$/);
    // The reader's code-size setting must not relabel the shipped k = 16 weights.
    await cell.getByLabel('Code size (bottleneck)').selectOption('2');
    await cell.getByRole('button', { name: 'Load pretrained' }).click();
    // SOURCE.md: 18.64 dB on the 10,000 test digits with the float16 weights.
    await expect(cell.locator('.headline')).toHaveText(/^Test PSNR: 18\.[5-7] dB$/, { timeout: 120_000 });
    await expect(cell.getByTestId('stored-label')).toContainText(/^pretrained weights, trained on 30,000 MNIST images, code of 16 numbers, 5 epochs, test PSNR 18\.\d dB$/);
    await expect(page.getByTestId('reconstruction-item')).toHaveCount(12);
    // The drawing widget follows the stored model, and an empty pad is refused in words.
    await expect(draw.getByTestId('draw-network')).toContainText('the one the cell above stored, pretrained weights');
    await draw.getByRole('button', { name: 'Clear' }).click();
    await expect(draw).toContainText('an empty pad has nothing to encode');
    await expect(draw.getByTestId('draw-psnr')).toHaveCount(0);
    expectNoProblems(problems);
  });

    test('numeric and multiple-choice exercises are graded; the page is axe-clean in both themes', async ({ page, problems }) => {
    await openPage(page, LESSON);
    const psnr = page.locator('[data-exercise-id="ae-psnr-from-mse"]');
    await psnr.getByLabel('PSNR').fill('10');
    await psnr.getByRole('button', { name: 'Check' }).click();
    await expect(psnr).not.toContainText('Correct!');
    await psnr.getByLabel('PSNR').fill('20');
    await psnr.getByRole('button', { name: 'Check' }).click();
    await expect(psnr).toContainText('Correct!');
    const blurry = page.locator('[data-exercise-id="ae-why-blurry"]');
    await blurry.getByRole('radio').nth(1).check();
    await blurry.getByRole('button', { name: 'Check' }).click();
    await expect(blurry).toContainText('Correct!');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const axe = await axeBuilder(page).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    expectNoProblems(problems);
  });
});
