import { describe, expect, it } from 'vitest';
import { cropSquare, cutTiles, padEdges, stitchTiles, tileCount, tileGrid, tileStarts, tileWeights, type TileGrid } from '../../../src/lib/math/tiles';

const image = (side: number, f: (x: number, y: number) => number) => ({
  width: side, height: side, pixels: Float32Array.from({ length: side * side }, (_, i) => f(i % side, Math.floor(i / side))),
});
const close = (a: ArrayLike<number>, b: ArrayLike<number>) => expect(Array.from(a, (v) => Number(v.toFixed(6)))).toEqual(Array.from(b, (v) => Number(v.toFixed(6))));

describe('tiles: where they go', () => {
  it('steps by the stride and ends flush with the image', () => {
    expect(tileStarts(28, 14, 14)).toEqual([0, 14]);
    expect(tileStarts(56, 14, 7)).toEqual([0, 7, 14, 21, 28, 35, 42]);
    expect(tileStarts(14, 7, 4)).toEqual([0, 4, 7]); // ×4 with overlap: the last tile moves back to fit
    expect(tileStarts(10, 4, 4)).toEqual([0, 4, 6]);
    expect(tileStarts(7, 7, 4)).toEqual([0]);
  });

  it('refuses gaps, tiles larger than the image and fractions', () => {
    expect(() => tileStarts(28, 14, 15)).toThrow(/gaps/);
    expect(() => tileStarts(6, 7, 4)).toThrow(/length/);
    expect(() => tileStarts(28, 14, 3.5)).toThrow(/stride/);
  });

  it('overlaps by half a tile (rounded up) when asked', () => {
    expect(tileGrid(56, 14, true)).toEqual({ side: 56, tile: 14, stride: 7, starts: [0, 7, 14, 21, 28, 35, 42] });
    expect(tileGrid(56, 14, false).starts).toEqual([0, 14, 28, 42]);
    expect(tileCount(tileGrid(56, 14, true))).toBe(49); // a 112-pixel region at ×2
    expect(tileCount(tileGrid(56, 14, false))).toBe(16);
    expect(tileGrid(28, 7, true).stride).toBe(4);
  });
});

describe('tiles: cutting', () => {
  it('cuts row by row, each tile row-major (hand-worked 4 × 4)', () => {
    const grid: TileGrid = { side: 4, tile: 2, stride: 2, starts: [0, 2] };
    expect([...cutTiles(image(4, (x, y) => y * 4 + x), grid)]).toEqual([0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]);
  });

  it('repeats the shared pixels of overlapping tiles', () => {
    const grid = tileGrid(3, 2, true); // starts [0, 1]
    expect([...cutTiles(image(3, (x, y) => y * 3 + x), grid)]).toEqual([0, 1, 3, 4, 1, 2, 4, 5, 3, 4, 6, 7, 4, 5, 7, 8]);
    expect(() => cutTiles(image(4, () => 0), grid)).toThrow(/3 × 3/);
  });
});

describe('tiles: stitching', () => {
  it('gives the image back when every tile comes back unchanged, with or without overlap', () => {
    const img = image(28, (x, y) => Math.sin(x * 0.7) + y / 28);
    for (const overlap of [false, true]) {
      const grid = tileGrid(28, 7, overlap);
      for (const blend of ['flat', 'tent'] as const) close(stitchTiles(cutTiles(img, grid), grid, 1, blend), img.pixels);
    }
  });

  it('places each tile at its start times the factor', () => {
    // 2 × 2 tiles of one pixel each, made 2 × 2 by the "network": four constant blocks.
    const grid: TileGrid = { side: 2, tile: 1, stride: 1, starts: [0, 1] };
    const tiles = Float32Array.from([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
    expect([...stitchTiles(tiles, grid, 2, 'flat')]).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it('averages overlaps: flat halves the seam, tent cross-fades it (hand-worked)', () => {
    // A 4 × 4 image, tiles of 3 at x, y ∈ {0, 1}; the left tiles output 0, the right ones 1.
    // Tent weights along a tile: [1, 2, 1]. Column 1 is covered by the left tile's middle
    // (weight 2) and the right tile's edge (weight 1): (2·0 + 1·1) / 3 = 1/3; column 2 the
    // other way round: 2/3. Columns 0 and 3 have one tile each. The rows' weights cancel.
    const grid = tileGrid(4, 3, true);
    expect(grid.starts).toEqual([0, 1]);
    const tiles = Float32Array.from([...Array(9).fill(0), ...Array(9).fill(1), ...Array(9).fill(0), ...Array(9).fill(1)]);
    close(stitchTiles(tiles, grid, 1, 'tent'), Array(4).fill([0, 1 / 3, 2 / 3, 1]).flat());
    close(stitchTiles(tiles, grid, 1, 'flat'), Array(4).fill([0, 0.5, 0.5, 1]).flat());
  });

  it('tent weights of tiles half a tile apart add up to the same everywhere', () => {
    const w = tileWeights(28, 'tent');
    expect([w[0], w[13], w[14], w[27]]).toEqual([1, 14, 14, 1]);
    for (let i = 0; i < 14; i++) expect(w[i + 14]! + w[i]!).toBe(15);
    expect([...tileWeights(3, 'flat')]).toEqual([1, 1, 1]);
  });

  it('refuses a batch of the wrong size', () => {
    expect(() => stitchTiles(new Float32Array(10), tileGrid(28, 14, false), 2, 'flat')).toThrow(/4 tiles of 28 × 28/);
  });
});

describe('tiles: repeated edges', () => {
  it('pads with copies of the nearest edge pixel and crops back (hand-worked 2 × 2)', () => {
    const padded = padEdges({ width: 2, height: 2, pixels: [1, 2, 3, 4] }, 1);
    expect(padded.width).toBe(4);
    expect([...padded.pixels]).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect([...cropSquare(padded.pixels, 4, 1, 2)]).toEqual([1, 2, 3, 4]);
    expect([...padEdges({ width: 2, height: 2, pixels: [1, 2, 3, 4] }, 0).pixels]).toEqual([1, 2, 3, 4]);
    expect(() => cropSquare(padded.pixels, 4, 3, 2)).toThrow(/do not fit/);
  });
});
