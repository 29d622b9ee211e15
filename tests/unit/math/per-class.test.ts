import { describe, expect, it } from 'vitest';
import { classCounts, firstPerClass } from '../../../src/lib/math/per-class';

describe('firstPerClass', () => {
  it('keeps the first n of each class in their original order', () => {
    const labels = [2, 0, 2, 1, 0, 2, 1, 0, 1];
    expect(Array.from(firstPerClass(labels, 1, 3))).toEqual([0, 1, 3]);
    expect(Array.from(firstPerClass(labels, 2, 3))).toEqual([0, 1, 2, 3, 4, 6]);
    expect(Array.from(firstPerClass(labels, 9, 3))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives fewer where a class has fewer, and refuses nonsense', () => {
    const picked = firstPerClass([0, 0, 0, 1], 2, 2);
    expect(classCounts(Array.from(picked, (i) => [0, 0, 0, 1][i]!), 2)).toEqual([2, 1]);
    expect(() => firstPerClass([0], 0)).toThrow(/at least 1/);
    expect(() => firstPerClass([0], 1.5)).toThrow(/whole number/);
    expect(() => firstPerClass([12], 1)).toThrow(/not a class/);
  });
});
