/**
 * The square region of a photo the upscaler works on: where it may lie, what a typed x and y
 * mean, how a click or an arrow key moves it, and how large the panels can be drawn with whole
 * screen pixels per image pixel. Pure (no DOM, no tfjs).
 */

/** The course photos are 512 × 512 (public/images/photos.json). */
export const PHOTO_SIDE = 512;
/** Region sides offered: two or four network tiles of 28 pixels across. */
export const REGION_SIDES = [56, 112] as const;
export type RegionSide = (typeof REGION_SIDES)[number];
export const DEFAULT_SIDE: RegionSide = 112;
/** Arrow keys move the region by this many pixels; with Shift, by KEY_STEP_LARGE. */
export const KEY_STEP = 8;
export const KEY_STEP_LARGE = 64;
/** Longest text read from an x or y field (anything longer is not a coordinate). */
const MAX_CHARS = 8;

export interface Region { x: number; y: number; side: number }

/** Largest x (and y) at which a `side`-pixel region still fits inside the photo. */
export const maxStart = (side: number, photo = PHOTO_SIDE): number => photo - side;

/** "The region must lie inside the 512 × 512 photo: x and y from 0 to 400". */
export function regionRule(side: number, photo = PHOTO_SIDE): string {
  return `The region must lie inside the ${photo} × ${photo} photo: x and y from 0 to ${maxStart(side, photo)}`;
}

/** On failure, `fields` names the refused field(s), for aria-invalid. */
export type RegionParse = { ok: true; region: Region } | { ok: false; message: string; fields: Array<'x' | 'y'> };

function whole(name: 'x' | 'y', raw: string): { ok: true; value: number } | { ok: false; why: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, why: `${name} is empty.` };
  if (text.length > MAX_CHARS || !/^[+-]?\d+$/.test(text.replace('−', '-'))) {
    const shown = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
    return { ok: false, why: `${name} must be a whole number, not “${shown}”.` };
  }
  return { ok: true, value: Number(text.replace('−', '-')) };
}

/**
 * The region the reader typed, or a message saying what is wrong. Whole numbers only (a pixel's
 * index): empty, decimal or non-numeric text and a region reaching outside the photo are refused,
 * and every message ends with the rule.
 */
export function parseRegion(xText: string, yText: string, side: number, photo = PHOTO_SIDE): RegionParse {
  const rule = `${regionRule(side, photo)}.`;
  const parsed = { x: whole('x', xText), y: whole('y', yText) };
  const bad = (['x', 'y'] as const).filter((f) => !parsed[f].ok);
  if (bad.length > 0) return { ok: false, message: `${bad.map((f) => (parsed[f] as { why: string }).why).join(' ')} ${rule}`, fields: bad };
  const [vx, vy] = [(parsed.x as { value: number }).value, (parsed.y as { value: number }).value];
  const max = maxStart(side, photo);
  const outside = (v: number): boolean => v < 0 || v > max;
  if (outside(vx) || outside(vy)) return { ok: false, message: rule, fields: (['x', 'y'] as const).filter((f) => outside(f === 'x' ? vx : vy)) };
  return { ok: true, region: { x: vx, y: vy, side } };
}

const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, Math.round(v)));

/** The region moved (or resized) back inside the photo. */
export function clampRegion(region: Region, photo = PHOTO_SIDE): Region {
  const max = maxStart(region.side, photo);
  return { x: clamp(region.x, max), y: clamp(region.y, max), side: region.side };
}

/** The region centred on photo pixel (px, py), as far as it fits: what a click on the thumbnail picks. */
export function regionAround(px: number, py: number, side: number, photo = PHOTO_SIDE): Region {
  return clampRegion({ x: px - side / 2, y: py - side / 2, side }, photo);
}

/** Arrow keys: the region moved by `step` pixels, stopping at the photo's edge. Undefined for other keys. */
export function regionAfterKey(region: Region, key: string, large: boolean, photo = PHOTO_SIDE): Region | undefined {
  const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const move = moves[key];
  if (!move) return undefined;
  const step = large ? KEY_STEP_LARGE : KEY_STEP;
  return clampRegion({ x: region.x + move[0] * step, y: region.y + move[1] * step, side: region.side }, photo);
}

export interface PanelLayout {
  columns: 1 | 2 | 4;
  /** Screen pixels per region pixel: a whole number, so every image pixel is drawn the same size. */
  zoom: number;
}

/**
 * How to lay out the four panels in `width` CSS pixels: four in a row, two by two, or one above
 * another, whichever first gives panels at least `minPanel` pixels wide, each at a whole-number zoom.
 */
export function panelLayout(width: number, side: number, gap: number, minPanel = 150): PanelLayout {
  for (const columns of [4, 2] as const) {
    const zoom = Math.floor((width - (columns - 1) * gap) / (columns * side));
    if (zoom >= 1 && zoom * side >= minPanel) return { columns, zoom };
  }
  return { columns: 1, zoom: Math.max(1, Math.floor(width / side)) };
}
