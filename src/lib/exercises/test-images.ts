/** Small synthetic grayscale images (0–255) that exercises grade with and show. Deterministic. */
import type { GrayImage } from '../math/conv2d';
import { mulberry32 } from '../ml/random';

export interface NamedImage {
  readonly title: string;
  readonly image: GrayImage;
}

function make(width: number, height: number, value: (x: number, y: number) => number): GrayImage {
  const pixels = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = value(x, y);
  return { width, height, pixels };
}

/** Dark top half, bright bottom half: one horizontal edge across the middle. */
export const horizontalStep = (size = 16): GrayImage => make(size, size, (_x, y) => (y < size / 2 ? 0 : 255));
/** Dark left half, bright right half: one vertical edge down the middle. */
export const verticalStep = (size = 16): GrayImage => make(size, size, (x) => (x < size / 2 ? 0 : 255));
/** The same gray everywhere. */
export const flat = (size = 16, value = 128): GrayImage => make(size, size, () => value);

/** Gray 128 with uniform noise of ±64 on every pixel. */
export function noise(size = 16, seed = 7): GrayImage {
  const random = mulberry32(seed);
  return make(size, size, () => Math.round(128 + (random() * 2 - 1) * 64));
}

export const EXERCISE_IMAGES = {
  checkerboard: { title: 'a checkerboard of 4-pixel squares', image: make(24, 24, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 ? 0 : 255)) },
  'vertical-edge': { title: 'a vertical edge (dark left, bright right)', image: verticalStep(24) },
  'horizontal-edge': { title: 'a horizontal edge (dark top, bright bottom)', image: horizontalStep(24) },
  square: { title: 'a bright square on a dark background', image: make(24, 24, (x, y) => (x >= 6 && x < 18 && y >= 6 && y < 18 ? 255 : 0)) },
  'vertical-lines': { title: 'thin vertical lines', image: make(24, 24, (x) => (x % 6 === 2 ? 255 : 0)) },
  'horizontal-lines': { title: 'thin horizontal lines', image: make(24, 24, (_x, y) => (y % 6 === 2 ? 255 : 0)) },
  noise: { title: 'gray noise', image: noise(24) },
} as const satisfies Record<string, NamedImage>;

export type ImageName = keyof typeof EXERCISE_IMAGES;
export const IMAGE_NAMES = Object.keys(EXERCISE_IMAGES) as ImageName[];
