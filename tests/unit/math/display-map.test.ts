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
  signedImageColor,
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
  it('draws images black at 0, blue below and red above, brighter further from 0 (like Absolute value)', () => {
    expect(displayColor(0, 'diverging', 100)).toEqual([0, 0, 0]);
    const [nr, , nb] = displayColor(-100, 'diverging', 100);
    const [pr, , pb] = displayColor(100, 'diverging', 100);
    expect(nb).toBeGreaterThan(nr);
    expect(pr).toBeGreaterThan(pb);
    const brightness = (v: number) => displayColor(v, 'diverging', 100).reduce((a, b) => a + b, 0);
    for (const sign of [-1, 1]) {
      const levels = [0, 10, 30, 50, 70, 90, 100].map((v) => brightness(sign * v));
      expect(levels, `sign ${sign}`).toEqual([...levels].sort((a, b) => a - b));
      expect(new Set(levels).size).toBe(levels.length);
    }
  });
  it('filter-weight tiles (divergingColor) are near-white at 0, in the same hues', () => {
    const [nr, , nb] = divergingColor(-1);
    const [zr, zg, zb] = divergingColor(0);
    const [pr, , pb] = divergingColor(1);
    expect(nb).toBeGreaterThan(nr);
    expect(pr).toBeGreaterThan(pb);
    expect(Math.min(zr, zg, zb)).toBeGreaterThan(240);
  });
  it('an identity-filtered photo keeps its brightness order: a red-toned photo, not a negative', () => {
    const photo = Float32Array.from([0, 40, 90, 160, 255]);
    const out = new Uint8ClampedArray(photo.length * 4);
    renderToRgba(photo, 'diverging', out);
    const red = [0, 1, 2, 3, 4].map((i) => out[i * 4]!);
    expect(red[0]).toBe(0);
    expect(red).toEqual([...red].sort((a, b) => a - b));
    for (let i = 1; i < 5; i++) expect(out[i * 4]!, 'red dominates').toBeGreaterThan(out[i * 4 + 2]!);
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
    expect([...out.subarray(8 * 4, 8 * 4 + 3)]).toEqual(signedImageColor(1));
    expect([...out.subarray(3 * 4, 3 * 4 + 3)]).toEqual(signedImageColor(0));
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
    expect(displayColor(5000, 'diverging', stats.scale)).toEqual(signedImageColor(1));
    expect(quantileAbs(many, 5000, 0.5)).toBeGreaterThanOrEqual(49);
    expect(quantileAbs(many, 5000, 0.5)).toBeLessThan(49 + 5000 / 2048 + 1e-9);
  });

  it('an all-zero output does not divide by zero', () => {
    const zeros = new Float32Array(4);
    const out = new Uint8ClampedArray(16);
    renderToRgba(zeros, 'diverging', out);
    expect([...out.subarray(0, 3)]).toEqual([0, 0, 0]);
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
  it('diverging legend explains a one-coloured picture from the filter sum', () => {
    const photo = outputStats(Float32Array.from([0, 12, 80, 255]));
    expect(legendFor('diverging', photo, 1).note).toMatch(/add up to 1, so flat areas keep their brightness and nothing falls below 0: the picture comes through in red/);
    expect(legendFor('diverging', photo, 2).note).toMatch(/keep 2 × their brightness/);
    expect(legendFor('diverging', photo).note).toBe('Nothing falls below 0, so nothing is blue.');
    const sharpened = outputStats(Float32Array.from([-20, 12, 80, 300]));
    expect(legendFor('diverging', sharpened, 1).note).toMatch(/blue marks the pixels pushed below 0/);
    const edges = outputStats(Float32Array.from([-200, -5, 0, 7, 180]));
    expect(legendFor('diverging', edges, 0).note).toBeNull();
    expect(legendFor('diverging', outputStats(Float32Array.from([-3, -1])), 0).note).toMatch(/nothing is red/);
    expect(legendFor('clamp', photo, 1).note).toBeNull();
    expect(legendFor('diverging', photo, 1).summary).toMatch(/Black is 0, blue is negative, red is positive/);
  });
  it('abs legend says the sign is dropped', () => {
    expect(legendFor('abs', stats).summary).toMatch(/sign is not shown/);
  });
  it('describeDisplay explains one value', () => {
    expect(describeDisplay(-300, 'clamp', stats)).toMatch(/black.*clamped/);
    expect(describeDisplay(120, 'clamp', stats)).toBe('gray level 120');
    expect(describeDisplay(-80, 'abs', stats)).toMatch(/gray level 80 \(sign dropped\)/);
    expect(describeDisplay(-500, 'diverging', stats)).toMatch(/blue at 50% brightness/);
    expect(describeDisplay(0, 'diverging', stats)).toMatch(/black \(zero\)/);
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
