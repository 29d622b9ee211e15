import { describe, expect, it } from 'vitest';
import { busiestPatch, clampPatch, cropPatch, describePatch, movePatch, outlineOn, PATCH, patchAround } from '../../../../src/widgets/superres-explorer/zoom';

const ramp = Float32Array.from({ length: 784 }, (_, i) => i);

/** Where PixelCanvas draws a { point, size } highlight: left edge and width, in the panel's pixels. */
function box(h: { point: { x: number; y: number }; size: number }, side: number) {
  const half = (h.size - 1) / 2;
  const left = Math.max(0, h.point.x - half);
  return { left, width: Math.min(side, h.point.x + half + 1) - left };
}

describe('superres explorer: the magnifier', () => {
  it('keeps the square inside the image, centred on a picked pixel where it can be', () => {
    expect(PATCH).toBe(8);
    expect(clampPatch({ x: -3, y: 40 })).toEqual({ x: 0, y: 20 });
    expect(clampPatch({ x: 4.6, y: 7.2 })).toEqual({ x: 5, y: 7 });
    expect(patchAround(14, 14)).toEqual({ x: 11, y: 11 });
    expect(patchAround(0, 27)).toEqual({ x: 0, y: 20 });
    expect(movePatch({ x: 19, y: 0 }, 4, -1)).toEqual({ x: 20, y: 0 });
    expect(movePatch({ x: 10, y: 10 }, -2, 2)).toEqual({ x: 8, y: 12 });
  });

  it('crops the same square from any 28-wide image', () => {
    const crop = cropPatch(ramp, 28, { x: 3, y: 5 });
    expect(crop).toHaveLength(64);
    expect(crop[0]).toBe(5 * 28 + 3);
    expect(crop[7]).toBe(5 * 28 + 10);
    expect(crop[8]).toBe(6 * 28 + 3);
    expect(crop[63]).toBe(12 * 28 + 10);
    expect(() => cropPatch(ramp, 28, { x: 21, y: 0 })).toThrow(/does not fit/);
    expect(() => cropPatch(ramp, 28, { x: -1, y: 0 })).toThrow(/does not fit/);
  });

  it('starts on the square with the most edges, and in the centre of a blank image', () => {
    const img = new Float32Array(784);
    for (let y = 2; y < 6; y++) for (let x = 20; x < 24; x++) img[y * 28 + x] = 1;
    const p = busiestPatch(img);
    // The whole small square (and its edges) lies inside the patch.
    expect(p.x).toBeLessThanOrEqual(20);
    expect(p.x + PATCH).toBeGreaterThanOrEqual(24);
    expect(p.y).toBeLessThanOrEqual(2);
    expect(p.y + PATCH).toBeGreaterThanOrEqual(6);
    expect(busiestPatch(new Float32Array(784))).toEqual({ x: 10, y: 10 });
  });

  it('outlines the same square on the 28 × 28 panels and on the smaller input', () => {
    const patch = { x: 12, y: 4 };
    expect(box(outlineOn(patch, 28), 28)).toEqual({ left: 12, width: 8 });
    expect(box(outlineOn(patch, 14), 14)).toEqual({ left: 6, width: 4 });
    expect(box(outlineOn(patch, 7), 7)).toEqual({ left: 3, width: 2 });
    expect(box(outlineOn({ x: 20, y: 0 }, 28), 28)).toEqual({ left: 20, width: 8 });
    expect(describePatch(patch)).toBe('columns 13–20, rows 5–12');
  });
});
