/**
 * The anomaly explorer on the built site, with a hand-made stored record (the explorer reads only
 * the record, no weights). The lesson shows it twice, sharing one state: first the threshold, its
 * counts and its mistakes; after the prose on rates and ROC, the rates, the ROC curve and the
 * recall helper. The AUC in the ROC title equals the one computed here by counting pairs; the
 * threshold slider, driven by the keyboard, gives the precision and recall computed here from the
 * seeded scores, and recall never rises with the threshold; the recall helper finds the k-th
 * highest anomaly score; the mistake lists hold exactly the misclassified items at the threshold,
 * nearest it first; axe-clean light and dark; no horizontal scrolling at 390 and 320 px.
 */
import { join } from 'node:path';
import { axeBuilder, formulaRights } from './axe';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoProblems, installRecordWriter, test, openPage, reloadPage } from './fixtures';

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

/** The first explorer (threshold, counts, mistakes) and the second (rates, ROC, recall helper). */
function explorers(page: Page): { first: Locator; second: Locator } {
  const all = page.getByTestId('anomaly-explorer');
  return { first: all.nth(0), second: all.nth(1) };
}

/** Opens the lesson, seeds the record; returns the explorer with the rates and ROC curve. */
async function openSeeded(page: Page): Promise<Locator> {
  await openPage(page, PAGE);
  await expect(page.getByTestId('anomaly-explorer')).toHaveCount(2);
  const { first, second } = explorers(page);
  await expect(second).toHaveAttribute('data-ready', 'false');
  await seed(page);
  await expect(first).toHaveAttribute('data-ready', 'true');
  await expect(second).toHaveAttribute('data-ready', 'true');
  return second;
}

const num = async (l: Locator, attr: string): Promise<number> => Number(await l.getAttribute(attr));

test.describe('anomaly explorer', () => {

  test('empty until a record is stored; then histogram, ROC with the known AUC, and per-filter AUCs', async ({ page, problems }) => {
    await openPage(page, PAGE);
    const { first, second: explorer } = explorers(page);
    await expect(first.getByText(/Train the autoencoder above on digits only, or load the pretrained one: its test run scores a mixed stream/)).toBeVisible();
    await seed(page);
    await expect(explorer).toHaveAttribute('data-ready', 'true');
    // The first explorer, met before the prose defines precision, recall and ROC, shows none of them.
    await expect(first.getByText('80 test images scored: 40 MNIST digits (normal), 20 Fashion-MNIST items and 20 corrupted digits (Gaussian noise σ = 0.5).')).toBeVisible();
    await expect(first.getByTestId('count-tp')).toBeVisible();
    await expect(first.getByTestId('precision')).toHaveCount(0);
    await expect(first.getByTestId('roc-chart')).toHaveCount(0);
    await expect(first.getByRole('button', { name: 'Move the threshold there' })).toHaveCount(0);
    await expect(explorer.getByTestId('missed-anomalies')).toHaveCount(0);
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
    // The live region says it, once things settle; only the explorer in use speaks.
    await expect(explorer.getByTestId('announcement')).toHaveText(/^Threshold [\d.]+: 0 of 40 anomalies flagged \(recall 0\.0%\); 0 of 40 normal digits flagged too; precision undefined/);
    const { first } = explorers(page);
    await expect(first.getByTestId('announcement')).toHaveText('');
    // The first explorer shares the threshold: it flags nothing either.
    expect(await num(first, 'data-threshold')).toBe(await num(explorer, 'data-threshold'));
    await expect(first.getByTestId('count-tp').locator('strong')).toHaveText('0');
    await expect(first.getByTestId('false-alarms').getByTestId('mistake-count')).toHaveText('0');
    await expect(first.getByTestId('missed-anomalies').getByTestId('mistake-count')).toHaveText('40');
    expectNoProblems(problems);
  });

  test('the recall helper moves to the k-th highest anomaly score, in both explorers', async ({ page, problems }) => {
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
    // The first explorer follows: same threshold, same filter, same counts.
    const { first } = explorers(page);
    expect(await num(first, 'data-threshold')).toBe(wanted);
    await expect(first).toHaveAttribute('data-filter', 'foreign');
    await expect(first.getByTestId('count-fn')).toContainText(String(foreign.fn));
    expectNoProblems(problems);
  });

  test('the mistake lists hold exactly the misclassified items at the threshold, nearest it first, and follow the slider', async ({ page, problems }) => {
    await openSeeded(page);
    const { first } = explorers(page);
    await first.scrollIntoViewIfNeeded();
    const slider = first.getByRole('slider', { name: /Threshold on the reconstruction error/ });
    const missed = first.getByTestId('missed-anomalies');
    const alarms = first.getByTestId('false-alarms');
    const listed = (list: Locator): Promise<Array<{ index: number; score: number }>> => list.getByTestId('example')
      .evaluateAll((els) => els.map((e) => ({ index: Number(e.getAttribute('data-index')), score: Number(e.getAttribute('data-score')) })));
    await slider.focus();
    await page.keyboard.press('Home');
    const counts: Array<[number, number]> = [];
    // Walk up the slider: at every stop the lists are the FN and FP of the seeded scores.
    for (let step = 0; step < 10; step++) {
      const t = await num(first, 'data-threshold');
      const want = expectedAt(t);
      await expect(missed.getByTestId('mistake-count')).toHaveText(String(want.fn));
      await expect(alarms.getByTestId('mistake-count')).toHaveText(String(want.fp));
      const m = await listed(missed);
      const f = await listed(alarms);
      expect(m.length).toBe(Math.min(8, want.fn));
      expect(f.length).toBe(Math.min(8, want.fp));
      for (const e of m) expect(kinds[e.index] !== 0 && scores[e.index]! < t, `missed #${e.index}`).toBe(true);
      for (const e of f) expect(kinds[e.index] === 0 && scores[e.index]! >= t, `false alarm #${e.index}`).toBe(true);
      // Nearest the threshold first: of all the misses, the highest scores; of all the false alarms, the lowest.
      const allMissed = scores.filter((sc, i) => kinds[i] !== 0 && sc < t).sort((a, b) => b - a);
      const allAlarms = scores.filter((sc, i) => kinds[i] === 0 && sc >= t).sort((a, b) => a - b);
      expect(m.map((e) => e.score)).toEqual(allMissed.slice(0, 8));
      expect(f.map((e) => e.score)).toEqual(allAlarms.slice(0, 8));
      counts.push([want.fn, want.fp]);
      for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => num(first, 'data-threshold')).not.toBe(t);
    }
    // Moving up traded false alarms for misses.
    expect(counts[0]).toEqual([0, 40]);
    expect(counts.at(-1)![0]).toBeGreaterThan(counts[0]![0]);
    expect(counts.at(-1)![1]).toBeLessThan(counts[0]![1]);
    await page.keyboard.press('End');
    await expect(alarms).toContainText('None: no normal digit is flagged.');
    await expect(missed).toContainText('8 of 40 shown, nearest the threshold first.');
    await expect(missed.getByRole('img', { name: /^Input: (corrupted digit \d|Fashion-MNIST: .+)$/ }).first()).toBeVisible();
    expectNoProblems(problems);
  });

  for (const width of [1280, 390, 320]) {
    test(`axe-clean in light and dark, no horizontal scroll at ${width} px`, async ({ page, problems }) => {
      await page.setViewportSize({ width, height: 900 });
      await openSeeded(page);
      await reloadPage(page); // read on mount this time, not through the saved event
      const { first, second } = explorers(page);
      await expect(first).toHaveAttribute('data-ready', 'true');
      await expect(second).toHaveAttribute('data-ready', 'true');
      // The data tables open too: they must fit and pass axe as well.
      await first.getByText('Data table: images per error range').click();
      await second.getByText('Data table: images per error range').click();
      await second.getByText('Data table: points of the ROC curve').click();
      await expect(page.locator('[data-testid=anomaly-explorer] details[open]')).toHaveCount(3);
      // Neither explorer, nor any formula of the lesson, is wider than the column.
      for (const explorer of [first, second]) {
        expect(await explorer.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        const box = (await explorer.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      const formulas = await formulaRights(page);
      expect(formulas.length).toBeGreaterThanOrEqual(2);
      for (const right of formulas) expect(right).toBeLessThanOrEqual(width);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const results = await axeBuilder(page).include('[data-testid=anomaly-explorer]').analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), scheme).toEqual([]);
        if (SHOTS) {
          for (const [name, explorer] of [['first', first], ['second', second]] as const) await explorer.screenshot({ path: join(SHOTS, `anomaly-${name}-${width}-${scheme}.png`) });
        }
      }
      expectNoProblems(problems);
    });
  }
});
