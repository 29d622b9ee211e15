/**
 * The arithmetic behind one output pixel, laid out for the pixel inspector: the 3×3 window of
 * input values, the matching filter weights, their products and the sum. Uses the same
 * pixelOrZero as the reference convolution, so the inspector can never disagree with it.
 */
import { pixelOrZero, type GrayImage, type Kernel3x3 } from './conv2d';

export interface NeighbourTerm {
  /** Offset from the centre pixel, −1…1. */
  dx: number;
  dy: number;
  /** Input coordinates (may be outside the image). */
  x: number;
  y: number;
  /** False for padding outside the image, which counts as 0. */
  inside: boolean;
  input: number;
  weight: number;
  product: number;
}

export interface Neighbourhood {
  x: number;
  y: number;
  /** Nine terms, row by row, top-left first (the same order as the kernel). */
  terms: NeighbourTerm[];
  sum: number;
}

export function neighbourhood(image: GrayImage, kernel: Kernel3x3, x: number, y: number): Neighbourhood {
  const terms: NeighbourTerm[] = [];
  let sum = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const px = x + dx;
      const py = y + dy;
      const inside = px >= 0 && py >= 0 && px < image.width && py < image.height;
      const input = pixelOrZero(image, px, py);
      const weight = kernel[(dy + 1) * 3 + (dx + 1)]!;
      const product = weight * input;
      sum += product;
      terms.push({ dx, dy, x: px, y: py, inside, input, weight, product });
    }
  }
  return { x, y, terms, sum };
}

/** Keeps a cursor inside a width × height image. */
export function clampPoint(x: number, y: number, width: number, height: number): { x: number; y: number } {
  const cx = Math.min(width - 1, Math.max(0, Math.round(Number.isFinite(x) ? x : 0)));
  const cy = Math.min(height - 1, Math.max(0, Math.round(Number.isFinite(y) ? y : 0)));
  return { x: cx, y: cy };
}

/**
 * A pixel worth inspecting first: the strongest brightness change (central differences) in the
 * middle half of the image, nearest the centre on ties. A flat patch would only show zeros.
 */
export function interestingPixel(image: GrayImage): { x: number; y: number } {
  const { width: w, height: h } = image;
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  let best = { x: Math.floor(w / 2), y: Math.floor(h / 2) };
  let bestScore = -1;
  let bestDistance = Infinity;
  for (let y = Math.floor(h / 4); y < Math.ceil((3 * h) / 4); y++) {
    for (let x = Math.floor(w / 4); x < Math.ceil((3 * w) / 4); x++) {
      const score =
        Math.abs(pixelOrZero(image, x + 1, y) - pixelOrZero(image, x - 1, y)) +
        Math.abs(pixelOrZero(image, x, y + 1) - pixelOrZero(image, x, y - 1));
      const distance = (x - cx) ** 2 + (y - cy) ** 2;
      if (score > bestScore || (score === bestScore && distance < bestDistance)) {
        best = { x, y };
        bestScore = score;
        bestDistance = distance;
      }
    }
  }
  return best;
}
