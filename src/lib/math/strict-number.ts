/**
 * Strict parsing of filter values typed or pasted by a reader.
 *
 * JavaScript's own parsers are far too forgiving for this: `Number('')` is 0,
 * `parseFloat('1abc')` is 1, `Number('0x10')` is 16 and `Number('1e309')` is Infinity.
 * So every text goes through, in order: a length limit (checked before any other work,
 * so 10 MB of pasted text costs nothing), a strict decimal pattern, a finite check and
 * a magnitude bound. Nothing here throws.
 */
import type { Kernel3x3 } from './conv2d';

/** Longest text accepted in one filter cell. Longer text is refused before it is looked at. */
export const MAX_CELL_CHARS = 32;
/** Longest text accepted when a whole filter is pasted (nine numbers plus separators). */
export const MAX_KERNEL_TEXT_CHARS = 2000;
/**
 * Largest filter value allowed, in magnitude. With |w| ≤ 1000 and pixels ≤ 255 every sum of
 * nine products stays below 2.3 million, where 32-bit floats still hold whole numbers exactly;
 * bigger weights show nothing new anyway, as every pixel lands far outside 0–255.
 */
export const MAX_ABS_VALUE = 1000;

/** An optional sign, then digits with an optional point, or a point and digits, then an optional exponent. ASCII only. */
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
/** A fraction of two unsigned decimals, e.g. "1/9" (handy for blur filters); the sign goes in front. */
const FRACTION = /^([+-]?)((?:[0-9]+\.?[0-9]*|\.[0-9]+))\/((?:[0-9]+\.?[0-9]*|\.[0-9]+))$/;

export type ParseResult = { ok: true; value: number } | { ok: false; reason: string };

/** Shortens untrusted text for quoting in a message. */
function quote(text: string): string {
  const shown = text.length > 12 ? `${text.slice(0, 12)}…` : text;
  return `“${shown}”`;
}

/**
 * Parses one filter value: a plain decimal ("-1", "0.25", ".5", "2e-1") or a fraction ("1/9").
 * A Unicode minus (−, as printed in the lesson) counts as "-". Surrounding spaces are ignored.
 */
export function parseStrictNumber(raw: string): ParseResult {
  if (raw.length > MAX_CELL_CHARS) {
    return { ok: false, reason: `Too long (${raw.length.toLocaleString('en')} characters): a filter value has at most ${MAX_CELL_CHARS}.` };
  }
  const text = raw.trim().replace(/^\u2212/, '-');
  if (text === '') return { ok: false, reason: 'Empty: type a number (0 is fine).' };
  let value: number;
  const fraction = FRACTION.exec(text);
  if (fraction) {
    const [, sign, top, bottom] = fraction;
    const denominator = Number(bottom);
    if (denominator === 0) return { ok: false, reason: `${quote(text)} divides by zero.` };
    value = (sign === '-' ? -1 : 1) * (Number(top) / denominator);
  } else if (DECIMAL.test(text)) {
    value = Number(text);
  } else {
    return { ok: false, reason: `${quote(text)} is not a number: use digits, an optional sign and point, like -1, 0.5 or 1/9.` };
  }
  if (!Number.isFinite(value)) return { ok: false, reason: `${quote(text)} is too large to be a number here.` };
  if (Math.abs(value) > MAX_ABS_VALUE) {
    return {
      ok: false,
      reason: `${quote(text)} is outside −${MAX_ABS_VALUE}…${MAX_ABS_VALUE}. Larger weights show nothing new: every pixel would land far outside 0–255.`,
    };
  }
  // -0 would print as "0" but compare unequal in Object.is; normalise it.
  return { ok: true, value: value === 0 ? 0 : value };
}

export type KernelParseResult =
  | { ok: true; kernel: Kernel3x3; texts: string[] }
  | { ok: false; reason: string };

/**
 * True when pasted text holds more than one value (tabs, commas, spaces, semicolons or line
 * breaks between them), i.e. the reader meant a whole filter rather than one cell.
 */
export function looksLikeManyValues(text: string): boolean {
  if (text.length > MAX_CELL_CHARS) return true;
  return /[^\s,;[\]()]+[\s,;[\]()]+[^\s,;[\]()]+/.test(text.trim());
}

/**
 * Parses a whole filter: exactly nine values separated by tabs, commas, spaces, semicolons or
 * line breaks (e.g. three lines of three, or a spreadsheet row). Brackets are ignored, so a
 * Python/NumPy list like [[1, 0, -1], [2, 0, -2], [1, 0, -1]] works too. All or nothing.
 */
export function parseKernelText(text: string): KernelParseResult {
  if (text.length > MAX_KERNEL_TEXT_CHARS) {
    return { ok: false, reason: `Pasted text is too long (${text.length.toLocaleString('en')} characters); a filter is nine numbers.` };
  }
  const tokens = text.replace(/[[\]()]/g, ' ').split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length !== 9) {
    return { ok: false, reason: `A filter needs exactly 9 numbers; the pasted text has ${tokens.length} value${tokens.length === 1 ? '' : 's'}.` };
  }
  const values: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const result = parseStrictNumber(token);
    if (!result.ok) return { ok: false, reason: `Value ${i + 1} of 9: ${result.reason}` };
    values.push(result.value);
  }
  return { ok: true, kernel: values as unknown as Kernel3x3, texts: tokens.map((t) => t.replace(/^\u2212/, '-')) };
}

/** A short, readable text for a filter value: whole numbers as is, others to at most 4 decimals. */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const text = value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}
