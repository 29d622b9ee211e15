/**
 * Cutting a square image into square tiles and stitching processed tiles back together, in plain
 * numbers (no tfjs). Lesson 10's photo upscaler needs it: its network takes one 14 × 14 (or 7 × 7)
 * image and makes it 28 × 28, so a larger photo region goes through tile by tile.
 *
 * A tile knows nothing of its neighbours: near its border the network's 3×3 convolutions see the
 * zero padding instead of the pixels next door, so tiles laid edge to edge can disagree where they
 * meet (a seam). Two ways to stitch, both a weighted mean of every output that covers a pixel:
 *
 *   'flat'  each tile weighs 1: tiles side by side (stride = tile) show their seams as they are.
 *   'tent'  a pixel weighs its distance from its tile's edge plus one, along each axis (the product
 *           of the two): a tile's border, the part computed from padding, counts least. With tiles
 *           half a tile apart, the two weights at any point of an overlap add up to the same
 *           number, so every seam becomes a straight cross-fade from one tile into the next.
 *
 * Layout: images and tiles are row-major; a batch of tiles is stored tile after tile, tiles in
 * row order (all tiles of the top row left to right, then the next row), as `[count, tile, tile]`.
 */
import type { GrayImage } from './conv2d';

export type TileBlend = 'flat' | 'tent';

/** Where the tiles of one axis sit: `starts[i]` is the first pixel of the i-th tile along it. */
export interface TileGrid {
  /** Side of the square image cut, pixels. */
  side: number;
  /** Side of one tile, pixels. */
  tile: number;
  /** Distance between neighbouring tiles (the last one may be closer: it ends flush with the image). */
  stride: number;
  /** Same along x and y (the image is square). */
  starts: number[];
}

function checkWhole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got ${value}`);
}

/**
 * Tile starts along `length` pixels: 0, stride, 2·stride, …, and a last tile flush with the end,
 * so every pixel is covered. E.g. length 14, tile 7, stride 4 → [0, 4, 7].
 */
export function tileStarts(length: number, tile: number, stride: number): number[] {
  checkWhole('tile', tile, 1);
  checkWhole('stride', stride, 1);
  checkWhole('length', length, tile);
  if (stride > tile) throw new Error(`A stride of ${stride} would leave gaps between tiles of ${tile}`);
  const starts: number[] = [];
  for (let s = 0; s + tile <= length; s += stride) starts.push(s);
  if (starts.at(-1)! + tile < length) starts.push(length - tile);
  return starts;
}

/** The grid for a `side`-pixel square: tiles edge to edge, or `overlap`ping by about half a tile (stride ⌈tile / 2⌉). */
export function tileGrid(side: number, tile: number, overlap: boolean): TileGrid {
  const stride = overlap ? Math.ceil(tile / 2) : tile;
  return { side, tile, stride, starts: tileStarts(side, tile, stride) };
}

/** Number of tiles in a grid. */
export const tileCount = (grid: TileGrid): number => grid.starts.length ** 2;

/** The grid's tiles cut from a square `image` of `grid.side` pixels: `[count, tile, tile]`, row order. */
export function cutTiles(image: GrayImage, grid: TileGrid): Float32Array {
  const { side, tile, starts } = grid;
  if (image.width !== side || image.height !== side) throw new Error(`cutTiles: the grid is for ${side} × ${side} images, got ${image.width} × ${image.height}`);
  const out = new Float32Array(starts.length ** 2 * tile * tile);
  let o = 0;
  for (const y0 of starts) {
    for (const x0 of starts) {
      for (let y = 0; y < tile; y++) {
        for (let x = 0; x < tile; x++) out[o++] = image.pixels[(y0 + y) * side + x0 + x]!;
      }
    }
  }
  return out;
}

/** Weights along one axis of a `size`-pixel tile: all 1 ('flat'), or 1, 2, … up to the middle and back down to 1 ('tent'). */
export function tileWeights(size: number, blend: TileBlend): Float32Array {
  checkWhole('size', size, 1);
  return Float32Array.from({ length: size }, (_, i) => (blend === 'flat' ? 1 : Math.min(i, size - 1 - i) + 1));
}

// #region stitch
/**
 * Puts processed tiles back into one image: tile k of `grid` (cut from the small image) was made
 * `factor` times bigger (`outTile` = grid.tile × factor pixels a side) and lands at its starts × factor.
 * Each output pixel is the weighted mean of the tiles covering it (see the file comment).
 * Returns (grid.side × factor)² pixels, row-major.
 */
export function stitchTiles(tiles: ArrayLike<number>, grid: TileGrid, factor: number, blend: TileBlend): Float32Array {
  checkWhole('factor', factor, 1);
  const outTile = grid.tile * factor;
  const side = grid.side * factor;
  const n = grid.starts.length;
  if (tiles.length !== n * n * outTile * outTile) {
    throw new Error(`stitchTiles: ${tiles.length} values are not ${n * n} tiles of ${outTile} × ${outTile}`);
  }
  const w = tileWeights(outTile, blend);
  const sum = new Float64Array(side * side);
  const weight = new Float64Array(side * side);
  let k = 0;
  for (const ty of grid.starts) {
    for (const tx of grid.starts) {
      const base = k++ * outTile * outTile;
      for (let y = 0; y < outTile; y++) {
        const row = (ty * factor + y) * side + tx * factor;
        for (let x = 0; x < outTile; x++) {
          const wt = w[y]! * w[x]!;
          sum[row + x] = sum[row + x]! + wt * tiles[base + y * outTile + x]!;
          weight[row + x] = weight[row + x]! + wt;
        }
      }
    }
  }
  // tileStarts covers every pixel, so no weight is 0.
  return Float32Array.from(sum, (s, i) => s / weight[i]!);
}
// #endregion

/**
 * The image with `pad` pixels added on every side, each a copy of the nearest edge pixel (what
 * bicubic interpolation assumes beyond the border, math/resample.ts). Tiles cut from it see a
 * plausible continuation at the image's edge instead of zeros. Returns a (w + 2·pad) × (h + 2·pad) image.
 */
export function padEdges(image: GrayImage, pad: number): GrayImage & { pixels: Float32Array } {
  checkWhole('pad', pad, 0);
  const { width, height } = image;
  const W = width + 2 * pad;
  const H = height + 2 * pad;
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(height - 1, Math.max(0, y - pad));
    for (let x = 0; x < W; x++) out[y * W + x] = image.pixels[sy * width + Math.min(width - 1, Math.max(0, x - pad))]!;
  }
  return { width: W, height: H, pixels: out };
}

/** The `side` × `side` square at (`at`, `at`) of a square image `from` pixels wide: padEdges undone. */
export function cropSquare(pixels: ArrayLike<number>, from: number, at: number, side: number): Float32Array {
  if (at < 0 || at + side > from || pixels.length !== from * from) throw new Error(`cropSquare: ${side} pixels at ${at} do not fit in ${from} × ${from}`);
  const out = new Float32Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) out[y * side + x] = pixels[(at + y) * from + at + x]!;
  }
  return out;
}
