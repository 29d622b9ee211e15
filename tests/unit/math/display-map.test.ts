import { describe, expect, it } from 'vitest';
import {
  describeDisplay,
  displayColor,
  divergingColor,
  grayLevel,
  grayToRgba,
  isDisplayMode,
  legendFor,
  outputStats,
  quantileAbs,
  renderToRgba,
} from '../../../src/lib/math/display-map';

const values = Float32Array.from([-300, -100, -0.4, 0, 0.5, 100.49, 254.6, 255, 1000]);

describe('outputStats', () => {
  it('finds range, magnitude and clipped counts', () => {
    expect(outputStats(values)).toEqual({ min: -300, max: 1000, maxAbs: 1000, scale: 1000, below: 3, above: 1, count: 9 });
  });
  it('handles an empty output', () => {
    expect(outputStats([])).toMatchObject({ min: 0, max: 0, maxAbs: 0, count: 0 });
  });
});

describe('gray modes', () => {
  it('clamp: below 0 is black, above 255 white, rounded in between', () => {
    expect([...values].map((v) => grayLevel(v, 'clamp'))).toEqual([0, 0, 0, 0, 1, 100, 255, 255, 255]);
  });
  it('absolute value: the sign is dropped, then clamped', () => {
    expect([...values].map((v) => grayLevel(v, 'abs'))).toEqual([255, 100, 0, 0, 1, 100, 255, 255, 255]);
  });
  it('renderToRgba writes the same gray levels, opaque', () => {
    for (const mode of ['clamp', 'abs'] as const) {
      const out = new Uint8ClampedArray(values.length * 4);
      renderToRgba(values, mode, out);
      values.forEach((v, i) => {
        const g = grayLevel(v, mode);
        expect([...out.subarray(i * 4, i * 4 + 4)]).toEqual([g, g, g, 255]);
      });
    }
  });
});

describe('diverging map', () => {
  it('is blue below 0, near-white at 0 and red above', () => {
    const [nr, , nb] = divergingColor(-1);
    const [zr, zg, zb] = divergingColor(0);
    const [pr, , pb] = divergingColor(1);
    expect(nb).toBeGreaterThan(nr);
    expect(pr).toBeGreaterThan(pb);
    expect(Math.min(zr, zg, zb)).toBeGreaterThan(240);
  });
  it('clamps t outside [−1, 1] and treats NaN as 0', () => {
    expect(divergingColor(-5)).toEqual(divergingColor(-1));
    expect(divergingColor(5)).toEqual(divergingColor(1));
    expect(divergingColor(Number.NaN)).toEqual(divergingColor(0));
  });
  it('scales by the largest magnitude: the extreme value gets the strongest colour', () => {
    const stats = outputStats(values);
    const out = new Uint8ClampedArray(values.length * 4);
    renderToRgba(values, 'diverging', out, stats);
    expect([...out.subarray(8 * 4, 8 * 4 + 3)]).toEqual(divergingColor(1));
    expect([...out.subarray(3 * 4, 3 * 4 + 3)]).toEqual(divergingColor(0));
    values.forEach((v, i) => expect([...out.subarray(i * 4, i * 4 + 3)]).toEqual(displayColor(v, 'diverging', 1000)));
  });
  it('a few extreme pixels do not wash out the rest: the scale is the 99.5th percentile of |v|', () => {
    const many = new Float32Array(1000);
    for (let i = 0; i < many.length; i++) many[i] = (i % 2 ? 1 : -1) * (i % 100);
    many[0] = 5000; // one outlier
    const stats = outputStats(many);
    expect(stats.maxAbs).toBe(5000);
    expect(stats.scale).toBeGreaterThanOrEqual(99);
    expect(stats.scale).toBeLessThan(99 + 5000 / 2048 + 1e-9);
    const legend = legendFor('diverging', stats);
    expect(legend.ticks[2]!.label).toMatch(/^≥ /);
    expect(legend.summary).toMatch(/or beyond/);
    // The outlier is drawn at full strength, not beyond.
    expect(displayColor(5000, 'diverging', stats.scale)).toEqual(divergingColor(1));
    expect(quantileAbs(many, 5000, 0.5)).toBeGreaterThanOrEqual(49);
    expect(quantileAbs(many, 5000, 0.5)).toBeLessThan(49 + 5000 / 2048 + 1e-9);
  });

  it('an all-zero output does not divide by zero', () => {
    const zeros = new Float32Array(4);
    const out = new Uint8ClampedArray(16);
    renderToRgba(zeros, 'diverging', out);
    expect([...out.subarray(0, 3)]).toEqual(divergingColor(0));
  });
});

describe('legend and words', () => {
  const stats = outputStats(values);
  it('clamp legend counts clipped pixels', () => {
    expect(legendFor('clamp', stats).summary).toMatch(/3 pixels below 0 show black, 1 above 255 show white/);
  });
  it('diverging legend is labelled with the scale', () => {
    const legend = legendFor('diverging', stats);
    expect(legend.ticks.map((t) => t.label)).toEqual(['−1,000', '0', '1,000']);
    expect(legend.gradient).toMatch(/^linear-gradient/);
  });
  it('abs legend says the sign is dropped', () => {
    expect(legendFor('abs', stats).summary).toMatch(/sign is not shown/);
  });
  it('describeDisplay explains one value', () => {
    expect(describeDisplay(-300, 'clamp', stats)).toMatch(/black.*clamped/);
    expect(describeDisplay(120, 'clamp', stats)).toBe('gray level 120');
    expect(describeDisplay(-80, 'abs', stats)).toMatch(/gray level 80 \(sign dropped\)/);
    expect(describeDisplay(-500, 'diverging', stats)).toMatch(/blue at 50% strength/);
    expect(describeDisplay(0, 'diverging', stats)).toMatch(/white/);
  });
  it('isDisplayMode', () => {
    expect(isDisplayMode('abs')).toBe(true);
    expect(isDisplayMode('__proto__')).toBe(false);
  });
  it('grayToRgba', () => {
    const out = new Uint8ClampedArray(8);
    grayToRgba([7, 200], out);
    expect([...out]).toEqual([7, 7, 7, 255, 200, 200, 200, 255]);
  });
});
