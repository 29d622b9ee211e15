/**
 * Strict parsing of numbers typed by a reader into an exercise.
 *
 * JavaScript's own parsers accept far too much: `Number('')` is 0, `parseFloat('1abc')` is 1,
 * `Number('0x10')` is 16 and `Number('1e309')` is Infinity. A wrong answer must never be
 * graded as a different number than the one the reader sees, so only plain decimals pass.
 */

/** Longer text is refused before it is looked at, so a huge paste costs nothing. */
export const MAX_ANSWER_CHARS = 40;

/** Optional sign, digits with an optional point (or a point then digits), optional exponent. ASCII only. */
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

export type ParsedDecimal = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Parses a plain decimal ("-4", "0.25", ".5", "2e-1"). Surrounding spaces are ignored and a
 * Unicode minus (−, as printed in the lessons) counts as "-". Never throws.
 */
export function parseDecimal(raw: string): ParsedDecimal {
  if (raw.length > MAX_ANSWER_CHARS) return { ok: false, reason: `That is too long for a number (at most ${MAX_ANSWER_CHARS} characters).` };
  const text = raw.trim().replace(/^\u2212/, '-');
  if (text === '') return { ok: false, reason: 'Type a number first.' };
  if (/^[+-]?[0-9]+,[0-9]+$/.test(text)) return { ok: false, reason: 'Use a point for decimals, for example 1.5.' };
  if (/^[+-]?0[xXbBoO]/.test(text)) return { ok: false, reason: 'Write the number in plain decimal digits, not hexadecimal, binary or octal.' };
  if (!DECIMAL.test(text)) return { ok: false, reason: `“${shorten(text)}” is not a plain decimal number.` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'That number is too large.' };
  // -0 would print as "0" but compare oddly in Object.is; normalise it.
  return { ok: true, value: value === 0 ? 0 : value };
}

function shorten(text: string): string {
  return text.length > 12 ? `${text.slice(0, 12)}…` : text;
}

/** Formats a number for feedback: at most 3 decimals, no trailing zeros, a real minus sign. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = String(rounded === 0 ? 0 : rounded);
  return text.replace(/^-/, '\u2212');
}
