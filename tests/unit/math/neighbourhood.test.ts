import { describe, expect, it } from 'vitest';
import { convolvePixel, type Kernel3x3 } from '../../../src/lib/math/conv2d';
import { clampPoint, neighbourhood } from '../../../src/lib/math/neighbourhood';
import { stampBrush, strokeLine } from '../../../src/lib/math/brush';

describe('neighbourhood', () => {
  // The worked example: a pixel of 192, upper-left neighbour 0 (times the filter's −1), upper neighbour 64 (times 0).
  const image = { width: 3, height: 3, pixels: [0, 64, 128, 48, 192, 144, 142, 226, 168] };
  const kernel: Kernel3x3 = [-1, 0, -2, 0.5, 4.5, -1.5, 1.5, 2, -3];

  it('lists nine terms, products and the sum, matching convolvePixel', () => {
    const n = neighbourhood(image, kernel, 1, 1);
    expect(n.terms).toHaveLength(9);
    expect(n.terms[0]).toMatchObject({ dx: -1, dy: -1, input: 0, weight: -1, product: -0, inside: true });
    expect(n.terms[1]).toMatchObject({ input: 64, weight: 0, product: 0 });
    expect(n.terms[4]).toMatchObject({ input: 192, weight: 4.5, product: 864 });
    expect(n.sum).toBe(convolvePixel(image, kernel, 1, 1));
  });

  it('marks padding outside the image as 0', () => {
    const n = neighbourhood(image, kernel, 0, 0);
    expect(n.terms.filter((t) => !t.inside)).toHaveLength(5);
    expect(n.terms.filter((t) => !t.inside).every((t) => t.input === 0)).toBe(true);
    expect(n.sum).toBe(convolvePixel(image, kernel, 0, 0));
  });

  it('clampPoint keeps a cursor inside and survives NaN', () => {
    expect(clampPoint(-3, 9, 3, 3)).toEqual({ x: 0, y: 2 });
    expect(clampPoint(Number.NaN, 1.4, 3, 3)).toEqual({ x: 0, y: 1 });
  });
});

describe('brush', () => {
  it('brightens around the point and never darkens when drawing', () => {
    const px = new Uint8Array(28 * 28).fill(0);
    px[0] = 255;
    expect(stampBrush(px, 28, 28, 14, 14)).toBe(true);
    expect(px[14 * 28 + 14]).toBe(255);
    expect(px[0]).toBe(255);
    expect(px[14 * 28 + 20]).toBe(0);
  });
  it('erases', () => {
    const px = new Uint8Array(28 * 28).fill(255);
    stampBrush(px, 28, 28, 5, 5, 1.4, true);
    expect(px[5 * 28 + 5]).toBe(0);
  });
  it('stays inside the grid at the edges', () => {
    const px = new Uint8Array(9);
    expect(() => strokeLine(px, 3, 3, -5, -5, 10, 10)).not.toThrow();
    expect(px[4]).toBe(255);
  });
});
