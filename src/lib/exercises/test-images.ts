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

/** A pen stroke on paper: a one-pixel dark line (0) on white (255), down `column` or along `row`. */
export const darkVerticalLine = (column: number, size = 16): GrayImage => make(size, size, (x) => (x === column ? 0 : 255));
export const darkHorizontalLine = (row: number, size = 16): GrayImage => make(size, size, (_x, y) => (y === row ? 0 : 255));

/** Gray 128 with uniform noise of ±64 on every pixel. */
export function noise(size = 16, seed = 7): GrayImage {
  const random = mulberry32(seed);
  return make(size, size, () => Math.round(128 + (random() * 2 - 1) * 64));
}

/** Distance from (x, y) to the segment from a to b. */
function segmentDistance(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** A handwritten-looking 7 on 28 × 28: white strokes about 3 pixels wide with soft edges, like an MNIST digit. */
export function strokeSeven(): GrayImage {
  const strokes = [[[6, 6], [21, 6]], [[21, 6], [12, 23]], [[10, 14], [20, 14]]] as const;
  return make(28, 28, (x, y) => {
    const d = Math.min(...strokes.map(([a, b]) => segmentDistance(x, y, a, b)));
    return Math.round(255 * Math.max(0, Math.min(1, 2 - d)));
  });
}

export const EXERCISE_IMAGES = {
  checkerboard: { title: 'a checkerboard of 4-pixel squares', image: make(24, 24, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 ? 0 : 255)) },
  'vertical-edge': { title: 'a vertical edge (dark left, bright right)', image: verticalStep(24) },
  'horizontal-edge': { title: 'a horizontal edge (dark top, bright bottom)', image: horizontalStep(24) },
  square: { title: 'a bright square on a dark background', image: make(24, 24, (x, y) => (x >= 6 && x < 18 && y >= 6 && y < 18 ? 255 : 0)) },
  'vertical-lines': { title: 'thin vertical lines', image: make(24, 24, (x) => (x % 6 === 2 ? 255 : 0)) },
  'horizontal-lines': { title: 'thin horizontal lines', image: make(24, 24, (_x, y) => (y % 6 === 2 ? 255 : 0)) },
  noise: { title: 'gray noise', image: noise(24) },
  'digit-seven': { title: 'a digit 7 drawn with soft-edged strokes, like an MNIST digit', image: strokeSeven() },
} as const satisfies Record<string, NamedImage>;

export type ImageName = keyof typeof EXERCISE_IMAGES;
export const IMAGE_NAMES = Object.keys(EXERCISE_IMAGES) as ImageName[];
