/**
 * The anomaly explorer on the built site, with a hand-made stored record (the explorer reads only
 * the record, no weights): the AUC in the ROC title equals the one computed here by counting
 * pairs; the threshold slider, driven by the keyboard, gives the precision and recall computed
 * here from the seeded scores, and recall never rises with the threshold; the recall helper finds
 * the k-th highest anomaly score; the examples are ordered by score; axe-clean light and dark;
 * no horizontal scrolling at 390 px.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoProblems, installRecordWriter, test, waitForHydration } from './fixtures';

/** The page with the explorer: the uncommitted dev page until lesson 09 mounts it (then '/lessons/09-anomaly-detection/'). */
const PAGE = '/lessons/09-anomaly-detection/';
const KEY = 'anomaly-ae';
const SHOTS = process.env['ANOMALY_SHOTS']; // a folder: save screenshots there

/** The seeded stream: 40 normal digits, 20 Fashion items (all above every digit), 20 corrupted digits overlapping the digits. */
const kinds = [...Array<number>(40).fill(0), ...Array<number>(20).fill(1), ...Array<number>(20).fill(2)];
const raw = [
  ...Array.from({ length: 40 }, (_, i) => 0.01 + i * 0.0005),
  ...Array.from({ length: 20 }, (_, i) => (i === 7 ? 0.5 : 0.05 + i * 0.01)),
  ...Array.from({ length: 20 }, (_, i) => 0.02 + i * 0.002),
];
const labels = kinds.map((k, i) => (k === 1 && i === 47 ? 7 : i % 10)); // item 47, the top score, is a Sneaker (7)
/** As stored (Float32Array), so the comparisons here match the page's bit for bit. */
const scores = raw.map((v) => Math.fround(v));

type Filter = 'all' | 'foreign' | 'corrupted';
const inStream = (k: number, f: Filter): boolean => k === 0 || (f === 'all' ? true : f === 'foreign' ? k === 1 : k === 2);

/** AUC as the probability that an anomaly outscores a normal item, ties counting ½: by counting every pair. */
function pairAuc(f: Filter): number {
  const normal = scores.filter((_, i) => kinds[i] === 0);
  const anomalies = scores.filter((_, i) => kinds[i] !== 0 && inStream(kinds[i]!, f));
  let wins = 0;
  for (const a of anomalies) for (const n of normal) wins += a > n ? 1 : a === n ? 0.5 : 0;
  return wins / (anomalies.length * normal.length);
}

function expectedAt(threshold: number, f: Filter = 'all'): { tp: number; fp: number; tn: number; fn: number; precision: number; recall: number } {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  scores.forEach((s, i) => {
    if (!inStream(kinds[i]!, f)) return;
    const flagged = s >= threshold;
    if (kinds[i] !== 0) flagged ? c.tp++ : c.fn++;
    else flagged ? c.fp++ : c.tn++;
  });
  return { ...c, precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0, recall: c.tp / (c.tp + c.fn) };
}

async function seed(page: Page): Promise<void> {
  await installRecordWriter(page);
  await page.evaluate(async ({ key, kinds, labels, raw }) => {
    const n = kinds.length;
    const inputs = Uint8Array.from({ length: n * 784 }, (_, p) => ((p % 28) * 9 + Math.floor(p / 784) * 13) % 256);
    const outputs = inputs.map((v) => v >> 1);
    const record = {
      key, model: 'dense-autoencoder', source: 'trained', dataset: 'mnist', trainExamples: 2000, epochs: 2,
      hyper: { epochs: 2, batchSize: 64, learningRate: 0.001 }, seed: 1, backend: 'cpu', testAccuracy: NaN, testLoss: 0.02,
      testExamples: n, trainAccuracy: NaN, history: [], savedAt: new Date().toISOString(), task: 'reconstruct', bottleneck: 16,
      testMse: 0.02, testPsnr: 17, testAuc: 0.9,
      anomaly: {
        scores: Float32Array.from(raw), kinds: Uint8Array.from(kinds), labels: Uint8Array.from(labels), inputs, outputs,
        normalDataset: 'mnist', foreignDataset: 'fashion-mnist', corruption: { kind: 'gaussian', sigma: 0.5 },
      },
    };
    await (globalThis as unknown as { __putModelRecord: (r: unknown) => Promise<void> }).__putModelRecord(record);
  }, { key: KEY, kinds, labels, raw });
}

async function openSeeded(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await waitForHydration(page);
  const explorer = page.getByTestId('anomaly-explorer');
  await expect(explorer).toHaveAttribute('data-ready', 'false');
  await seed(page);
  await expect(explorer).toHaveAttribute('data-ready', 'true');
  return explorer;
}

const num = async (l: Locator, attr: string): Promise<number> => Number(await l.getAttribute(attr));

test.describe('anomaly explorer', () => {

  test('empty until a record is stored; then histogram, ROC with the known AUC, and per-filter AUCs', async ({ page, problems }) => {
    await page.goto(PAGE);
    await waitForHydration(page);
    const explorer = page.getByTestId('anomaly-explorer');
    await expect(explorer.getByText(/Train the autoencoder above on digits only; its test run scores a mixed stream/)).toBeVisible();
    await seed(page);
    await expect(explorer).toHaveAttribute('data-ready', 'true');
    await expect(explorer.getByText('80 test images scored: 40 MNIST digits (normal), 20 Fashion-MNIST items and 20 corrupted digits (Gaussian noise σ = 0.5).')).toBeVisible();
    const histogram = explorer.getByRole('img', { name: /^Histogram of reconstruction errors, log scale/ });
    await expect(histogram).toBeVisible();
    expect(await histogram.locator('rect.normal').count()).toBeGreaterThan(0);
    expect(await histogram.locator('rect.anomalous').count()).toBeGreaterThan(0);
    await expect(histogram.locator('line.threshold')).toHaveCount(1);

    const all = pairAuc('all');
    expect(all).toBeGreaterThan(0.8);
    expect(all).toBeLessThan(1); // the corrupted digits overlap the normal ones
    await expect(explorer.getByTestId('roc-title')).toHaveText(`ROC curve: AUC ${all.toFixed(3)}`);
    await expect(explorer.getByRole('img', { name: new RegExp(`^ROC curve, AUC ${all.toFixed(3)}`) })).toBeVisible();
    expect(await num(explorer.getByTestId('roc-chart'), 'data-auc')).toBeCloseTo(all, 9);

    await explorer.getByLabel('Fashion-MNIST items only').check();
    await expect(explorer.getByTestId('roc-title')).toHaveText('ROC curve: AUC 1.000'); // every Fashion item scores above every digit
    await explorer.getByLabel('Corrupted digits only').check();
    await expect(explorer.getByTestId('roc-title')).toHaveText(`ROC curve: AUC ${pairAuc('corrupted').toFixed(3)}`);
    const threshold = await num(explorer, 'data-threshold');
    await expect(explorer.getByTestId('count-tp')).toContainText(String(expectedAt(threshold, 'corrupted').tp));

    // The ROC data table: from "flag nothing" (0, 0) to (100%, 100%).
    await explorer.getByText('Data table: points of the ROC curve').click();
    const rows = explorer.getByTestId('roc-chart').locator('tbody tr');
    await expect(rows.first()).toHaveText(/flag nothing\s*0\.0%\s*0\.0%/);
    await expect(rows.last()).toHaveText(/100\.0%\s*100\.0%$/);
    expectNoProblems(problems);
  });

  test('the slider, moved by keyboard, gives the precision and recall of the seeded scores; recall never rises', async ({ page, problems }) => {
    const explorer = await openSeeded(page);
    const slider = explorer.getByRole('slider', { name: /Threshold on the reconstruction error/ });
    const precision = explorer.getByTestId('precision');
    const recall = explorer.getByTestId('recall');
    await slider.focus();
    await page.keyboard.press('Home');
    // Position 0 is the lowest score: everything flagged.
    await expect(recall).toHaveText('100.0%');
    await expect(precision).toHaveText(`${((40 / 80) * 100).toFixed(1)}%`);
    let previous = Infinity;
    let previousThreshold = -Infinity;
    const seen = new Set<number>();
    // 200 slider steps: 40 × 5 presses walk from the bottom to the top.
    for (let step = 0; step <= 40; step++) {
      const t = await num(explorer, 'data-threshold');
      expect(t).toBeGreaterThan(previousThreshold);
      const want = expectedAt(t);
      const r = await num(recall, 'data-value');
      expect(r).toBeCloseTo(want.recall, 12);
      expect(await num(precision, 'data-value')).toBeCloseTo(want.precision, 12);
      await expect(explorer.getByTestId('count-fp')).toContainText(String(want.fp));
      expect(r).toBeLessThanOrEqual(previous);
      await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`: ${want.tp + want.fp} of 80 images flagged$`));
      seen.add(r);
      previous = r;
      previousThreshold = t;
      if (step === 40) break;
      for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => num(explorer, 'data-threshold')).not.toBe(t);
    }
    expect(previous).toBe(0); // the top of the slider flags nothing
    expect(seen.size).toBeGreaterThan(5); // the sweep really moved through different decisions
    await page.keyboard.press('End');
    await expect(recall).toHaveText('0.0%');
    await expect(precision).toHaveText('–'); // nothing flagged: precision undefined
    // The live region says it, once things settle.
    await expect(explorer.getByTestId('announcement')).toHaveText(/^Threshold [\d.]+: 0 of 40 anomalies flagged \(recall 0\.0%\); 0 of 40 normal digits flagged too; precision undefined/);
    expectNoProblems(problems);
  });

  test('the recall helper moves to the k-th highest anomaly score; examples are ordered by score', async ({ page, problems }) => {
    const explorer = await openSeeded(page);
    const recallInput = explorer.getByLabel('Required recall (%)');
    await recallInput.fill('75');
    await recallInput.press('Enter');
    const anomalyScores = scores.filter((_, i) => kinds[i] !== 0).sort((a, b) => b - a);
    const wanted = anomalyScores[Math.ceil(0.75 * 40) - 1]!; // 30th highest of 40
    await expect(explorer.getByTestId('recall-helper-text')).toContainText('To catch at least 75.0% of the 40 anomalies (30)');
    await explorer.getByRole('button', { name: 'Move the threshold there' }).click();
    await expect.poll(() => num(explorer, 'data-threshold')).toBe(wanted);
    const want = expectedAt(wanted);
    expect(want.recall).toBeGreaterThanOrEqual(0.75);
    expect(await num(explorer.getByTestId('recall'), 'data-value')).toBeCloseTo(want.recall, 12);
    // Another filter keeps the threshold and re-counts only normal digits + Fashion items.
    await explorer.getByLabel('Fashion-MNIST items only').check();
    await expect(explorer).toHaveAttribute('data-filter', 'foreign');
    expect(await num(explorer, 'data-threshold')).toBe(wanted);
    const foreign = expectedAt(wanted, 'foreign');
    await expect(explorer.getByTestId('count-tp')).toContainText(String(foreign.tp));
    await expect(explorer.getByTestId('count-fn')).toContainText(String(foreign.fn));
    expect(await num(explorer.getByTestId('recall'), 'data-value')).toBeCloseTo(foreign.recall, 12);
    await explorer.getByLabel('All anomalies').check();

    const most = explorer.getByTestId('most-anomalous').getByTestId('example');
    const least = explorer.getByTestId('least-anomalous').getByTestId('example');
    await expect(most).toHaveCount(8);
    await expect(least).toHaveCount(8);
    expect(await num(most.first(), 'data-score')).toBe(Math.max(...scores));
    await expect(most.first()).toContainText('Fashion-MNIST: Sneaker');
    await expect(most.first().getByRole('img', { name: 'Input: Fashion-MNIST: Sneaker' })).toBeVisible();
    expect(await num(least.first(), 'data-score')).toBe(Math.min(...scores));
    await expect(least.first()).toContainText('digit 0');
    const mostScores = await most.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(mostScores).toEqual([...mostScores].sort((a, b) => b - a));
    expectNoProblems(problems);
  });

  for (const width of [1280, 390]) {
    test(`axe-clean in light and dark, no horizontal scroll at ${width} px`, async ({ page, problems }) => {
      await page.setViewportSize({ width, height: 900 });
      await openSeeded(page);
      await page.reload(); // read on mount this time, not through the saved event
      await waitForHydration(page);
      const explorer = page.getByTestId('anomaly-explorer');
      await expect(explorer).toHaveAttribute('data-ready', 'true');
      // The data tables open too: they must fit and pass axe as well.
      await explorer.getByText('Data table: images per error range').click();
      await explorer.getByText('Data table: points of the ROC curve').click();
      await expect(explorer.locator('details[open]')).toHaveCount(2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const results = await new AxeBuilder({ page }).include('[data-testid=anomaly-explorer]').analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), scheme).toEqual([]);
        if (SHOTS) {
          await explorer.screenshot({ path: join(SHOTS, `anomaly-${width}-${scheme}.png`) });
          await explorer.locator('.score-histogram').screenshot({ path: join(SHOTS, `anomaly-${width}-${scheme}-histogram.png`) });
        }
      }
      expectNoProblems(problems);
    });
  }
});
