import { describe, expect, it } from 'vitest';
import { arrowStep, CLASS_COLORS, classCounts, clientToPlot, column, extent, hitTest, neighbourInDirection, projectCodes, toPlot, type ScatterPoint } from '../../../src/widgets/code-scatter/scatter';

const BOX = { width: 100, height: 100, margin: 10 };

describe('code scatter', () => {
  it('reads one dimension of row-major codes and finds its finite extent', () => {
    const codes = new Float32Array([1, 10, 100, 2, 20, 200, 3, 30, 300]);
    expect([...column(codes, 3, 1, 3)]).toEqual([10, 20, 30]);
    expect(() => column(codes, 3, 3, 3)).toThrow();
    expect(() => column(codes, 3, 0, 4)).toThrow();
    expect(extent([3, NaN, -2, Infinity, 5])).toEqual([-2, 5]);
    expect(extent([4, 4])).toEqual([3.5, 4.5]);
    expect(extent([])).toEqual([-1, 1]);
  });

  it('scales codes into the box, margins kept, larger values up, non-finite codes left out', () => {
    const codes = new Float32Array([-1, 0, 1, 4, 0, 2, NaN, 1]);
    const labels = new Uint8Array([3, 7, 1, 9]);
    const { points, xDomain, yDomain } = projectCodes(codes, 2, labels, 4, BOX);
    expect(xDomain).toEqual([-1, 1]);
    expect(yDomain).toEqual([0, 4]);
    expect(points.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(points[0]).toMatchObject({ x: 10, y: 90, label: 3, u: -1, v: 0 });
    expect(points[1]).toMatchObject({ x: 90, y: 10, label: 7 });
    expect(points[2]!.x).toBeCloseTo(50);
    expect(points[2]!.y).toBeCloseTo(50);
    // Dimensions 2 and 3 of a 4-number code.
    const wide = projectCodes(new Float32Array([0, 0, 5, 6, 0, 0, 7, 8]), 4, labels, 2, BOX, 2, 3);
    expect(wide.xDomain).toEqual([5, 7]);
    expect(toPlot(0.5, [0, 1], 0, 200)).toBe(100);
  });

  it('finds the point under a click within a radius, the nearest (and the top-most on a tie)', () => {
    const pts: ScatterPoint[] = [
      { index: 0, u: 0, v: 0, x: 10, y: 10, label: 0 },
      { index: 1, u: 0, v: 0, x: 20, y: 10, label: 1 },
      { index: 2, u: 0, v: 0, x: 20, y: 10, label: 2 },
    ];
    expect(hitTest(pts, 11, 11, 4)?.index).toBe(0);
    expect(hitTest(pts, 19, 10, 4)?.index).toBe(2);
    expect(hitTest(pts, 50, 50, 4)).toBeNull();
  });

  it('steps with the arrow keys to the nearest point in that direction, null at the edge', () => {
    const at = (index: number, x: number, y: number): ScatterPoint => ({ index, u: x, v: -y, x, y, label: 0 });
    const centre = at(0, 50, 50);
    const pts = [centre, at(1, 60, 50), at(2, 80, 52), at(3, 50, 30), at(4, 40, 70), at(5, 55, 90)];
    expect(neighbourInDirection(pts, centre, 'right')?.index).toBe(1);
    expect(neighbourInDirection(pts, centre, 'up')?.index).toBe(3);
    expect(neighbourInDirection(pts, centre, 'down')?.index).toBe(4); // 45° cone: (−10, +20) is in, nearer than (5, 40)
    expect(neighbourInDirection(pts, centre, 'left')).toBeNull(); // (40, 70) is more down than left
    expect(neighbourInDirection(pts, pts[2]!, 'right')).toBeNull();
  });

  it('has ten distinct class colours for light and dark, and counts points per class', () => {
    expect(CLASS_COLORS).toHaveLength(10);
    const light = CLASS_COLORS.map((c) => c.match(/light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/)![1]);
    const dark = CLASS_COLORS.map((c) => c.match(/light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/)![2]);
    expect(new Set(light).size).toBe(10);
    expect(new Set(dark).size).toBe(10);
    const pts = [0, 3, 3, 9].map((label, index) => ({ index, u: 0, v: 0, x: 0, y: 0, label }));
    expect(classCounts(pts)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 1]);
  });

  it('maps a click on the scaled SVG back to plot units, viewBox offset included', () => {
    const rect = { left: 100, top: 50, width: 189, height: 159 };
    expect(clientToPlot(100, 50, rect, [-18, 0, 378, 318])).toEqual({ x: -18, y: 0 });
    const p = clientToPlot(100 + 189 / 2, 50 + 159 / 2, rect, [-18, 0, 378, 318]);
    expect(p.x).toBeCloseTo(171);
    expect(p.y).toBeCloseTo(159);
  });
});

describe('arrowStep', () => {
  it('moves by arrow keys only, starts at the first point, and keeps the page from scrolling', () => {
    const points = [{ index: 0, label: 0, u: 0, v: 0, x: 10, y: 10 }, { index: 1, label: 1, u: 1, v: 0, x: 50, y: 10 }];
    let prevented = 0;
    const key = (k: string) => ({ key: k, preventDefault: () => void prevented++ }) as unknown as KeyboardEvent;
    expect(arrowStep(key('ArrowRight'), points, null)?.index).toBe(0);
    expect(arrowStep(key('ArrowRight'), points, points[0]!)?.index).toBe(1);
    expect(arrowStep(key('ArrowRight'), points, points[1]!)).toBeNull();
    expect(arrowStep(key('a'), points, points[0]!)).toBeNull();
    expect(arrowStep(key('ArrowLeft'), [], null)).toBeNull();
    expect(prevented).toBe(3);
  });
});
