import { describe, expect, it } from 'vitest';
import { formatBytes, formatMegabytes, formatProgressAmount, progressFraction } from '../../../src/lib/data/format';

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

describe('formatBytes', () => {
  it('picks kB, MB or GB by size', () => {
    expect(formatBytes(30_834)).toBe('31 kB');
    expect(formatBytes(505_581)).toBe('0.5 MB');
    expect(formatBytes(14_251_025)).toBe('14.3 MB');
    expect(formatBytes(10_752_200_000)).toBe('10.8 GB');
  });
});
