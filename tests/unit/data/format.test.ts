import { describe, expect, it } from 'vitest';
import { formatMegabytes, formatProgressAmount, progressFraction } from '../../../src/lib/data/format';

describe('progress words', () => {
  it('formats megabytes the way the progress bar shows them', () => {
    expect(formatMegabytes(7_850_160)).toBe('7.9 MB');
    expect(formatProgressAmount(1_234_567, 7_850_160)).toBe('1.2 of 7.9 MB');
    expect(formatProgressAmount(0, 0)).toBe('0.0 of 0.0 MB');
  });

  it('gives a fraction in 0..1, or undefined while the total is unknown', () => {
    expect(progressFraction(50, 200)).toBe(0.25);
    expect(progressFraction(300, 200)).toBe(1);
    expect(progressFraction(-5, 200)).toBe(0);
    expect(progressFraction(5, 0)).toBeUndefined();
    expect(progressFraction(5, Number.NaN)).toBeUndefined();
  });
});
