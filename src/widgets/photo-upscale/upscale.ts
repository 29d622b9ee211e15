/**
 * One pass of the photo upscaler, in plain numbers: the photo region (grey levels 0…1) shrunk by
 * the network's scale with average pooling, exactly the degradation the network was trained to
 * undo on 28 × 28 digits or clothes, then blown back up twice: by bicubic interpolation over the
 * whole region, and by the network tile by tile (lib/math/tiles.ts). Both are scored by PSNR
 * against the region itself. The network comes in as a function, so a unit test can pass any.
 */
import type { GrayImage } from '../../lib/math/conv2d';
import { psnr } from '../../lib/math/reconstruction';
import { downsample, upsample } from '../../lib/math/resample';
import { cropSquare, cutTiles, padEdges, stitchTiles, tileCount, tileGrid, type TileGrid } from '../../lib/math/tiles';
import type { Region } from './region';

/** The networks make 28 × 28 images (the MNIST size), from 14 × 14 (×2) or 7 × 7 (×4). */
export const NET_SIDE = 28;

/**
 * Blended tiles start from the low-resolution region with its edge pixels repeated outward by this
 * many output pixels (2 low-resolution pixels at ×2, 1 at ×4): the three 3×3 convolutions look 3
 * pixels around, so the region's outermost pixels come from tiles that saw a continuation of the
 * region rather than the zeros beyond a tile, which the network reads as a black MNIST background.
 * Measured with the shipped MNIST ×2 weights on the camera photo's 112-pixel region at (174, 104):
 * blended tiles 24.3 dB without it, 26.4 dB with it (bicubic 27.6 dB; tiles side by side 20.1 dB).
 */
export const EDGE_PAD = 4;

/** The network as a function: `count` low-resolution tiles, [count, t, t] in 0…1 → [count, 28, 28], clipped to 0…1. */
export type TileNetwork = (tiles: Float32Array, count: number, tileSide: number) => Float32Array | Promise<Float32Array>;

export interface Upscaled {
  side: number;
  scale: number;
  overlap: boolean;
  /** side² pixels, 0…1: the region of the photo. */
  original: Float32Array;
  /** (side / scale)² pixels: what the network and bicubic start from. */
  low: Float32Array;
  bicubic: Float32Array;
  network: Float32Array;
  /** The tiles, in low-resolution pixels of the region padded by `pad` on every side. */
  grid: TileGrid;
  /** Low-resolution pixels of repeated edge around the region before tiling (0 for tiles side by side). */
  pad: number;
  /** dB against the original. */
  psnr: { bicubic: number; network: number };
}

/** The `region` of a photo of grey levels 0–255, as floats 0…1, row-major. */
export function cropRegion(photo: GrayImage, region: Region): Float32Array {
  const { x, y, side } = region;
  if (x < 0 || y < 0 || x + side > photo.width || y + side > photo.height) throw new Error(`The region (${x}, ${y}) of ${side} pixels does not fit in a ${photo.width} × ${photo.height} photo`);
  const out = new Float32Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) out[r * side + c] = photo.pixels[(y + r) * photo.width + x + c]! / 255;
  }
  return out;
}

/**
 * Shrinks `original` (side × side, 0…1) by `scale`, then upsamples it by bicubic and by `network`
 * on tiles of 28 / scale low-resolution pixels. Tiles side by side (`overlap` false) are exactly
 * the network's training setting, each on its own; overlapping tiles are cut from the region with
 * its edges repeated (EDGE_PAD) and cross-faded (tiles.ts says why). Bicubic repeats the edges
 * too, so both use the same pixels. `side` must be a multiple of 28.
 */
export async function upscaleRegion(original: Float32Array, side: number, scale: number, network: TileNetwork, overlap: boolean): Promise<Upscaled> {
  if (side % NET_SIDE !== 0) throw new Error(`The region's side must be a multiple of ${NET_SIDE}, got ${side}`);
  if (original.length !== side * side) throw new Error(`${original.length} pixels are not a ${side} × ${side} region`);
  const small = downsample({ width: side, height: side, pixels: original }, scale);
  const bicubic = upsample(small, scale, 'bicubic', [0, 1]).pixels;
  const pad = overlap ? EDGE_PAD / scale : 0;
  const padded = padEdges(small, pad);
  const grid = tileGrid(padded.width, NET_SIDE / scale, overlap);
  const count = tileCount(grid);
  const out = await network(cutTiles(padded, grid), count, grid.tile);
  if (out.length !== count * NET_SIDE * NET_SIDE) throw new Error(`The network returned ${out.length} values for ${count} tiles of ${NET_SIDE} × ${NET_SIDE}`);
  const stitched = cropSquare(stitchTiles(out, grid, scale, overlap ? 'tent' : 'flat'), padded.width * scale, pad * scale, side);
  return {
    side, scale, overlap, original, low: small.pixels, bicubic, network: stitched, grid, pad,
    psnr: { bicubic: psnr(original, bicubic), network: psnr(original, stitched) },
  };
}

/** "24.1 dB"; "identical" for an exact copy; "–" when there is nothing. */
export function formatDb(db: number | null | undefined): string {
  if (db === null || db === undefined || Number.isNaN(db)) return '–';
  if (db === Infinity) return 'identical';
  return `${db.toFixed(1)} dB`;
}

/** "Network 24.1 dB, bicubic 25.3 dB on this region: bicubic is 1.2 dB closer to the original." */
export function readout(p: Upscaled['psnr']): string {
  const figures = `Network ${formatDb(p.network)}, bicubic ${formatDb(p.bicubic)} on this region`;
  // The difference of the figures as printed (to 0.1 dB), so the sentence agrees with them.
  const tenths = Math.round(p.network * 10) - Math.round(p.bicubic * 10);
  if (!Number.isFinite(tenths)) return `${figures}.`;
  if (tenths === 0) return `${figures}: a tie.`;
  const who = tenths > 0 ? 'the network is' : 'bicubic is';
  return `${figures}: ${who} ${(Math.abs(tenths) / 10).toFixed(1)} dB closer to the original.`;
}

/** One sentence on how the tiles were put together, for under the panels. */
export function tileNote(r: Pick<Upscaled, 'grid' | 'scale' | 'overlap' | 'pad'>): string {
  const { grid, scale } = r;
  const n = grid.starts.length;
  const tiles = `${n * n} tiles (${n} × ${n}) of ${grid.tile} × ${grid.tile} low-resolution pixels, each made ${NET_SIDE} × ${NET_SIDE} by the network on its own`;
  if (!r.overlap) return `${tiles}, side by side as in training: a tile never sees its neighbours, and beyond its edge the network sees black, so where two tiles meet they may not match (a seam).`;
  return `${tiles}, ${grid.stride * scale} pixels apart so they overlap. Where they do, their outputs are cross-faded, each pixel weighted by how far it is from its tile's edge, so no seam is sharp, though a faint lattice can remain. Around the region its edge pixels are repeated ${r.pad * scale} pixels outward first, as bicubic does, so no tile sees black there.`;
}
