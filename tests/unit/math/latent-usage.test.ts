import { describe, expect, it } from 'vitest';
import { EVENNESS_BINS, equalPriorEdges, latentUsage } from '../../../src/lib/math/latent-usage';

/** Seeded standard normals (Box–Muller over a small LCG): reproducible samples of the prior. */
function normals(n: number, seed = 1): number[] {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('equalPriorEdges', () => {
  it('cuts N(0, 1) into bins of equal probability, symmetric around 0', () => {
    const edges = equalPriorEdges(8);
    expect(edges).toHaveLength(7);
    expect(edges[3]).toBeCloseTo(0, 9);
    expect(edges[6]).toBeCloseTo(1.15035, 4); // Φ⁻¹(7/8)
    for (let i = 0; i < 7; i++) expect(edges[i]! + edges[6 - i]!).toBeCloseTo(0, 9);
    expect(() => equalPriorEdges(1)).toThrow(/bins/);
  });
});

describe('latentUsage', () => {
  it('scores samples of the prior itself near 1 (1,000 codes, the size of a record)', () => {
    const u = latentUsage(normals(2000), 2);
    expect(u.cells).toBe(EVENNESS_BINS ** 2);
    expect(u.evenness).toBeGreaterThan(0.97);
    expect(u.evenness).toBeLessThanOrEqual(1);
    expect(u.cellsUsed).toBe(64);
    expect(u.counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('scores a tight clump and codes spread far too wide low', () => {
    const clump = normals(2000, 2).map((v) => v * 0.05);
    const wide = normals(2000, 3).map((v) => v * 100);
    expect(latentUsage(clump, 2).evenness).toBeLessThan(0.4);
    expect(latentUsage(wide, 2).evenness).toBeLessThan(0.5);
    expect(latentUsage(clump, 2).cellsUsed).toBeLessThanOrEqual(4);
  });

  it('is exactly 1 with one code per cell and 0 with all codes in one cell', () => {
    const edges = [-Infinity, ...equalPriorEdges(2)]; // bins 2: edge at 0
    expect(edges[1]).toBeCloseTo(0, 12);
    const one = latentUsage([-1, -1, 1, -1, -1, 1, 1, 1], 2, 2);
    expect(one.evenness).toBeCloseTo(1, 12);
    expect(Array.from(one.counts)).toEqual([1, 1, 1, 1]);
    expect(latentUsage([0.5, 0.5, 0.6, 0.7], 2, 2).evenness).toBe(0);
  });

  it('reads the first two of a longer code, skips non-finite codes and refuses bad shapes', () => {
    expect(latentUsage([-1, -1, 9, 1, 1, 9], 3, 2).cellsUsed).toBe(2);
    expect(latentUsage([NaN, 0, 1, 1], 2, 2).counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(Number.isNaN(latentUsage([], 2).evenness)).toBe(true);
    expect(() => latentUsage([1, 2, 3], 2)).toThrow(/rows/);
    expect(() => latentUsage([1], 1)).toThrow(/latent/);
  });
});
