import { describe, expect, it } from 'vitest';
import { convolvePixel, type Kernel3x3 } from '../../../src/lib/math/conv2d';
import { clampPoint, interestingPixel, neighbourhood } from '../../../src/lib/math/neighbourhood';
import { stampBrush, starterDrawing, strokeLine } from '../../../src/lib/math/brush';
import { decodeDrawing, encodeDrawing } from '../../../src/lib/math/drawing-code';

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

describe('interestingPixel', () => {
  it('finds the edge nearest the centre, not a flat patch', () => {
    const w = 9;
    const pixels = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 6; x < w; x++) pixels[y * w + x] = 200; // edge between x=5 and x=6
    const p = interestingPixel({ width: w, height: w, pixels });
    expect([5, 6]).toContain(p.x);
    expect(p.y).toBe(4);
  });
  it('falls back to the centre on a flat image and works on 1×1', () => {
    expect(interestingPixel({ width: 5, height: 5, pixels: new Float32Array(25).fill(7) })).toEqual({ x: 2, y: 2 });
    expect(interestingPixel({ width: 1, height: 1, pixels: [3] })).toEqual({ x: 0, y: 0 });
  });
});

describe('drawing code (drawing in the URL)', () => {
  it('round-trips a drawing exactly, in 264 URL-safe characters', () => {
    const px = starterDrawing(28);
    strokeLine(px, 28, 28, 3, 20, 25, 22);
    expect(new Set(px).size).toBeGreaterThan(2);
    expect([...px].every((v) => [0, 85, 170, 255].includes(v))).toBe(true);
    const code = encodeDrawing(px);
    expect(code).toMatch(/^[A-Za-z0-9_-]{264}$/);
    expect(decodeDrawing(code)).toEqual(px);
  });
  it('refuses anything else without throwing', () => {
    for (const bad of ['', 'A'.repeat(263), 'A'.repeat(265), '+'.repeat(264), '%'.repeat(264), 'A'.repeat(100000)]) {
      expect(decodeDrawing(bad)).toBeUndefined();
    }
    expect(decodeDrawing('A'.repeat(264))).toEqual(new Uint8Array(784));
  });
});
