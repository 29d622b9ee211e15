import { describe, expect, it } from 'vitest';
import { covariance, pca, project } from '../../../src/lib/math/pca';
import { mulberry32 } from '../../../src/lib/ml/random';

describe('PCA', () => {
  // Rows built from a known decomposition: x = 3·a·u₁ + 1·b·u₂ + mean, with a, b of unit variance
  // and u₁, u₂ orthonormal in ℝ⁴; the principal axes are u₁ and u₂ with variances ≈ 9 and ≈ 1.
  const u1 = [0.5, 0.5, 0.5, 0.5];
  const u2 = [0.5, -0.5, 0.5, -0.5];
  const mean = [1, 2, 3, 4];
  const random = mulberry32(5);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const count = 4000;
  const data: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = gaussian() * 3;
    const b = gaussian();
    for (let f = 0; f < 4; f++) data.push(mean[f]! + a * u1[f]! + b * u2[f]!);
  }
  const rows = { data, count, dims: 4 };

  it('finds the axes and variances of a known decomposition', () => {
    const model = pca(rows, 2);
    const dot = (u: ArrayLike<number>, v: number[]) => v.reduce((s, x, f) => s + x * u[f]!, 0);
    expect(Math.abs(dot(model.components[0]!, u1))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(model.components[1]!, u2))).toBeGreaterThan(0.999);
    expect(model.variances[0]).toBeGreaterThan(8.5);
    expect(model.variances[0]).toBeLessThan(9.5);
    expect(model.variances[1]).toBeGreaterThan(0.9);
    expect(model.variances[1]).toBeLessThan(1.1);
    [...model.mean].forEach((m, f) => expect(m).toBeCloseTo(mean[f]!, 1));
  });

  it('projects the mean to the origin, and the same data to the same map each time', () => {
    const model = pca(rows, 2);
    expect([...project({ data: [...model.mean], count: 1, dims: 4 }, model)].map((v) => Math.abs(v) < 1e-9)).toEqual([true, true]);
    expect([...pca(rows, 2).components[0]!]).toEqual([...model.components[0]!]);
  });

  it('has a symmetric covariance with the variances on its diagonal', () => {
    const cov = covariance({ data: [0, 0, 2, 2, 4, 4], count: 3, dims: 2 }, new Float64Array([2, 2]));
    expect([...cov]).toEqual([4, 4, 4, 4]);
  });
});
