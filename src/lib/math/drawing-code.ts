/**
 * A drawing-pad picture as a short URL-safe text, so a shared link shows the same drawing.
 * The pad paints in four gray levels (0, 85, 170, 255), two bits a pixel: a 28 × 28 drawing
 * is 196 bytes, 264 characters of base64url.
 */

export const DRAWING_SIDE = 28;
/** The pad's gray levels; two bits index them. */
export const INK_LEVELS = [0, 85, 170, 255] as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The nearest ink level's index (0–3) for a gray value. */
export function inkIndex(value: number): number {
  return Math.min(3, Math.max(0, Math.round(value / 85)));
}

function encodedLength(pixels: number): number {
  return Math.ceil(Math.ceil((pixels * 2) / 8) / 3) * 4;
}

export function encodeDrawing(pixels: ArrayLike<number>): string {
  const bytes = new Uint8Array(Math.ceil((pixels.length * 2) / 8));
  for (let i = 0; i < pixels.length; i++) bytes[i >> 2]! |= inkIndex(pixels[i]!) << ((i & 3) * 2);
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    text += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  return text;
}

/** The drawing, or undefined if the text is not exactly a side × side drawing. Never throws. */
export function decodeDrawing(text: string, side = DRAWING_SIDE): Uint8Array | undefined {
  const count = side * side;
  if (text.length !== encodedLength(count) || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = new Uint8Array((text.length / 4) * 3);
  for (let i = 0, o = 0; i < text.length; i += 4, o += 3) {
    const n =
      (ALPHABET.indexOf(text[i]!) << 18) | (ALPHABET.indexOf(text[i + 1]!) << 12) |
      (ALPHABET.indexOf(text[i + 2]!) << 6) | ALPHABET.indexOf(text[i + 3]!);
    bytes[o] = (n >> 16) & 255;
    bytes[o + 1] = (n >> 8) & 255;
    bytes[o + 2] = n & 255;
  }
  const pixels = new Uint8Array(count);
  for (let i = 0; i < count; i++) pixels[i] = INK_LEVELS[(bytes[i >> 2]! >> ((i & 3) * 2)) & 3]!;
  return pixels;
}
