/**
 * Learnable stand-in images for probes and tests when real data is not at hand: class c is a
 * bright horizontal stroke on row 4 + 2c (random length and position) over faint noise, so a
 * small network's loss falls quickly — enough to prove training works, not to teach anything.
 */
import { mulberry32 } from './random';

export const SYNTHETIC_SIDE = 28;

/** @returns images: count × 28 × 28 uint8 (row-major); labels: count uint8 in 0…9. */
export function syntheticImages(count: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const random = mulberry32(seed);
  const side = SYNTHETIC_SIDE;
  const images = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = Math.floor(random() * 10);
    labels[n] = label;
    const offset = n * side * side;
    for (let i = 0; i < side * side; i++) images[offset + i] = Math.floor(random() * 40);
    const row = 4 + 2 * label;
    const length = 8 + Math.floor(random() * 12);
    const start = Math.floor(random() * (side - length));
    for (let x = start; x < start + length; x++) images[offset + row * side + x] = 200 + Math.floor(random() * 55);
  }
  return { images, labels };
}
