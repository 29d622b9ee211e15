import { describe, expect, it } from 'vitest';
import {
  MAX_ABS_VALUE,
  formatValue,
  looksLikeManyValues,
  parseKernelText,
  parseStrictNumber,
} from '../../../src/lib/math/strict-number';

describe('parseStrictNumber', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['-1', -1],
    ['+2', 2],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['5.', 5],
    ['-0', 0],
    ['2e-1', 0.2],
    ['1E2', 100],
    [' 3 ', 3],
    ['1/9', 1 / 9],
    ['-2/16', -0.125],
    ['\u22121', -1],
    ['1000', 1000],
    ['-1000', -1000],
  ])('accepts %j as %d', (text, value) => {
    const r = parseStrictNumber(text);
    expect(r).toEqual({ ok: true, value });
    if (r.ok) expect(Object.is(r.value, -0)).toBe(false);
  });

  it.each([
    ['1e309', /too large/],
    ['NaN', /not a number/],
    ['Infinity', /not a number/],
    ['', /Empty/],
    ['   ', /Empty/],
    ['--1', /not a number/],
    ['1abc', /not a number/],
    ['0x10', /not a number/],
    ['\uff11', /not a number/], // full-width digit one
    ['1_000', /not a number/],
    ['1,5', /not a number/],
    ['1/0', /divides by zero/],
    ['1/-2', /not a number/],
    ['e5', /not a number/],
    ['.', /not a number/],
    ['1001', /outside/],
    ['-1000.5', /outside/],
    ['1e4', /outside/],
    ['9'.repeat(400), /Too long \(400 characters\)/],
    ['9'.repeat(32), /outside/],
  ])('refuses %j with a message', (text, message) => {
    const r = parseStrictNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(message);
  });

  it('explains the magnitude bound', () => {
    const r = parseStrictNumber(String(MAX_ABS_VALUE + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/0–255/);
  });

  it('refuses 10 MB of text at once, without scanning it', () => {
    const huge = '1'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    const r = parseStrictNumber(huge);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/Too long \(10,485,760 characters\)/);
  });
});

describe('parseKernelText (pasting a whole filter)', () => {
  const sobel = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
  it.each([
    ['tabs', '-1\t0\t1\t-2\t0\t2\t-1\t0\t1'],
    ['commas', '-1,0,1,-2,0,2,-1,0,1'],
    ['spaces', '-1 0 1 -2 0 2 -1 0 1'],
    ['three lines of three', '-1 0 1\n-2 0 2\n-1 0 1\n'],
    ['spreadsheet rows (CRLF)', '-1\t0\t1\r\n-2\t0\t2\r\n-1\t0\t1'],
    ['a NumPy list', '[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]'],
  ])('accepts %s', (_name, text) => {
    const r = parseKernelText(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect([...r.kernel]).toEqual(sobel);
      expect(r.texts).toEqual(sobel.map(String));
    }
  });

  it('keeps fractions as typed', () => {
    const r = parseKernelText(Array(9).fill('1/9').join(' '));
    expect(r.ok && r.texts[0]).toBe('1/9');
  });

  it.each([
    ['eight values', '1 2 3 4 5 6 7 8', /exactly 9 numbers; the pasted text has 8 values/],
    ['ten values', '1 2 3 4 5 6 7 8 9 10', /has 10 values/],
    ['one bad value', '1 2 3 4 0x10 6 7 8 9', /Value 5 of 9/],
    ['an overflowing value', '1 2 3 4 5 6 7 8 1e309', /Value 9 of 9: .*too large/],
    ['nothing', '', /has 0 values/],
    ['10 MB', '1 '.repeat(5 * 1024 * 1024), /too long/],
  ])('refuses %s whole', (_name, text, message) => {
    const r = parseKernelText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(message);
  });
});

describe('looksLikeManyValues', () => {
  it('tells one value from many', () => {
    expect(looksLikeManyValues('-1')).toBe(false);
    expect(looksLikeManyValues(' 2.5 ')).toBe(false);
    expect(looksLikeManyValues('1 2')).toBe(true);
    expect(looksLikeManyValues('1\t2\t3')).toBe(true);
    expect(looksLikeManyValues('x'.repeat(100))).toBe(true);
  });
});

describe('formatValue', () => {
  it.each([
    [1, '1'],
    [-2, '-2'],
    [0.5, '0.5'],
    [1 / 9, '0.1111'],
    [-0.00001, '0'],
    [0.30000000000000004, '0.3'],
  ])('%d → %s', (v, text) => expect(formatValue(v)).toBe(text));
});
