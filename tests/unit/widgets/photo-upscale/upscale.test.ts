import { describe, expect, it } from 'vitest';
import { psnr } from '../../../../src/lib/math/reconstruction';
import { downsample, upsample } from '../../../../src/lib/math/resample';
import { cropRegion, EDGE_PAD, formatDb, NET_SIDE, readout, tileNote, upscaleRegion, type TileNetwork } from '../../../../src/widgets/photo-upscale/upscale';

/** A 512 × 512 "photo" of grey levels 0–255 with texture at every scale. */
const photo = { width: 512, height: 512, pixels: Uint8Array.from({ length: 512 * 512 }, (_, i) => (((i % 512) * 7) ^ (Math.floor(i / 512) * 13)) & 255) };

/** A stand-in network: each tile blown up by nearest neighbour, one tile at a time. */
const nearestNet = (calls: Array<{ count: number; tile: number }>): TileNetwork => (tiles, count, tile) => {
  calls.push({ count, tile });
  const out = new Float32Array(count * NET_SIDE * NET_SIDE);
  for (let k = 0; k < count; k++) {
    const up = upsample({ width: tile, height: tile, pixels: tiles.subarray(k * tile * tile, (k + 1) * tile * tile) }, NET_SIDE / tile, 'nearest');
    out.set(up.pixels, k * NET_SIDE * NET_SIDE);
  }
  return out;
};

describe('photo upscaler: one pass', () => {
  it('crops the region as grey levels 0…1', () => {
    const r = cropRegion(photo, { x: 3, y: 5, side: 56 });
    expect(r).toHaveLength(56 * 56);
    expect(r[0]).toBeCloseTo(photo.pixels[5 * 512 + 3]! / 255, 6);
    expect(r[56 * 2 + 1]).toBeCloseTo(photo.pixels[7 * 512 + 4]! / 255, 6);
    expect(() => cropRegion(photo, { x: 401, y: 0, side: 112 })).toThrow(/does not fit/);
  });

  it('shrinks by average pooling, and scores bicubic and the network against the original', async () => {
    for (const [side, scale, overlap, tiles] of [[112, 2, true, 64], [112, 2, false, 16], [56, 4, true, 16], [56, 4, false, 4], [56, 2, true, 16]] as const) {
      const original = cropRegion(photo, { x: 100, y: 200, side });
      const calls: Array<{ count: number; tile: number }> = [];
      const r = await upscaleRegion(original, side, scale, nearestNet(calls), overlap);
      // One batched call with every tile.
      expect(calls).toEqual([{ count: tiles, tile: NET_SIDE / scale }]);
      const small = downsample({ width: side, height: side, pixels: original }, scale);
      expect([...r.low]).toEqual([...small.pixels]);
      const bicubic = upsample(small, scale, 'bicubic', [0, 1]).pixels;
      expect([...r.bicubic]).toEqual([...bicubic]);
      // Nearest neighbour needs no neighbours: tiles stitched back, overlapping or not, are the
      // whole region's nearest-neighbour upsampling (to float rounding).
      const nearest = upsample(small, scale, 'nearest').pixels;
      expect(Math.max(...r.network.map((v, i) => Math.abs(v - nearest[i]!)))).toBeLessThan(1e-6);
      expect(r.psnr.bicubic).toBeCloseTo(psnr(original, bicubic), 10);
      expect(r.psnr.network).toBeCloseTo(psnr(original, nearest), 4);
      expect(r.grid.tile * scale).toBe(NET_SIDE);
      // Overlapping tiles start from the region with EDGE_PAD output pixels of repeated edge.
      expect(r.pad * scale).toBe(overlap ? EDGE_PAD : 0);
      expect(r.grid.side).toBe(side / scale + 2 * r.pad);
    }
  });

  it('refuses regions that are not whole tiles and networks that answer the wrong size', async () => {
    await expect(upscaleRegion(new Float32Array(60 * 60), 60, 2, nearestNet([]), false)).rejects.toThrow(/multiple of 28/);
    await expect(upscaleRegion(new Float32Array(56 * 56), 56, 2, () => new Float32Array(5), false)).rejects.toThrow(/returned 5 values for 4 tiles/);
  });
});

describe('photo upscaler: what it says', () => {
  it('computes the readout from the figures', () => {
    expect(readout({ network: 24.14, bicubic: 25.31 })).toBe('Network 24.1 dB, bicubic 25.3 dB on this region: bicubic is 1.2 dB closer to the original.');
    expect(readout({ network: 27.5, bicubic: 26.25 })).toBe('Network 27.5 dB, bicubic 26.3 dB on this region: the network is 1.2 dB closer to the original.');
    expect(readout({ network: 20.02, bicubic: 20 })).toBe('Network 20.0 dB, bicubic 20.0 dB on this region: a tie.');
    expect(readout({ network: Infinity, bicubic: Infinity })).toBe('Network identical, bicubic identical on this region.');
    expect(readout({ network: 20.04, bicubic: 19.96 })).toMatch(/a tie/); // both print as 20.0 dB
    expect(formatDb(NaN)).toBe('–');
  });

  it('says how the tiles were put together', () => {
    expect(tileNote({ grid: { side: 56, tile: 14, stride: 14, starts: [0, 14, 28, 42] }, scale: 2, overlap: false, pad: 0 })).toMatch(/^16 tiles \(4 × 4\) of 14 × 14 .*side by side.*seam/);
    expect(tileNote({ grid: { side: 60, tile: 14, stride: 7, starts: [0, 7, 14, 21, 28, 35, 42, 46] }, scale: 2, overlap: true, pad: 2 })).toMatch(/^64 tiles \(8 × 8\).*14 pixels apart.*cross-faded.*repeated 4 pixels outward/);
  });
});

describe('photo upscaler: a tile network that needs its neighbours', () => {
  it('blended tiles with repeated edges beat tiles side by side when the network darkens tile borders', async () => {
    // A "network" that is perfect inside a tile but darkens its outermost output pixels, as zero
    // padding does: blending hides the inner seams, edge repetition the region's border.
    const edgy: TileNetwork = async (tiles, count, tile) => {
      const out = nearestNet([])(tiles, count, tile) as Float32Array;
      for (let k = 0; k < count; k++) {
        for (let i = 0; i < NET_SIDE * NET_SIDE; i++) {
          const x = i % NET_SIDE;
          const y = Math.floor(i / NET_SIDE);
          if (x === 0 || y === 0 || x === NET_SIDE - 1 || y === NET_SIDE - 1) out[k * NET_SIDE * NET_SIDE + i]! *= 0.2;
        }
      }
      return out;
    };
    const original = cropRegion(photo, { x: 10, y: 10, side: 112 });
    const flat = await upscaleRegion(original, 112, 2, edgy, false);
    const blended = await upscaleRegion(original, 112, 2, edgy, true);
    const nearest = upsample(downsample({ width: 112, height: 112, pixels: original }, 2), 2, 'nearest').pixels;
    expect(blended.psnr.network).toBeGreaterThan(flat.psnr.network + 3);
    // The region's own border came from tiles' insides: no darkened pixel survives at full weight.
    for (const i of [0, 111, 112 * 111, 112 * 112 - 1]) expect(blended.network[i]).toBeGreaterThan(nearest[i]! * 0.8);
  });
});
