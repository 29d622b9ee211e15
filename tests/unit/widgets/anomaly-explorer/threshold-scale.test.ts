import { describe, expect, it } from 'vitest';
import { axisFraction, defaultThreshold, formatScore, positionToThreshold, scoreScale, SLIDER_STEPS, thresholdToPosition } from '../../../../src/widgets/anomaly-explorer/threshold-scale';

describe('threshold slider scale', () => {
  const s = scoreScale([0.01, 0.1, 0.8]);

  it('spans the lowest score to a margin above the highest', () => {
    expect(s.min).toBe(0.01);
    expect(s.lo).toBe(0.01);
    expect(s.hi).toBeCloseTo(1);
  });

  it('maps positions log-linearly: the middle is the geometric mean, the ends flag everything and nothing', () => {
    expect(positionToThreshold(0, s)).toBe(0.01);
    expect(positionToThreshold(SLIDER_STEPS, s)).toBeGreaterThan(0.8);
    expect(positionToThreshold(SLIDER_STEPS / 2, s)).toBeCloseTo(0.1, 6);
    expect(positionToThreshold(-5, s)).toBe(0.01);
    expect(positionToThreshold(SLIDER_STEPS + 9, s)).toBe(s.hi);
    for (let p = 1; p <= SLIDER_STEPS; p++) expect(positionToThreshold(p, s)).toBeGreaterThan(positionToThreshold(p - 1, s));
  });

  it('finds the nearest position of any threshold, inverting the mapping', () => {
    for (const p of [0, 1, 37, 100, 199, SLIDER_STEPS]) expect(thresholdToPosition(positionToThreshold(p, s), s)).toBe(p);
    expect(thresholdToPosition(0, s)).toBe(0);
    expect(thresholdToPosition(Infinity, s)).toBe(SLIDER_STEPS);
    expect(thresholdToPosition(0.1001, s)).toBe(SLIDER_STEPS / 2);
  });

  it('puts a zero score at position 0 and keeps a log axis positive', () => {
    const z = scoreScale([0, 0.02, 0.2]);
    expect(z.min).toBe(0);
    expect(z.lo).toBe(0.02);
    expect(positionToThreshold(0, z)).toBe(0);
    expect(axisFraction(0, z)).toBe(0);
    expect(axisFraction(0.2 * 1.25, z)).toBeCloseTo(1);
  });

  it('widens a flat or empty stream so there is an axis', () => {
    const flat = scoreScale([0.05, 0.05]);
    expect(flat.lo).toBeLessThan(0.05);
    expect(flat.hi).toBeGreaterThan(0.05);
    const none = scoreScale([]);
    expect(none.hi).toBeGreaterThan(none.lo);
  });

  it('formats scores to three significant digits', () => {
    expect(formatScore(0.023456)).toBe('0.0235');
    expect(formatScore(0.1)).toBe('0.1');
    expect(formatScore(1.5)).toBe('1.5');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(0.00001234)).toBe('1.23e-5');
    expect(formatScore(Infinity)).toBe('∞');
  });

  it('starts where about 5% of the normal items are flagged', () => {
    const normal = Array.from({ length: 100 }, (_, i) => (i + 1) / 1000);
    const scores = [...normal, 0.5, 0.6];
    const anomalous = [...normal.map(() => false), true, true];
    const t = defaultThreshold(scores, anomalous);
    expect(normal.filter((v) => v >= t)).toHaveLength(5);
    expect(defaultThreshold([0.3, 0.1, 0.2, 0.4], [true, true, true, true])).toBe(0.3); // no normal items: the upper half
    expect(defaultThreshold([], [])).toBe(0);
  });
});
