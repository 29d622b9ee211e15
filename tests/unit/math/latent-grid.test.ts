import { describe, expect, it } from 'vitest';
import { GRID_SIZE, gridAxis, interpolateLatent, inverseNormalCdf, manifoldGrid } from '../../../src/lib/math/latent-grid';

describe('inverseNormalCdf', () => {
  it('matches tabulated quantiles of N(0, 1)', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 12);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.3263478740408408, 8); // the tail branch
    expect(inverseNormalCdf(0.8413447460685429)).toBeCloseTo(1, 8); // Φ(1)
  });

  it('refuses p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 2, NaN]) expect(() => inverseNormalCdf(p)).toThrow(/strictly between/);
  });
});

describe('gridAxis', () => {
  it('spans Φ⁻¹(0.05)…Φ⁻¹(0.95), increasing, symmetric, 0 in the middle for odd n', () => {
    for (const spacing of ['normal', 'linear'] as const) {
      for (const n of [1, 2, 5, 15, 16]) {
        const axis = gridAxis(n, spacing);
        expect(axis).toHaveLength(n);
        for (let i = 1; i < n; i++) expect(axis[i]!).toBeGreaterThan(axis[i - 1]!);
        for (let i = 0; i < n; i++) expect(axis[i]! + axis[n - 1 - i]!).toBe(0);
        if (n % 2 === 1) expect(axis[(n - 1) / 2]).toBe(0);
        if (n > 1) {
          expect(axis[0]).toBeCloseTo(-1.6448536, 6);
          expect(axis[n - 1]).toBeCloseTo(1.6448536, 6);
        }
      }
    }
  });

  it('is dense near 0 with the normal spacing, even with the linear one', () => {
    const normal = gridAxis(GRID_SIZE, 'normal');
    const linear = gridAxis(GRID_SIZE, 'linear');
    const steps = (a: number[]) => a.slice(1).map((v, i) => v - a[i]!);
    const ns = steps(normal);
    expect(ns[7]!).toBeLessThan(ns[0]!); // the middle step is narrower than the outermost
    for (let i = 1; i < 7; i++) expect(ns[i]!).toBeLessThanOrEqual(ns[i - 1]! + 1e-12); // narrowing towards the centre
    for (const s of steps(linear)) expect(s).toBeCloseTo(2 * 1.6448536 / 14, 6);
  });

  it('equals Φ⁻¹ of evenly spaced probabilities (n = 5: 0.05, 0.275, 0.5, 0.725, 0.95)', () => {
    const expected = [0.05, 0.275, 0.5, 0.725, 0.95].map(inverseNormalCdf);
    gridAxis(5).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('refuses a bad size or margin', () => {
    expect(() => gridAxis(0)).toThrow(/whole number/);
    expect(() => gridAxis(2.5)).toThrow(/whole number/);
    expect(() => gridAxis(5, 'normal', 0)).toThrow(/margin/);
    expect(() => gridAxis(5, 'normal', 0.5)).toThrow(/margin/);
  });
});

describe('manifoldGrid', () => {
  it('lays out n × n points row-major: x grows to the right, y grows upwards', () => {
    const n = 3;
    const axis = gridAxis(n);
    const points = manifoldGrid(n);
    expect(points).toHaveLength(9);
    expect(points[0]).toEqual([axis[0], axis[2]]); // top left: low x, high y
    expect(points[2]).toEqual([axis[2], axis[2]]); // top right
    expect(points[4]).toEqual([0, 0]); // the centre
    expect(points[6]).toEqual([axis[0], axis[0]]); // bottom left
  });

  it('places the grid in two chosen dimensions of a longer latent vector, the rest at 0', () => {
    const points = manifoldGrid(3, { latent: 4, dims: [2, 0], spacing: 'linear' });
    const axis = gridAxis(3, 'linear');
    expect(points[0]).toEqual([axis[2], 0, axis[0], 0]);
    expect(() => manifoldGrid(3, { latent: 4, dims: [1, 1] })).toThrow(/dims/);
    expect(() => manifoldGrid(3, { latent: 4, dims: [0, 4] })).toThrow(/dims/);
    expect(() => manifoldGrid(3, { latent: 1 })).toThrow(/latent size/);
  });
});

describe('interpolateLatent', () => {
  it('goes from a to b in equal steps, both ends exact', () => {
    const path = interpolateLatent([0, 1, -2], [1, 3, 2], 5);
    expect(path).toHaveLength(5);
    expect(path[0]).toEqual([0, 1, -2]);
    expect(path[4]).toEqual([1, 3, 2]);
    expect(path[2]).toEqual([0.5, 2, 0]);
    expect(path[1]![0]).toBeCloseTo(0.25, 12);
  });

  it('handles ends that do not land exactly under a + t(b − a)', () => {
    const a = [0.1, 0.7];
    const b = [0.3, -0.9];
    expect(interpolateLatent(a, b, 7)[6]).toEqual(b);
  });

  it('refuses vectors of different lengths and fewer than 2 steps', () => {
    expect(() => interpolateLatent([0], [0, 1], 3)).toThrow(/length/);
    expect(() => interpolateLatent([0], [1], 1)).toThrow(/steps/);
  });
});
