import { describe, expect, it } from 'vitest';
import { clampRegion, maxStart, panelLayout, parseRegion, regionAfterKey, regionAround, regionRule } from '../../../../src/widgets/photo-upscale/region';

const RULE_112 = 'The region must lie inside the 512 × 512 photo: x and y from 0 to 400';

describe('photo upscaler: the region', () => {
  it('says where a region may lie', () => {
    expect(maxStart(112)).toBe(400);
    expect(regionRule(112)).toBe(RULE_112);
    expect(regionRule(56)).toBe('The region must lie inside the 512 × 512 photo: x and y from 0 to 456');
  });

  it('accepts whole numbers inside the photo, edges included', () => {
    expect(parseRegion('0', '400', 112)).toEqual({ ok: true, region: { x: 0, y: 400, side: 112 } });
    expect(parseRegion(' 456 ', '+3', 56)).toEqual({ ok: true, region: { x: 456, y: 3, side: 56 } });
  });

  it('refuses regions outside, empty fields and text that is not a whole number, always with the rule', () => {
    const refused = (x: string, y: string, side = 112) => {
      const r = parseRegion(x, y, side);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(refused('401', '0')).toBe(`${RULE_112}.`);
    expect(refused('0', '-1')).toBe(`${RULE_112}.`);
    expect(refused('', '10')).toBe(`x is empty. ${RULE_112}.`);
    expect(refused('abc', '')).toBe(`x must be a whole number, not “abc”. y is empty. ${RULE_112}.`);
    expect(refused('12.5', '3')).toMatch(/^x must be a whole number, not “12.5”/);
    expect(refused('1e3', '3')).toMatch(/whole number/);
    expect(refused('9'.repeat(40), '3')).toMatch(/not “99999999…”/);
    expect(refused('457', '0', 56)).toMatch(/from 0 to 456/);
    // Only the refused field is marked.
    expect(parseRegion('0', '401', 112)).toMatchObject({ ok: false, fields: ['y'] });
    expect(parseRegion('', 'z', 112)).toMatchObject({ ok: false, fields: ['x', 'y'] });
    expect(parseRegion('3', '', 112)).toMatchObject({ ok: false, fields: ['y'] });
  });

  it('centres the region on a click and keeps it inside', () => {
    expect(regionAround(256, 256, 112)).toEqual({ x: 200, y: 200, side: 112 });
    expect(regionAround(3, 510, 112)).toEqual({ x: 0, y: 400, side: 112 });
    expect(regionAround(100.4, 100.6, 56)).toEqual({ x: 72, y: 73, side: 56 });
    expect(clampRegion({ x: 480, y: -5, side: 56 })).toEqual({ x: 456, y: 0, side: 56 });
  });

  it('moves by arrow keys, further with Shift, stopping at the edge', () => {
    const r = { x: 10, y: 396, side: 112 };
    expect(regionAfterKey(r, 'ArrowRight', false)).toEqual({ x: 18, y: 396, side: 112 });
    expect(regionAfterKey(r, 'ArrowLeft', false)).toEqual({ x: 2, y: 396, side: 112 });
    expect(regionAfterKey(r, 'ArrowLeft', true)).toEqual({ x: 0, y: 396, side: 112 });
    expect(regionAfterKey(r, 'ArrowDown', false)).toEqual({ x: 10, y: 400, side: 112 });
    expect(regionAfterKey(r, 'ArrowUp', true)).toEqual({ x: 10, y: 332, side: 112 });
    expect(regionAfterKey(r, 'Enter', false)).toBeUndefined();
  });

  it('lays the panels out at a whole-number zoom, as wide as fits', () => {
    expect(panelLayout(1000, 56, 12)).toEqual({ columns: 4, zoom: 4 });
    expect(panelLayout(704, 112, 12)).toEqual({ columns: 2, zoom: 3 });
    expect(panelLayout(704, 56, 12)).toEqual({ columns: 2, zoom: 6 });
    expect(panelLayout(310, 112, 12)).toEqual({ columns: 1, zoom: 2 });
    expect(panelLayout(0, 112, 12)).toEqual({ columns: 1, zoom: 1 });
  });
});
