/**
 * Painting on a small grayscale grid (the drawing pad): a soft round brush that only ever
 * brightens, like ink on MNIST's black background. Pure functions on a Uint8Array. Ink comes
 * in four levels (0, 85, 170, 255) so a drawing fits in a short URL (drawing-code.ts).
 */
import { INK_LEVELS, inkIndex } from './drawing-code';

/** Adds a soft dot centred at (cx, cy) (pixel units, fractional allowed). Returns true if anything changed. */
export function stampBrush(pixels: Uint8Array, width: number, height: number, cx: number, cy: number, radius = 1.4, erase = false): boolean {
  let changed = false;
  const reach = Math.ceil(radius + 1);
  const x0 = Math.max(0, Math.floor(cx) - reach);
  const x1 = Math.min(width - 1, Math.floor(cx) + reach);
  const y0 = Math.max(0, Math.floor(cy) - reach);
  const y1 = Math.min(height - 1, Math.floor(cy) + reach);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      // Distance from the pixel's centre; full ink inside the radius, fading over one pixel.
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const strength = Math.max(0, Math.min(1, radius + 0.5 - d));
      if (strength <= 0) continue;
      const i = y * width + x;
      const old = pixels[i]!;
      const next = erase
        ? INK_LEVELS[inkIndex(old * (1 - strength))]!
        : Math.max(old, INK_LEVELS[inkIndex(255 * strength)]!);
      if (next !== old) {
        pixels[i] = next;
        changed = true;
      }
    }
  }
  return changed;
}

/** Stamps along the segment from (x0, y0) to (x1, y1) so fast strokes leave no gaps. */
export function strokeLine(pixels: Uint8Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number, radius = 1.4, erase = false): boolean {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
  let changed = false;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    if (stampBrush(pixels, width, height, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, radius, erase)) changed = true;
  }
  return changed;
}

/** A first drawing so the pad is never blank: a square with a diagonal, so every edge direction shows. */
export function starterDrawing(size = 28): Uint8Array {
  const px = new Uint8Array(size * size);
  const a = Math.round(size * 0.25);
  const b = Math.round(size * 0.72);
  strokeLine(px, size, size, a, a, b, a, 1);
  strokeLine(px, size, size, b, a, b, b, 1);
  strokeLine(px, size, size, b, b, a, b, 1);
  strokeLine(px, size, size, a, b, a, a, 1);
  strokeLine(px, size, size, a + 2, b - 2, b - 2, a + 2, 1);
  return px;
}
