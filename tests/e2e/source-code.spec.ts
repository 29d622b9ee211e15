import { axeBuilder } from './axe';
import { readFileSync } from 'node:fs';
import { expect, expectNoProblems, test } from './fixtures';
import { allLines, dedent, extractRegion } from '../../src/lib/course/source-region';

// The code display: a focused excerpt (real line numbers, no region markers) after the cell it
// explains, the whole file behind a closed "Show the whole file", long lines wrapped so that
// neither the page nor the block scrolls sideways on a phone; plus the folded asides and the one
// "Things to try" box. Static HTML: nothing here waits for an island.

const LESSON_1 = '/lessons/01-classification/';
const WITH_CODE = ['/lessons/01-classification/', '/lessons/02-convolution-filters/', '/lessons/03-pooling/', '/lessons/04-convolutional-networks/', '/lessons/05-autoencoders/', '/lessons/07-denoising/'];

test('lesson 1 shows the dense network\'s lines, numbered as in the file, after its training cell', async ({ page, problems }) => {
  await page.goto(LESSON_1);
  const figure = page.locator('figure.source-code').first();
  const source = readFileSync('src/lib/ml/models-classification.ts', 'utf8');
  const region = extractRegion(source, 'build-dense');
  await expect(figure.locator('figcaption')).toContainText(`Lines ${region.firstLine}–${region.lastLine} of src/lib/ml/models-classification.ts`);

  const excerpt = figure.locator('pre').first();
  await expect(excerpt).toHaveAccessibleName(`Lines ${region.firstLine}–${region.lastLine} of src/lib/ml/models-classification.ts`);
  // Line by line the excerpt is the region, markers left out, each with its number in the file.
  const shown = await excerpt.locator('.line').evaluateAll((lines) => lines.map((l) => ({ number: Number(l.getAttribute('data-line')), text: l.textContent ?? '' })));
  expect(shown).toEqual(dedent(region.lines));
  expect(shown.map((l) => l.text).join('\n')).not.toContain('#region');

  // The code comes after the cell that runs it, not before the first Train button.
  const cell = page.locator('astro-island[component-url*="TrainingCell"]').first();
  const after = await cell.evaluate((c, f) => Boolean(c.compareDocumentPosition(f!) & Node.DOCUMENT_POSITION_FOLLOWING), await figure.elementHandle());
  expect(after, 'the code follows the training cell').toBe(true);

  // The whole file waits, closed, behind its summary; opened, it is every line of the file.
  const whole = figure.locator('details.whole-file');
  await expect(whole).not.toHaveAttribute('open');
  await expect(whole.locator('pre')).toBeHidden();
  await whole.getByText('Show the whole file').click();
  await expect(whole).toHaveAttribute('open');
  await expect(whole.locator('summary')).toContainText('Hide the whole file');
  const wholeLines = await whole.locator('pre .line').evaluateAll((lines) => lines.map((l) => l.textContent ?? ''));
  expect(wholeLines).toEqual(allLines(source).map((l) => l.text));
  expectNoProblems(problems);
});

for (const width of [390, 320]) {
  test(`at ${width} px code blocks wrap instead of scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of WITH_CODE) {
      await page.goto(path);
      const blocks = page.locator('figure.source-code');
      expect(await blocks.count(), `${path} shows code`).toBeGreaterThan(0);
      for (const details of await blocks.locator('details').all()) await details.locator('summary').click();
      const widths = await blocks.locator('pre').evaluateAll((pres) => pres.map((p) => ({ scroll: p.scrollWidth, client: p.clientWidth, right: p.getBoundingClientRect().right })));
      for (const [i, w] of widths.entries()) {
        expect(w.scroll, `${path} block ${i} scrolls sideways`).toBeLessThanOrEqual(w.client);
        expect(w.right, `${path} block ${i} sticks out of the viewport`).toBeLessThanOrEqual(width);
      }
    }
  });
}

test('a wrapped line keeps a hanging indent, deeper than the line it continues', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(LESSON_1);
  const metrics = await page.locator('figure.source-code pre').first().locator('.line').evaluateAll((lines) => lines.map((line) => {
    const range = document.createRange();
    range.selectNodeContents(line);
    const rows = [...range.getClientRects()].filter((r) => r.width > 0);
    const text = line.textContent ?? '';
    return { rows: new Set(rows.map((r) => Math.round(r.top))).size, text, firstLeft: Math.min(...rows.filter((r) => Math.round(r.top) === Math.round(rows[0]!.top)).map((r) => r.left)), lastLeft: Math.min(...rows.filter((r) => Math.round(r.top) === Math.round(rows[rows.length - 1]!.top)).map((r) => r.left)) };
  }));
  const wrapped = metrics.filter((m) => m.rows > 1 && /^\S/.test(m.text));
  expect(wrapped.length, 'some unindented line wraps at 390 px').toBeGreaterThan(0);
  for (const m of wrapped) expect(m.lastLeft, `continuation of "${m.text.slice(0, 30)}" is indented`).toBeGreaterThan(m.firstLeft + 4);
});

test('code blocks are reachable by keyboard and the page stays axe-clean with everything open', async ({ page }) => {
  await page.goto('/lessons/05-autoencoders/');
  const pre = page.locator('figure.source-code pre').first();
  await pre.focus();
  await expect(pre).toBeFocused();
  for (const details of await page.locator('details').all()) await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const axe = await axeBuilder(page).include('figure.source-code').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a collapsible aside starts folded and opens from the keyboard', async ({ page }) => {
  await page.goto('/lessons/04-convolutional-networks/');
  const aside = page.getByRole('complementary', { name: 'Why not pad?' });
  const summary = aside.locator('summary');
  await expect(summary).toHaveText('Why not pad?');
  await expect(aside.getByText('padding the borders would be filled')).toBeHidden();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(aside.getByText('padding the borders would be filled')).toBeVisible();
});

test('"Things to try" is the same box in every lesson that has one', async ({ page }) => {
  for (const path of ['/lessons/01-classification/', '/lessons/02-convolution-filters/', '/lessons/03-pooling/']) {
    await page.goto(path);
    const box = page.getByRole('complementary', { name: 'Things to try' });
    await expect(box, path).toHaveCount(1);
    await expect(box).toHaveClass(/\btip\b/);
    await expect(page.locator('main p:not(.aside-title)').filter({ hasText: /^Things to try:?$/ }), `${path} has a bare "Things to try" line`).toHaveCount(0);
  }
});
