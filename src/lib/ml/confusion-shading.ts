/**
 * Colours of a confusion matrix's cells. Each cell is shaded by its share of its row (of the items
 * that really are that class): on the diagonal the share is how often that class is recognised,
 * so 962 of 1,000 bags is a deep green and 147 of 1,000 shirts a pale one; off the diagonal it is
 * how often the class is taken for another, in red. Text colour is chosen per fill so every cell
 * passes WCAG AA in both themes. tfjs-free.
 */
import { THEMES, contrastRatio, lightDark, mix, parseHex, readableText, type Rgb, type Theme } from '../math/colour';

/** Green for right, red for wrong: --success and --danger in the light theme, deeper versions in the dark. */
const HUES: Record<Theme, { right: Rgb; wrong: Rgb }> = {
  light: { right: parseHex('#0f7b3f'), wrong: parseHex('#b3261e') },
  dark: { right: parseHex('#3fb673'), wrong: parseHex('#e0584c') },
};

/**
 * Share of the hue in the fill at full strength, per theme and hue: as far as the theme's own text
 * colour stays readable (≥ 4.5:1), so the text keeps one colour over the whole scale.
 */
export const MAX_FILL: Record<Theme, { right: number; wrong: number }> = {
  light: { right: 0.68, wrong: 0.64 },
  dark: { right: 0.5, wrong: 0.66 },
};

/** If the theme's text colour ever falls below AA on a fill (new hues), the more readable of these is used. */
const TEXT_CANDIDATES: readonly Rgb[] = [parseHex('#000000'), parseHex('#ffffff')];

/**
 * Off the diagonal, a share of a row this large or more gets the strongest red. Mistakes are
 * rarely more than a third of a row, so a scale to 1 would leave them all pale.
 */
export const WRONG_FULL_SHARE = 0.5;

/**
 * How strongly to colour a cell, 0–1, from its share of its row. The diagonal is linear (the
 * share is the class's recall); mistakes grow with the square root of share / WRONG_FULL_SHARE,
 * so 1% of a row is already visible and 20% stands out. Both only grow with the share.
 */
export function cellStrength(share: number, diagonal: boolean): number {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return diagonal ? s : Math.sqrt(Math.min(1, s / WRONG_FULL_SHARE));
}

export interface CellPaint {
  /** count / rowTotal (0 for an empty row). */
  share: number;
  strength: number;
  /** null when the cell stays unpainted (a count of 0). */
  fill: Record<Theme, Rgb> | null;
  text: Record<Theme, Rgb>;
  /** Inline style with both themes (light-dark()), '' for an unpainted cell. */
  style: string;
}

export function paintCell(count: number, rowTotal: number, diagonal: boolean): CellPaint {
  const share = rowTotal > 0 ? count / rowTotal : 0;
  const strength = count > 0 ? cellStrength(share, diagonal) : 0;
  if (strength === 0) {
    return { share, strength, fill: null, text: { light: THEMES.light.text, dark: THEMES.dark.text }, style: '' };
  }
  const paint = (theme: Theme): { fill: Rgb; text: Rgb } => {
    const kind = diagonal ? 'right' : 'wrong';
    const fill = mix(THEMES[theme].surface, HUES[theme][kind], strength * MAX_FILL[theme][kind]);
    return { fill, text: readableText(fill, THEMES[theme].text, TEXT_CANDIDATES) };
  };
  const light = paint('light');
  const dark = paint('dark');
  return {
    share,
    strength,
    fill: { light: light.fill, dark: dark.fill },
    text: { light: light.text, dark: dark.text },
    style: `background: ${lightDark(light.fill, dark.fill)}; color: ${lightDark(light.text, dark.text)}`,
  };
}

/** Lowest text contrast over every strength (a check for tests and for changing the hues). */
export function worstContrast(theme: Theme, steps = 200): number {
  let worst = Infinity;
  for (const diagonal of [true, false]) {
    for (let i = 0; i <= steps; i++) {
      const p = paintCell(i, steps, diagonal);
      const fill = p.fill?.[theme] ?? THEMES[theme].surface;
      worst = Math.min(worst, contrastRatio(fill, p.text[theme]));
    }
  }
  return worst;
}

