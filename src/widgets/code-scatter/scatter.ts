/**
 * The code scatter's maths, framework-free: project stored codes onto two of their dimensions,
 * scale them into the plot, find the point under a click, and step between points with the
 * arrow keys (the nearest point roughly in that direction).
 */

export interface PlotBox {
  width: number;
  height: number;
  /** Inner margin in plot units on every side. */
  margin: number;
}

export interface ScatterPoint {
  /** Index of the test image (0 … count − 1). */
  index: number;
  /** Code values on the two plotted dimensions. */
  u: number;
  v: number;
  /** Position in plot units (y grows downwards, as in SVG). */
  x: number;
  y: number;
  label: number;
}

/** Min and max of a finite sample, widened by a hair when flat so scaling never divides by 0. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Values of dimension `dim` of every code (codes are stored count × codeSize, row after row). */
export function column(codes: ArrayLike<number>, codeSize: number, dim: number, count: number): Float64Array {
  if (!(Number.isInteger(dim) && dim >= 0 && dim < codeSize)) throw new Error(`column: dimension ${dim} is outside 0…${codeSize - 1}`);
  if (codes.length < count * codeSize) throw new Error(`column: ${codes.length} values hold fewer than ${count} codes of ${codeSize}`);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = codes[i * codeSize + dim]!;
  return out;
}

/**
 * The points of dimensions (dimX, dimY), scaled into the box with the same margin on every side;
 * points with a non-finite value are left out. Both axes keep their own scale (codes need not be
 * round clouds), and y is flipped so larger values go up.
 */
export function projectCodes(codes: ArrayLike<number>, codeSize: number, labels: ArrayLike<number>, count: number, box: PlotBox, dimX = 0, dimY = 1): {
  points: ScatterPoint[]; xDomain: [number, number]; yDomain: [number, number];
} {
  const us = column(codes, codeSize, dimX, count);
  const vs = column(codes, codeSize, dimY, count);
  const xDomain = extent(us);
  const yDomain = extent(vs);
  const points: ScatterPoint[] = [];
  for (let i = 0; i < count; i++) {
    const u = us[i]!;
    const v = vs[i]!;
    if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
    points.push({ index: i, u, v, x: toPlot(u, xDomain, box.margin, box.width - box.margin), y: toPlot(v, yDomain, box.height - box.margin, box.margin), label: labels[i] ?? 0 });
  }
  return { points, xDomain, yDomain };
}

/** Linear map of `value` in [lo, hi] onto [a, b]. */
export function toPlot(value: number, [lo, hi]: [number, number], a: number, b: number): number {
  return a + ((value - lo) / (hi - lo)) * (b - a);
}

/** The point nearest (x, y) within `radius` plot units, or null. Later points are drawn on top, so they win ties. */
export function hitTest(points: readonly ScatterPoint[], x: number, y: number, radius: number): ScatterPoint | null {
  let best: ScatterPoint | null = null;
  let bestD = radius * radius;
  for (const p of points) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The next point from `from` in a direction: among the points lying within 45° of it, the nearest
 * (distance grows with the sideways offset, so the step follows the arrow). Null at the edge.
 */
export function neighbourInDirection(points: readonly ScatterPoint[], from: ScatterPoint, direction: Direction): ScatterPoint | null {
  const [dx, dy] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[direction] as [number, number];
  let best: ScatterPoint | null = null;
  let bestScore = Infinity;
  for (const p of points) {
    if (p === from) continue;
    const ax = p.x - from.x;
    const ay = p.y - from.y;
    const along = ax * dx + ay * dy;
    const across = Math.abs(ax * dy - ay * dx);
    if (along <= 0 || across > along) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** Ten class colours that stay apart on white and on near-black (light-dark() CSS values). */
export const CLASS_COLORS: readonly string[] = [
  'light-dark(#1f5fa8, #6aa8f0)', // blue
  'light-dark(#d9730d, #ffa94d)', // orange
  'light-dark(#2a8a3a, #6fd67f)', // green
  'light-dark(#c62828, #ff7b7b)', // red
  'light-dark(#7b4bb7, #c39bff)', // purple
  'light-dark(#8d5a3b, #d7a07a)', // brown
  'light-dark(#d0429a, #ff8fd0)', // pink
  'light-dark(#5c6168, #c4c8cf)', // grey
  'light-dark(#9a9a00, #e2e25a)', // olive
  'light-dark(#0e8f9e, #5ee0ef)', // teal
];

/** Counts per class among the points (for the legend). */
export function classCounts(points: readonly ScatterPoint[], classes = 10): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const p of points) if (p.label >= 0 && p.label < classes) out[p.label]! += 1;
  return out;
}

/**
 * A click's client position → plot units, for an SVG drawn at `rect` with viewBox
 * (minX, minY, width, height) and the same aspect ratio (width: 100%, height: auto).
 */
export function clientToPlot(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }, viewBox: [number, number, number, number]): { x: number; y: number } {
  const [minX, minY, width, height] = viewBox;
  return { x: minX + ((clientX - rect.left) / rect.width) * width, y: minY + ((clientY - rect.top) / rect.height) * height };
}

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * The point an arrow key moves to from `current` (the first point when none is chosen), or null
 * for any other key or no neighbour that way. Calls preventDefault on arrow keys, so the page does not scroll.
 */
export function arrowStep(event: KeyboardEvent, points: readonly ScatterPoint[], current: ScatterPoint | null): ScatterPoint | null {
  const direction = ARROWS[event.key];
  if (!direction || !points.length) return null;
  event.preventDefault();
  return current ? neighbourInDirection(points, current, direction) : points[0]!;
}
