import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoProblems, installRecordWriter, openPage } from './fixtures';

// The autoencoder lesson's widgets, driven like a reader: a real dense autoencoder trained in the
// worker on real MNIST, then the gallery, sweep, scatter and diagram read what it stored.
// PAGE: the lesson once it mounts these widgets with the cell "ae-dense"; until then the
// uncommitted dev page (AE_WIDGETS_PAGE=/dev/autoencoder-widgets/).
const PAGE = process.env['AE_WIDGETS_PAGE'] ?? '/lessons/05-autoencoders/';
const KEY = 'ae-dense';

function mountsWidgets(): boolean {
  const file = join(process.env['DIST_DIR'] ?? 'dist', PAGE, 'index.html');
  if (!existsSync(file)) return false;
  const html = readFileSync(file, 'utf8');
  return ['autoencoder-diagram', 'reconstruction-gallery', 'bottleneck-sweep', 'code-scatter'].some((id) => html.includes(`data-testid="${id}"`));
}

async function open(page: Page): Promise<Locator> {
  await openPage(page, PAGE);
  return page.locator(`.training-cell[data-store-key="${KEY}"]`);
}

async function train(cell: Locator, settings: Record<string, string>): Promise<number> {
  await cell.scrollIntoViewIfNeeded();
  for (const [label, value] of Object.entries(settings)) await cell.getByLabel(label, { exact: true }).selectOption(value);
  // A finished run is logged once: wait for that, so a previous run's headline is never read.
  const runs = (): Promise<number> => cell.page().evaluate(() => (JSON.parse(localStorage.getItem('bottleneck:runs:v1') ?? '[]') as unknown[]).length);
  const before = await runs();
  await cell.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(runs, { timeout: 180_000 }).toBe(before + 1);
  const headline = cell.locator('.headline');
  await expect(headline).toHaveText(/^Test PSNR: \d+\.\d dB$/);
  return Number((await headline.innerText()).match(/([\d.]+) dB/)![1]);
}

/** Per-image PSNRs shown under the gallery's items, in order. */
async function galleryPsnrs(gallery: Locator): Promise<number[]> {
  const texts = await gallery.getByTestId('reconstruction-item').locator('.psnr').allInnerTexts();
  return texts.map((t) => Number(t.replace(' dB', '')));
}

/** Trainable parameters of 784 → 256 → k → 256 → 784 (weights and biases). */
const parameters = (k: number): number => 785 * 256 + 257 * k + (k + 1) * 256 + 257 * 784;

test.describe('autoencoder widgets', () => {
  test.setTimeout(420_000);
  // Until the page is built and mounts at least one of these widgets, skip rather than fail on a
  // 404; once any is there, every test runs, so a forgotten widget fails instead of skipping.
  test.skip(!mountsWidgets(), `${PAGE} does not mount the autoencoder widgets yet`);

  test('the diagram follows the cell\'s code size', async ({ page, problems }) => {
    const cell = await open(page);
    const diagram = page.locator(`[data-testid="autoencoder-diagram"][data-store-key="${KEY}"]`).first();
    for (const k of [4, 64, 2]) {
      await cell.getByLabel('Code size (bottleneck)', { exact: true }).selectOption(String(k));
      await expect(diagram).toHaveAttribute('data-bottleneck', String(k));
      await expect(diagram.getByText(`code: ${k} numbers`)).toBeVisible();
      await expect(diagram.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`layers of 784, 256, ${k}, 256, 784 numbers`));
      await expect(diagram.locator('.stats')).toContainText(parameters(k).toLocaleString('en-US'));
      await expect(diagram.locator('.stats')).toContainText(`784 pixels → ${k} numbers`);
    }
    // The code bar is the narrowest and still visible at k = 2 (log scale).
    const heights = await diagram.locator('rect.bar').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().height));
    expect(heights).toHaveLength(5);
    expect(heights[2]).toBeGreaterThan(4);
    expect(heights[2]).toBeLessThan(Math.min(heights[1]!, heights[3]!));
    expectNoProblems(problems);
  });

  test('gallery, scatter and sweep show real runs: k = 2, then k = 8', async ({ page, problems }) => {
    const cell = await open(page);
    const gallery = page.locator(`[data-testid="reconstruction-gallery"][data-store-key="${KEY}"]`).first();
    const scatter = page.locator(`[data-testid="code-scatter"][data-store-key="${KEY}"]`).first();
    const sweep = page.getByTestId('bottleneck-sweep').first();
    // Nothing stored yet in this fresh browser: the empty states say what to do, and offer it.
    await expect(gallery.getByTestId('gallery-empty')).toContainText('appear here once it is trained or loaded');
    await expect(gallery.getByRole('button', { name: 'Load pretrained' })).toBeVisible();
    await expect(scatter.getByText(/A code of 2 numbers draws the whole code space/)).toBeVisible();
    await expect(sweep.getByText(/two or more code sizes/)).toBeVisible();

    const psnr2 = await train(cell, { 'Data set': 'mnist', 'Code size (bottleneck)': '2', 'Training images': '1000', Epochs: '1' });
    // Gallery: twelve original/reconstruction pairs with a PSNR each, described by the record.
    await expect(gallery.getByTestId('reconstruction-item')).toHaveCount(12);
    await expect(gallery.getByTestId('gallery-description')).toHaveText(/^trained on 1,000 MNIST images, code of 2 numbers, 1 epoch, test PSNR \d+\.\d dB$/);
    await expect(gallery.getByTestId('gallery-description')).toContainText(`${psnr2.toFixed(1)} dB`);
    const first = gallery.getByTestId('reconstruction-item').first();
    await expect(first.getByRole('img', { name: /^Original: test image 1, an? \d$/ })).toBeVisible();
    await expect(first.getByRole('img', { name: /^Reconstruction: test image 1, an? \d, PSNR \d+\.\d dB$/ })).toBeVisible();
    const shown = await galleryPsnrs(gallery);
    expect(shown).toHaveLength(12);
    for (const v of shown) expect(v).toBeGreaterThan(5); // a 1-epoch k = 2 net gives ~12–16 dB; 5 dB would be noise
    // "Worst first" sorts by error: PSNRs rise, and start at or below anything in the default view.
    await gallery.getByLabel('Worst reconstructions first').check();
    const worst = await galleryPsnrs(gallery);
    for (let i = 1; i < worst.length; i++) expect(worst[i]!).toBeGreaterThanOrEqual(worst[i - 1]!);
    expect(worst[0]!).toBeLessThanOrEqual(Math.min(...shown));

    // Scatter: the 1,000 kept test codes, coloured by class; a click shows the image and its reconstruction.
    await expect(scatter).toHaveAttribute('data-code-size', '2');
    await expect(scatter.locator('svg[role="img"] circle:not(.ring)')).toHaveCount(1000);
    const zero = scatter.getByRole('button', { name: /^0 \d+ images$/ }); // legend: class 0 and its count
    const zeros = Number((await zero.innerText()).match(/(\d+)\s*images/)![1]);
    expect(zeros).toBeGreaterThan(50); // ~10% of 1,000 test digits are zeros
    await zero.click(); // highlights the class: every other point fades
    await expect(zero).toHaveAttribute('aria-pressed', 'true');
    await expect(scatter.locator('svg[role="img"] circle.faded')).toHaveCount(1000 - zeros);
    await zero.click();
    await expect(scatter.locator('svg[role="img"] circle.faded')).toHaveCount(0);
    const dot = scatter.locator('svg[role="img"] circle:not(.ring)').nth(17);
    await dot.scrollIntoViewIfNeeded();
    await dot.click({ force: true });
    const detail = scatter.getByTestId('scatter-detail');
    await expect(detail.getByRole('img', { name: /^Original: test image \d+, an? \d$/ })).toBeVisible();
    await expect(detail.getByRole('img', { name: /^Reconstruction of test image \d+ from its code$/ })).toBeVisible();
    const clicked = await detail.locator('p').innerText();
    // Keyboard: the plot takes focus and the arrow keys move to another point.
    await scatter.getByRole('application').focus();
    let moved = false;
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) {
      await page.keyboard.press(key);
      if ((await detail.locator('p').innerText()) !== clicked) {
        moved = true;
        break;
      }
    }
    expect(moved).toBe(true);
    // List alternative.
    await scatter.getByLabel('Or pick a test image from the list').selectOption('4');
    await expect(detail).toContainText('Test image 5,');

    // Sweep: one size is not a sweep yet.
    await expect(sweep).toHaveAttribute('data-points', '1');
    await expect(sweep.getByText(/One bottleneck size so far \(k = 2\)/)).toBeVisible();

    const psnr8 = await train(cell, { 'Code size (bottleneck)': '8' });
    await expect(sweep).toHaveAttribute('data-points', '2');
    await expect(sweep.getByText(/two or more code sizes/)).toHaveCount(0);
    await expect(sweep.getByTestId('sweep-empty')).toHaveCount(0);
    await expect(sweep.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`Dense · MNIST: k = 2 gives ${psnr2.toFixed(1)} dB, k = 8 gives ${psnr8.toFixed(1)} dB`));
    await expect(sweep.locator('svg[role="img"] .point')).toHaveCount(2);
    await sweep.getByText('Data table: every finished run').click();
    await expect(sweep.locator('tbody tr')).toHaveCount(2);
    // The gallery and the scatter follow the newest stored model.
    await expect(gallery.getByTestId('gallery-description')).toContainText('code of 8 numbers');
    await expect(scatter).toHaveAttribute('data-code-size', '8');
    await expect(scatter.getByTestId('code-size-note')).toContainText('with k = 8 the codes live in 8 dimensions');
    expectNoProblems(problems);
  });

  test('empty panels load the pretrained autoencoder or lead to Train; the sweep counts a loaded model', async ({ page, problems }) => {
    const cell = await open(page);
    const gallery = page.locator(`[data-testid="reconstruction-gallery"][data-store-key="${KEY}"]`).first();
    const scatter = page.locator(`[data-testid="code-scatter"][data-store-key="${KEY}"]`).first();
    const sweep = page.getByTestId('bottleneck-sweep').first();
    // Before any run the sweep shows the pretrained result greyed, and it is not a point of the reader's.
    await expect(sweep.getByTestId('sweep-reference')).toBeVisible();
    await expect(sweep.getByText(/^Grey: the pretrained autoencoder \(Dense · MNIST, 30,000 images × 5 epochs\), not loaded yet\.$/)).toBeVisible();
    await expect(sweep).toHaveAttribute('data-points', '0');
    // "Train with a code of 2" from the scatter's empty panel: the cell gets k = 2 and its Train button the focus.
    await scatter.getByRole('button', { name: /^Train with a code of 2/ }).click();
    await expect(cell.getByRole('button', { name: 'Train', exact: true })).toBeFocused();
    await expect(cell.getByLabel('Code size (bottleneck)', { exact: true })).toHaveValue('2');
    // Load pretrained from the sweep's empty panel: the cell loads and stores it; every panel fills.
    await sweep.getByRole('button', { name: 'Load pretrained' }).click();
    await expect(sweep.getByText('Loading the pretrained weights in the training cell above…')).toBeVisible();
    await expect(sweep).toHaveAttribute('data-points', '1', { timeout: 120_000 });
    await expect(sweep.locator('svg[role="img"] .point.hollow')).toHaveCount(1);
    await expect(sweep.getByTestId('sweep-reference')).toHaveCount(0);
    await expect(sweep.getByText(/One bottleneck size so far \(k = 16, pretrained\)/)).toBeVisible();
    await expect(sweep.getByRole('button', { name: 'Load pretrained' })).toHaveCount(0); // already counted
    await expect(cell.locator('.headline')).toHaveText(/^Test PSNR: \d+\.\d dB$/);
    await expect(gallery.getByTestId('reconstruction-item')).toHaveCount(12);
    await expect(gallery.getByTestId('gallery-description')).toHaveText(/^pretrained weights, trained on 30,000 MNIST images, code of 16 numbers/);
    await expect(scatter).toHaveAttribute('data-code-size', '16');
    expectNoProblems(problems);
  });

  test('a denoiser record shows noisy input, denoised output and the clean original', async ({ page, problems }) => {
    await open(page);
    // A stored denoiser's record (the gallery reads only the record, no weights): inputs are
    // made-up noise, so the clean column must come from the real MNIST test images.
    await installRecordWriter(page);
    await page.evaluate(async (key) => {
      const count = 20;
      const noise = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 97) % 256);
      const record = {
        key, model: 'dense-autoencoder', source: 'trained', dataset: 'mnist', trainExamples: 1000, epochs: 1,
        hyper: { epochs: 1, batchSize: 64, learningRate: 0.001 }, seed: 1, backend: 'cpu', testAccuracy: NaN, testLoss: 0.03,
        testExamples: count, trainAccuracy: NaN, history: [], savedAt: new Date().toISOString(), task: 'reconstruct', bottleneck: 16,
        corruption: { kind: 'gaussian', sigma: 0.3 }, testMse: 0.03, testPsnr: 15.2,
        reconstructions: { count, inputs: noise, outputs: noise, codes: new Float32Array(count * 16), codeSize: 16, labels: new Uint8Array(count), errors: new Float32Array(count).fill(0.03) },
      };
      await (globalThis as unknown as { __putModelRecord: (r: unknown) => Promise<void> }).__putModelRecord(record);
    }, KEY);
    const gallery = page.locator(`[data-testid="reconstruction-gallery"][data-store-key="${KEY}"]`).first();
    // Generous waits: on a loaded 2-core machine the IndexedDB read and the data load can take a while.
    await expect(gallery.getByTestId('gallery-description')).toContainText('(Gaussian noise σ = 0.3)', { timeout: 30_000 });
    await expect(gallery.getByText(/noisy input \(Gaussian noise σ = 0\.3\) → denoised → clean original/)).toBeVisible();
    const first = gallery.getByTestId('reconstruction-item').first();
    await expect(first.getByRole('img')).toHaveCount(3);
    const clean = first.getByRole('img', { name: /^Clean original: test image 1/ });
    await expect(clean).toBeVisible({ timeout: 60_000 });
    // The clean image is a real digit (mostly black background), not the seeded noise.
    const dark = await clean.evaluate((canvas) => {
      const data = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let black = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 20) black++;
      return black / 784;
    });
    expect(dark).toBeGreaterThan(0.5);
    expectNoProblems(problems);
  });
});
