/**
 * Small sRGB colour arithmetic for the widgets: mixing a tint over a surface, and choosing a text
 * colour that stays readable on it (WCAG 2 contrast). Plain numbers, no DOM, so every colour a
 * widget paints can be checked in a unit test.
 */

/** Red, green, blue, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** "#2166ac" or "#fff" → [33, 102, 172]. Throws on anything else, so a typo fails a test. */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`Not a hex colour: ${hex}`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** `a` moved a share `t` (0–1) of the way to `b`, like CSS color-mix(in srgb, b t, a), rounded. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const s = Math.min(1, Math.max(0, t));
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * s)) as unknown as Rgb;
}

/** "rgb(33 102 172)", for style attributes. */
export function cssRgb(c: Rgb): string {
  return `rgb(${c[0]} ${c[1]} ${c[2]})`;
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The candidate with the highest contrast on `fill` (the first wins a tie). */
export function readableOn(fill: Rgb, candidates: readonly Rgb[]): Rgb {
  let best = candidates[0]!;
  let bestRatio = contrastRatio(fill, best);
  for (const c of candidates.slice(1)) {
    const ratio = contrastRatio(fill, c);
    if (ratio > bestRatio) {
      best = c;
      bestRatio = ratio;
    }
  }
  return best;
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;

/** `preferred` when it passes WCAG AA on `fill`, else the most readable of `fallbacks`. */
export function readableText(fill: Rgb, preferred: Rgb, fallbacks: readonly Rgb[]): Rgb {
  return contrastRatio(preferred, fill) >= AA_TEXT ? preferred : readableOn(fill, fallbacks);
}

/** Theme-following CSS colour from a light-theme and a dark-theme colour. */
export function lightDark(light: Rgb, dark: Rgb): string {
  return `light-dark(${cssRgb(light)}, ${cssRgb(dark)})`;
}

/**
 * The surfaces widgets paint on, per theme (--bg-raised and --fg in src/styles/tokens.css; a unit
 * test keeps them equal). Computed tints need concrete colours to check contrast against.
 */
export const THEMES = {
  light: { surface: parseHex('#ffffff'), text: parseHex('#1d1f23') },
  dark: { surface: parseHex('#1c1f25'), text: parseHex('#e7e7ea') },
} as const;

export type Theme = keyof typeof THEMES;

