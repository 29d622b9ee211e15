import { describe, expect, it } from 'vitest';
import { AA_TEXT, THEMES, contrastRatio } from '../../../src/lib/math/colour';
import { cellStrength, paintCell, worstContrast } from '../../../src/lib/ml/confusion-shading';

/** How far a cell's fill is from the plain surface: more means a stronger shade. */
const shade = (count: number, total: number, diagonal: boolean, theme: 'light' | 'dark' = 'light') => {
  const fill = paintCell(count, total, diagonal).fill;
  return fill ? contrastRatio(fill[theme], THEMES[theme].surface) : 1;
};

describe('confusion matrix shading', () => {
  it('shades the diagonal by its share of the row: 962/1000 bags deeper than 147/1000 shirts', () => {
    for (const theme of ['light', 'dark'] as const) {
      expect(shade(962, 1000, true, theme)).toBeGreaterThan(shade(147, 1000, true, theme) + 0.5);
      // The same count in a smaller row is a larger share, so a deeper shade.
      expect(shade(300, 400, true, theme)).toBeGreaterThan(shade(300, 1000, true, theme));
    }
    expect(paintCell(962, 1000, true).share).toBeCloseTo(0.962, 10);
  });

  it('orders every row: a larger share never gets a lighter shade, on and off the diagonal', () => {
    for (const diagonal of [true, false]) {
      for (const theme of ['light', 'dark'] as const) {
        let previous = 0;
        for (let count = 0; count <= 1000; count += 7) {
          const s = shade(count, 1000, diagonal, theme);
          expect(s, `${count}/1000 ${diagonal ? 'right' : 'wrong'} ${theme}`).toBeGreaterThanOrEqual(previous);
          previous = s;
        }
      }
    }
    // Strength: linear on the diagonal, square root (full at half the row) off it.
    expect(cellStrength(0.5, true)).toBe(0.5);
    expect(cellStrength(0.5, false)).toBe(1);
    expect(cellStrength(0.125, false)).toBeCloseTo(0.5, 10);
    expect(cellStrength(Number.NaN, false)).toBe(0);
  });

  it('a visible mistake: 1% of a row is tinted, 0 is not painted at all', () => {
    expect(paintCell(0, 1000, false)).toMatchObject({ fill: null, style: '' });
    expect(shade(10, 1000, false)).toBeGreaterThan(1.05);
    expect(paintCell(5, 0, false).share).toBe(0);
  });

  it('right is green and wrong is red, in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const [rr, rg] = paintCell(900, 1000, true).fill![theme];
      const [wr, wg] = paintCell(400, 1000, false).fill![theme];
      expect(rg, theme).toBeGreaterThan(rr);
      expect(wr, theme).toBeGreaterThan(wg);
    }
  });

  it('every fill keeps its text readable (WCAG AA) in light and dark', () => {
    expect(worstContrast('light')).toBeGreaterThanOrEqual(AA_TEXT);
    expect(worstContrast('dark')).toBeGreaterThanOrEqual(AA_TEXT);
    const style = paintCell(50, 100, true).style;
    expect(style).toMatch(/^background: light-dark\(rgb\(\d+ \d+ \d+\), rgb\(\d+ \d+ \d+\)\); color: light-dark\(/);
  });
});

describe('confusion text colour', () => {
  it('is the theme text colour on every fill (the fills stop where it would become unreadable)', () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const diagonal of [true, false]) {
        for (let count = 1; count <= 100; count++) expect(paintCell(count, 100, diagonal).text[theme]).toEqual(THEMES[theme].text);
      }
    }
  });
});
