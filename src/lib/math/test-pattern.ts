/**
 * A generated grayscale image with clean vertical, horizontal and diagonal edges, a ring and a
 * gradient: every preset shows its character on it, and it needs no download.
 */
import type { GrayImage } from './conv2d';

export function makeTestPattern(size = 192): GrayImage & { pixels: Uint8Array } {
  const pixels = new Uint8Array(size * size);
  const s = size / 192; // designed on a 192-pixel grid, scaled
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / s;
      const v = y / s;
      let value = 40;
      // Top-left: vertical bars.
      if (u >= 12 && u < 84 && v >= 12 && v < 84) value = Math.floor((u - 12) / 9) % 2 === 0 ? 220 : 60;
      // Top-right: horizontal bars.
      if (u >= 108 && u < 180 && v >= 12 && v < 84) value = Math.floor((v - 12) / 9) % 2 === 0 ? 220 : 60;
      // Bottom-left: a ring.
      const r = Math.hypot(u - 48, v - 144);
      if (r >= 20 && r < 32) value = 230;
      // Bottom-right: a triangle (diagonal edge) over a left-to-right gradient.
      if (u >= 108 && u < 180 && v >= 108 && v < 180) value = u - 108 > v - 108 ? 235 : Math.round(60 + (u - 108) * 2);
      pixels[y * size + x] = value;
    }
  }
  return { width: size, height: size, pixels };
}
