import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, shuffledIndices } from '../../../src/lib/ml/random';

describe('seeded randomness', () => {
  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });
  it('values are roughly uniform', () => {
    const r = mulberry32(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r() * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
  it('shuffledIndices is a permutation, reproducible by seed', () => {
    const order = shuffledIndices(1000, mulberry32(1));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(shuffledIndices(1000, mulberry32(1))).toEqual(order);
    expect(shuffledIndices(1000, mulberry32(2))).not.toEqual(order);
  });
  it('deriveSeed separates parts', () => {
    expect(deriveSeed(1, 'epoch', 0)).toBe(deriveSeed(1, 'epoch', 0));
    expect(deriveSeed(1, 'epoch', 0)).not.toBe(deriveSeed(1, 'epoch', 1));
    expect(deriveSeed(1, 'epoch', 0)).not.toBe(deriveSeed(2, 'epoch', 0));
    expect(deriveSeed(1, 'a', 12)).not.toBe(deriveSeed(1, 'a1', 2));
  });
});
