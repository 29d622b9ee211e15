/**
 * The explorer's magnifier: a PATCH × PATCH square of the 28 × 28 image, the same square cut from
 * every panel and shown large with square pixels, so nearest's blocks, bicubic's soft halo and the
 * network's sharper strokes can be told apart. Positions are in the original's pixels. Pure.
 */
import { SIDE } from './panels';

/** Side of the zoomed square: 8 pixels is whole blocks of the ×2 and ×4 inputs when aligned. */
export const PATCH = 8;

/** Top-left pixel of the patch in the 28 × 28 image. */
export interface Patch {
  x: number;
  y: number;
}

/** `patch` moved inside a side × side image (whole pixels). */
export function clampPatch(patch: Patch, size = PATCH, side = SIDE): Patch {
  const limit = side - size;
  const fit = (v: number): number => Math.min(limit, Math.max(0, Math.round(v)));
  return { x: fit(patch.x), y: fit(patch.y) };
}

/** The patch centred on pixel (x, y) of the 28 × 28 image (as near as the border allows). */
export function patchAround(x: number, y: number, size = PATCH, side = SIDE): Patch {
  const before = Math.floor((size - 1) / 2);
  return clampPatch({ x: x - before, y: y - before }, size, side);
}

/** `patch` moved by (dx, dy) pixels, kept inside the image. */
export function movePatch(patch: Patch, dx: number, dy: number, size = PATCH, side = SIDE): Patch {
  return clampPatch({ x: patch.x + dx, y: patch.y + dy }, size, side);
}

/** The size × size square at `patch` of a width-wide image, row-major (a copy). */
export function cropPatch(pixels: ArrayLike<number>, width: number, patch: Patch, size = PATCH): Float32Array {
  const height = pixels.length / width;
  if (!Number.isInteger(height) || patch.x < 0 || patch.y < 0 || patch.x + size > width || patch.y + size > height) {
    throw new Error(`cropPatch: a ${size} × ${size} patch at (${patch.x}, ${patch.y}) does not fit a ${width} × ${height} image`);
  }
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) out[y * size + x] = pixels[(patch.y + y) * width + patch.x + x]!;
  }
  return out;
}

/**
 * Where a new image's magnifier starts: the patch with the most change between neighbouring
 * pixels (stroke edges, where the methods differ most), nearest the centre among equals.
 */
export function busiestPatch(pixels: ArrayLike<number>, side = SIDE, size = PATCH): Patch {
  // Edge strength per pixel: |right − here| + |below − here|.
  const edge = new Float64Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const here = pixels[y * side + x]!;
      const right = x + 1 < side ? pixels[y * side + x + 1]! : here;
      const below = y + 1 < side ? pixels[(y + 1) * side + x]! : here;
      edge[y * side + x] = Math.abs(right - here) + Math.abs(below - here);
    }
  }
  const centre = (side - size) / 2;
  let best: Patch = clampPatch({ x: centre, y: centre }, size, side);
  let bestSum = 0;
  let bestDistance = Infinity;
  for (let py = 0; py <= side - size; py++) {
    for (let px = 0; px <= side - size; px++) {
      let sum = 0;
      for (let y = py; y < py + size; y++) for (let x = px; x < px + size; x++) sum += edge[y * side + x]!;
      const distance = (px - centre) ** 2 + (py - centre) ** 2;
      // A small tolerance, so float noise does not pull the square off centre.
      if (sum > bestSum + 1e-9 || (Math.abs(sum - bestSum) <= 1e-9 && sum > 0 && distance < bestDistance)) {
        best = { x: px, y: py };
        bestSum = sum;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/**
 * The patch's outline on a panel `panelSide` pixels wide (the low-resolution one is 14 or 7), in
 * the { point, size } form PixelCanvas draws: centre and side, in that panel's pixels.
 */
export function outlineOn(patch: Patch, panelSide: number, size = PATCH, side = SIDE): { point: { x: number; y: number }; size: number } {
  const k = panelSide / side;
  const s = size * k;
  return { point: { x: patch.x * k + (s - 1) / 2, y: patch.y * k + (s - 1) / 2 }, size: s };
}

/** "columns 9–16, rows 5–12": the patch in words (1-based), for labels. */
export function describePatch(patch: Patch, size = PATCH): string {
  return `columns ${patch.x + 1}–${patch.x + size}, rows ${patch.y + 1}–${patch.y + size}`;
}
