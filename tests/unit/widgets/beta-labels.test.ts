import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src/widgets/beta-experiment/labels';

const frame = { left: 0, right: 300, top: 0, bottom: 200 };
const box = (l: { x: number; y: number; anchor: string }, text: string) => {
  const w = text.length * 6.2;
  const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
  return { x0, x1: x0 + w, y0: l.y - 9, y1: l.y + 3 };
};
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('scatter label placement', () => {
  it('puts a lone label right of its point', () => {
    expect(placeLabels([{ x: 50, y: 50, text: 'β = 1' }], frame)).toEqual([{ x: 59, y: 54, anchor: 'start' }]);
  });

  it('moves a label left when the right would leave the frame', () => {
    expect(placeLabels([{ x: 290, y: 50, text: 'β = 4 (yours)' }], frame)[0]!.anchor).toBe('end');
  });

  it('keeps labels of nearby points apart', () => {
    const points = [{ x: 100, y: 100, text: 'β = 1' }, { x: 104, y: 103, text: 'β = 1 (yours)' }, { x: 98, y: 97, text: 'β = 0.5 (yours)' }];
    const placed = placeLabels(points, frame);
    const boxes = placed.map((l, i) => box(l, points[i]!.text));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${i} and ${j}`).toBe(false);
  });
});
