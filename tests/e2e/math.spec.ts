import { builtPages, expect, test } from './fixtures';

// KaTeX's markup only looks right with the stylesheet of the same KaTeX version: with a mismatched
// stylesheet every script is set at full size (p_k reads "pk") and fraction parts collide with the
// bar. These checks measure the rendered formulas, so any such mismatch fails here.
const LESSONS = builtPages().filter((p) => p.startsWith('/lessons/'));

test('every lesson renders its formulas with KaTeX', async ({ page }) => {
  let formulas = 0;
  for (const path of LESSONS) {
    await page.goto(path);
    formulas += await page.locator('.katex').count();
    await expect(page.locator('.katex-error')).toHaveCount(0);
  }
  expect(formulas).toBeGreaterThan(LESSONS.length);
});

for (const path of LESSONS) {
  test(`${path}: sub- and superscripts are smaller than their base, fractions clear the bar`, async ({ page }) => {
    await page.goto(path);
    await page.evaluate(() => document.fonts.ready);
    const report = await page.evaluate(() => {
      const px = (el: Element): number => parseFloat(getComputedStyle(el).fontSize);
      const scripts: { formula: string; script: string; ratio: number }[] = [];
      for (const supsub of document.querySelectorAll('.katex-html .msupsub')) {
        const formula = supsub.closest('.katex');
        if (!formula) continue;
        const base = px(formula);
        // The leaves that carry the script's glyphs (the struts beside them carry no text).
        const leaves = [...supsub.querySelectorAll('span')].filter((s) => s.children.length === 0 && (s.textContent ?? '').trim() !== '');
        for (const leaf of leaves) {
          scripts.push({ formula: formula.querySelector('annotation')?.textContent ?? '', script: leaf.textContent ?? '', ratio: px(leaf) / base });
        }
      }
      const fractions: { formula: string; overlap: number }[] = [];
      for (const frac of document.querySelectorAll('.katex-html .mfrac')) {
        const line = frac.querySelector('.frac-line');
        const rows = frac.querySelectorAll(':scope > .vlist-t > .vlist-r > .vlist > span');
        if (!line || rows.length < 3) continue;
        const bar = line.getBoundingClientRect();
        // KaTeX stacks denominator, bar, numerator; only the glyphs (leaf spans) count, not the struts.
        const glyphBox = (row: Element): DOMRect[] => [...row.querySelectorAll('span')]
          .filter((s) => s.children.length === 0 && (s.textContent ?? '').trim() !== '')
          .map((s) => s.getBoundingClientRect());
        const numerator = glyphBox(rows[rows.length - 1]!);
        const denominator = glyphBox(rows[0]!);
        const numBottom = Math.max(...numerator.map((r) => r.bottom));
        const denTop = Math.min(...denominator.map((r) => r.top));
        // Glyph boxes include the font's line gap: measured at most 1.3 px with matching CSS, 7.3 px for
        // lesson 1's softmax with KaTeX 0.16 markup under 0.19's stylesheet.
        const overlap = Math.max(numBottom - bar.top, bar.bottom - denTop);
        fractions.push({ formula: frac.closest('.katex')?.querySelector('annotation')?.textContent ?? '', overlap });
      }
      return { scripts, fractions };
    });
    const fullSize = report.scripts.filter((s) => s.ratio > 0.85);
    expect(fullSize, 'scripts set at (nearly) the size of their base').toEqual([]);
    const collisions = report.fractions.filter((f) => f.overlap > 4);
    expect(collisions, 'fractions whose parts run into the bar').toEqual([]);
  });
}
