/**
 * Where each point's label goes in a small scatter: right of the point if it fits, else left,
 * above or below, whichever overlaps the labels placed so far, the points and the frame's edges
 * least. Greedy in the points' order; framework-free so it is tested directly.
 */
export interface LabelledPoint { x: number; y: number; text: string }
export interface PlacedLabel { x: number; y: number; anchor: 'start' | 'end' | 'middle' }
interface Box { x0: number; y0: number; x1: number; y1: number }
export interface Frame { left: number; right: number; top: number; bottom: number }

/** Text metrics at the chart's 11 px label font: an average glyph width and the line height. */
const CHAR_WIDTH = 6.2;
const LINE = 12;
/** Gap between a point's circle (radius 6) and its label. */
const GAP = 9;

const area = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

function boxOf(label: PlacedLabel, width: number): Box {
  const x0 = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  // y is the text's baseline; most of a line sits above it.
  return { x0, x1: x0 + width, y0: label.y - LINE + 3, y1: label.y + 3 };
}

function outside(b: Box, f: Frame): number {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  const inner = { x0: Math.max(b.x0, f.left), x1: Math.min(b.x1, f.right), y0: Math.max(b.y0, f.top), y1: Math.min(b.y1, f.bottom) };
  return w * h - Math.max(0, inner.x1 - inner.x0) * Math.max(0, inner.y1 - inner.y0);
}

export function placeLabels(points: readonly LabelledPoint[], frame: Frame): PlacedLabel[] {
  const dots: Box[] = points.map((p) => ({ x0: p.x - 6, x1: p.x + 6, y0: p.y - 6, y1: p.y + 6 }));
  const taken: Box[] = [];
  return points.map((p) => {
    const width = p.text.length * CHAR_WIDTH;
    const candidates: PlacedLabel[] = [
      { x: p.x + GAP, y: p.y + 4, anchor: 'start' },
      { x: p.x - GAP, y: p.y + 4, anchor: 'end' },
      { x: p.x, y: p.y - GAP, anchor: 'middle' },
      { x: p.x, y: p.y + GAP + LINE - 3, anchor: 'middle' },
    ];
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const c of candidates) {
      const b = boxOf(c, width);
      const cost = taken.reduce((sum, t) => sum + area(b, t), 0) + dots.reduce((sum, d) => sum + area(b, d), 0) + 4 * outside(b, frame);
      if (cost < bestCost - 1e-9) { best = c; bestCost = cost; }
    }
    taken.push(boxOf(best, width));
    return best;
  });
}
