import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THEMES, contrastRatio, cssRgb, lightDark, mix, parseHex, readableOn, relativeLuminance } from '../../../src/lib/math/colour';

describe('colour arithmetic', () => {
  it('parses hex colours and refuses anything else', () => {
    expect(parseHex('#2166ac')).toEqual([33, 102, 172]);
    expect(parseHex('#FFF')).toEqual([255, 255, 255]);
    expect(() => parseHex('2166ac')).toThrow(/Not a hex colour/);
    expect(() => parseHex('#12345')).toThrow();
  });
  it('mixes like CSS color-mix in srgb, clamping the share', () => {
    expect(mix([0, 0, 0], [255, 255, 255], 0.5)).toEqual([128, 128, 128]);
    expect(mix([10, 20, 30], [110, 120, 130], 0)).toEqual([10, 20, 30]);
    expect(mix([10, 20, 30], [110, 120, 130], 2)).toEqual([110, 120, 130]);
    expect(cssRgb([1, 2, 3])).toBe('rgb(1 2 3)');
    expect(lightDark([1, 2, 3], [4, 5, 6])).toBe('light-dark(rgb(1 2 3), rgb(4 5 6))');
  });
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    // A known pair: #767676 on white is the classic 4.54:1.
    expect(contrastRatio(parseHex('#767676'), [255, 255, 255])).toBeCloseTo(4.54, 2);
  });
  it('picks the more readable text colour for a fill', () => {
    expect(readableOn(parseHex('#0b3d91'), [parseHex('#000000'), parseHex('#ffffff')])).toEqual([255, 255, 255]);
    expect(readableOn(parseHex('#f4e04d'), [parseHex('#000000'), parseHex('#ffffff')])).toEqual([0, 0, 0]);
  });
  it('the theme colours match --bg-raised and --fg in tokens.css', () => {
    const tokens = readFileSync('src/styles/tokens.css', 'utf8');
    const token = (name: string) => tokens.match(new RegExp(`--${name}: light-dark\\((#[0-9a-f]+), (#[0-9a-f]+)\\)`, 'i'))!.slice(1).map(parseHex);
    expect(token('bg-raised')).toEqual([THEMES.light.surface, THEMES.dark.surface]);
    expect(token('fg')).toEqual([THEMES.light.text, THEMES.dark.text]);
  });
});
