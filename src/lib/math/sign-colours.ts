/**
 * The course's one colour code for signed numbers (filter weights, products, filtered images):
 * **blue is negative, red is positive**, and the stronger the colour, the larger the size. The
 * hues are ColorBrewer's RdBu (colour-blind safe, prints well). Zero is "no colour", that is the
 * background a value is drawn on:
 *  - numbers in a grid (worked examples, the filter editor's cells, exercise options, the pixel
 *    inspector) are tinted over the card's surface: white in the light theme, near-black in the dark;
 *  - filter weights drawn as small tiles fade to near-white (divergingColor);
 *  - a filtered image fades to black (signedImageColor), as in the Clamp and Absolute value views,
 *    so a photo through a filter that keeps brightness (weights summing to 1) shows as the photo
 *    in red, not as a washed-out negative.
 * Every widget takes its sign colours from here.
 */
import { THEMES, lightDark, mix, parseHex, readableText, type Rgb, type Theme } from './colour';

export const SIGN_COLOURS = {
  negative: { word: 'blue', hue: parseHex('#2166ac') },
  positive: { word: 'red', hue: parseHex('#b2182b') },
} as const;

/** Text colours for signed numbers, per theme, readable on the surface and on the strongest tint. */
const SIGN_TEXT: Record<Theme, { negative: Rgb; positive: Rgb }> = {
  light: { negative: parseHex('#1f5a9a'), positive: parseHex('#9c1d2c') },
  dark: { negative: parseHex('#8ec1ff'), positive: parseHex('#ff9a8f') },
};

/** Share of the hue mixed into a grid cell's background at the largest |value|. */
export const MAX_TINT = 0.3;

export function signOf(value: number): 'negative' | 'positive' | 'zero' {
  return value < 0 ? 'negative' : value > 0 ? 'positive' : 'zero';
}

export interface CellColours {
  /** null: no tint, the surface shows. */
  background: Rgb | null;
  text: Rgb;
}

/**
 * Colours of a number cell in a grid whose largest |value| is maxAbs: the background tinted by
 * sign and size, the text in the sign's colour (the theme's text colour for 0).
 */
export function signCellColours(value: number, maxAbs: number, theme: Theme): CellColours {
  const sign = signOf(value);
  const { surface, text } = THEMES[theme];
  if (sign === 'zero' || !Number.isFinite(value)) return { background: null, text };
  const strength = maxAbs > 0 ? Math.min(1, Math.abs(value) / maxAbs) : 1;
  const background = mix(surface, SIGN_COLOURS[sign].hue, strength * MAX_TINT);
  const signText = SIGN_TEXT[theme][sign];
  // The sign colours pass AA on every tint (tested); the guard keeps that true if they change.
  return { background, text: readableText(background, signText, [text, surface]) };
}

/** Inline style for a number cell: tint and text colour for both themes. '' for 0. */
export function signCellStyle(value: number, maxAbs: number): string {
  if (signOf(value) === 'zero') return '';
  const light = signCellColours(value, maxAbs, 'light');
  const dark = signCellColours(value, maxAbs, 'dark');
  return `background: ${lightDark(light.background!, dark.background!)}; color: ${lightDark(light.text, dark.text)}`;
}

/** Inline style for a signed number written on the plain surface (no tint). '' for 0. */
export function signTextStyle(value: number): string {
  const sign = signOf(value);
  if (sign === 'zero') return '';
  return `color: ${lightDark(SIGN_TEXT.light[sign], SIGN_TEXT.dark[sign])}`;
}

/** Background tint only (for cells whose text stays the theme's, like the editor's inputs). '' for 0. */
export function signTintStyle(value: number, maxAbs: number): string {
  if (signOf(value) === 'zero') return '';
  const light = signCellColours(value, maxAbs, 'light').background!;
  const dark = signCellColours(value, maxAbs, 'dark').background!;
  return `background: ${lightDark(light, dark)}`;
}

type Stop = readonly [number, Rgb];

function ramp(stops: readonly Stop[], u: number): [number, number, number] {
  let i = 0;
  while (i < stops.length - 2 && u > stops[i + 1]![0]) i++;
  const [u0, a] = stops[i]!;
  const [u1, b] = stops[i + 1]!;
  return [...mix(a, b, (u - u0) / (u1 - u0))] as [number, number, number];
}

function clampT(t: number): number {
  return Math.min(1, Math.max(-1, Number.isNaN(t) ? 0 : t));
}

const LIGHT_NEUTRAL = parseHex('#f7f7f7');
/** RdBu, 5 classes: full blue at −1, near-white at 0, full red at +1. */
const TILE_NEGATIVE: readonly Stop[] = [[0, LIGHT_NEUTRAL], [0.5, parseHex('#67a9cf')], [1, SIGN_COLOURS.negative.hue]];
const TILE_POSITIVE: readonly Stop[] = [[0, LIGHT_NEUTRAL], [0.5, parseHex('#ef8a62')], [1, SIGN_COLOURS.positive.hue]];

/** Tile colour for t in [−1, 1] (clamped; NaN is 0): near-white at 0, for filter weights as small images. */
export function divergingColor(t: number): [number, number, number] {
  const c = clampT(t);
  return ramp(c < 0 ? TILE_NEGATIVE : TILE_POSITIVE, Math.abs(c));
}

const BLACK = parseHex('#000000');
/** Black at 0, the full hue at half strength, then lighter: brightness grows with |t| as in Absolute value. */
const IMAGE_NEGATIVE: readonly Stop[] = [[0, BLACK], [0.5, SIGN_COLOURS.negative.hue], [0.75, parseHex('#4393c3')], [1, parseHex('#92c5de')]];
const IMAGE_POSITIVE: readonly Stop[] = [[0, BLACK], [0.5, SIGN_COLOURS.positive.hue], [0.75, parseHex('#d6604d')], [1, parseHex('#f4a582')]];

/** Image colour for t in [−1, 1] (clamped; NaN is 0): black at 0, blue below, red above, brighter with |t|. */
export function signedImageColor(t: number): [number, number, number] {
  const c = clampT(t);
  return ramp(c < 0 ? IMAGE_NEGATIVE : IMAGE_POSITIVE, Math.abs(c));
}
