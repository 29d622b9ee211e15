import { describe, expect, it } from 'vitest';
import { AA_TEXT, THEMES, contrastRatio } from '../../../src/lib/math/colour';
import { displayColor } from '../../../src/lib/math/display-map';
import {
  MAX_TINT,
  SIGN_COLOURS,
  divergingColor,
  signCellColours,
  signCellStyle,
  signTextStyle,
  signTintStyle,
  signedImageColor,
} from '../../../src/lib/math/sign-colours';

/** Blue minus red: positive for a bluish colour, negative for a reddish one. */
const blueness = ([r, , b]: readonly number[]) => b! - r!;
/** How far a tint has moved from the surface, per channel (luminance alone misses red on dark). */
const distance = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0);

describe('one sign code: blue negative, red positive', () => {
  it('every map agrees on the hue of a sign', () => {
    for (const t of [0.1, 0.5, 1]) {
      expect(blueness(signedImageColor(-t)), `image −${t}`).toBeGreaterThan(0);
      expect(blueness(signedImageColor(t)), `image +${t}`).toBeLessThan(0);
      expect(blueness(divergingColor(-t)), `tile −${t}`).toBeGreaterThan(0);
      expect(blueness(divergingColor(t)), `tile +${t}`).toBeLessThan(0);
      expect(blueness(displayColor(-t * 50, 'diverging', 50)), `editor −${t}`).toBeGreaterThan(0);
      expect(blueness(displayColor(t * 50, 'diverging', 50)), `editor +${t}`).toBeLessThan(0);
      for (const theme of ['light', 'dark'] as const) {
        const neg = signCellColours(-t, 1, theme);
        const pos = signCellColours(t, 1, theme);
        // Relative to the surface: the dark surface is slightly blue itself.
        const surface = blueness(THEMES[theme].surface);
        expect(blueness(neg.background!), `${theme} cell −${t}`).toBeGreaterThan(surface);
        expect(blueness(pos.background!), `${theme} cell +${t}`).toBeLessThan(surface);
        expect(blueness(neg.text), `${theme} text −`).toBeGreaterThan(0);
        expect(blueness(pos.text), `${theme} text +`).toBeLessThan(0);
      }
    }
    expect(SIGN_COLOURS.negative.word).toBe('blue');
    expect(SIGN_COLOURS.positive.word).toBe('red');
  });

  it('the strongest colours are the RdBu ends, and images are black at 0', () => {
    expect(divergingColor(-1)).toEqual([...SIGN_COLOURS.negative.hue]);
    expect(divergingColor(1)).toEqual([...SIGN_COLOURS.positive.hue]);
    expect(signedImageColor(-0.5)).toEqual([...SIGN_COLOURS.negative.hue]);
    expect(signedImageColor(0.5)).toEqual([...SIGN_COLOURS.positive.hue]);
    expect(signedImageColor(0)).toEqual([0, 0, 0]);
    expect(signedImageColor(Number.NaN)).toEqual([0, 0, 0]);
    expect(signedImageColor(7)).toEqual(signedImageColor(1));
  });

  it('grid cells: 0 is untinted, the tint grows with |value|, and text passes AA on every tint in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      expect(signCellColours(0, 5, theme)).toEqual({ background: null, text: THEMES[theme].text });
      let previous = 0;
      for (let v = 0.25; v <= 5; v += 0.25) {
        for (const sign of [-1, 1]) {
          const { background, text } = signCellColours(sign * v, 5, theme);
          expect(contrastRatio(text, background!), `${theme} ${sign * v}`).toBeGreaterThanOrEqual(AA_TEXT);
          // The theme's text colour must stay readable too (the editor's inputs use it).
          expect(contrastRatio(THEMES[theme].text, background!), `${theme} input text on ${sign * v}`).toBeGreaterThanOrEqual(AA_TEXT);
        }
        const moved = distance(signCellColours(v, 5, theme).background!, THEMES[theme].surface);
        expect(moved, `${theme} ${v}`).toBeGreaterThan(previous);
        previous = moved;
      }
      // Sign colours on the plain surface (the inspector's products) pass AA too.
      for (const v of [-1, 1]) {
        const text = signCellColours(v, 1e9, theme).text;
        expect(contrastRatio(text, THEMES[theme].surface)).toBeGreaterThanOrEqual(AA_TEXT);
      }
    }
    expect(MAX_TINT).toBeLessThanOrEqual(0.5);
  });

  it('styles carry both themes and nothing for 0', () => {
    expect(signCellStyle(0, 3)).toBe('');
    expect(signTextStyle(0)).toBe('');
    expect(signTintStyle(0, 3)).toBe('');
    expect(signCellStyle(-3, 3)).toMatch(/^background: light-dark\(rgb\(.+\), rgb\(.+\)\); color: light-dark\(/);
    expect(signTextStyle(2)).toMatch(/^color: light-dark\(/);
    expect(signTintStyle(2, 4)).toMatch(/^background: light-dark\(/);
  });
});
