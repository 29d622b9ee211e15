import { describe, expect, it } from 'vitest';
import { downsample, upsample } from '../../../../src/lib/math/resample';
import { psnr } from '../../../../src/lib/math/reconstruction';
import { bestOf, blankMessage, computePanels, formatDb, isBlank, PIXELS, psnrSummary, rgbaOf } from '../../../../src/widgets/superres-explorer/panels';

/** A bright bar on black, 3 pixels wide at an odd column, so no 2 × 2 block holds it exactly. */
function bar(): Uint8Array {
  const out = new Uint8Array(PIXELS);
  for (let y = 5; y < 23; y++) for (let x = 11; x < 14; x++) out[y * 28 + x] = 255;
  return out;
}
const unit = (bytes: Uint8Array): Float32Array => Float32Array.from(bytes, (v) => v / 255);

describe('superres explorer: panels', () => {
  it('shrinks by averaging blocks and scores nearest and bicubic against the original, as resample.ts does', () => {
    for (const scale of [2, 4] as const) {
      const p = computePanels(bar(), scale);
      const original = unit(bar());
      const low = downsample({ width: 28, height: 28, pixels: original }, scale);
      expect(p.lowSide).toBe(28 / scale);
      expect([...p.low]).toEqual([...low.pixels]);
      expect([...p.nearest]).toEqual([...upsample(low, scale, 'nearest', [0, 1]).pixels]);
      expect([...p.bicubic]).toEqual([...upsample(low, scale, 'bicubic', [0, 1]).pixels]);
      expect(p.psnr.nearest).toBeCloseTo(psnr(original, p.nearest), 10);
      expect(p.psnr.bicubic).toBeCloseTo(psnr(original, p.bicubic), 10);
      expect(p.network).toBeNull();
      expect(p.psnr.network).toBeNull();
      expect(p.networkError).toBeNull();
      // Every score is a finite number of decibels for a real image: the ×4 input loses more.
      expect(Number.isFinite(p.psnr.nearest) && Number.isFinite(p.psnr.bicubic)).toBe(true);
      expect(p.best).toBe(p.psnr.bicubic! > p.psnr.nearest! ? 'bicubic' : 'nearest');
    }
    expect(computePanels(bar(), 4).psnr.bicubic!).toBeLessThan(computePanels(bar(), 2).psnr.bicubic!);
  });

  it('gives the network a copy of the low-resolution image and scores what it returns', () => {
    const seen: { side: number; low: Float32Array }[] = [];
    const oracle = (low: Float32Array, side: number): Float32Array => {
      seen.push({ side, low });
      low.fill(0.5); // cannot change the low panel
      return unit(bar());
    };
    const p = computePanels(bar(), 2, oracle);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.side).toBe(14);
    expect(seen[0]!.low).toHaveLength(196);
    expect(p.low.some((v) => v !== 0.5)).toBe(true);
    expect(p.psnr.network).toBe(Infinity);
    expect(p.best).toBe('network');
    // Overshoot is clipped to 0…1 before scoring.
    const over = computePanels(bar(), 2, () => unit(bar()).map((v) => v * 3 - 1));
    expect(Math.min(...over.network!)).toBe(0);
    expect(Math.max(...over.network!)).toBe(1);
    expect(over.psnr.network).toBe(Infinity);
  });

  it('never shows NaN: a broken network leaves its panel empty with a sentence, the baselines stay', () => {
    const cases: [string, () => Float32Array, RegExp][] = [
      ['NaN output', () => new Float32Array(PIXELS).fill(NaN), /not a number/],
      ['wrong size', () => new Float32Array(196), /196 pixels instead of 784/],
      ['throws', () => { throw new Error('boom'); }, /could not run: boom/],
    ];
    for (const [name, net, message] of cases) {
      const p = computePanels(bar(), 2, net);
      expect(p.network, name).toBeNull();
      expect(p.psnr.network, name).toBeNull();
      expect(p.networkError, name).toMatch(message);
      expect(Number.isFinite(p.psnr.bicubic), name).toBe(true);
      expect(p.best, name).not.toBe('network');
    }
  });

  it('scores an image the upscalers reproduce exactly as identical, not Infinity dB', () => {
    // Constant 2 × 2 blocks: nearest gives the original back.
    const blocks = new Uint8Array(PIXELS).map((_, i) => ((Math.floor((i % 28) / 2) + Math.floor(Math.floor(i / 28) / 2)) % 2 ? 200 : 0));
    const p = computePanels(blocks, 2);
    expect(p.psnr.nearest).toBe(Infinity);
    expect(formatDb(p.psnr.nearest)).toBe('∞ dB (identical)');
    expect(p.best).toBe('nearest');
    // A flat grey image: every method is exact; the first of equals is best.
    const flat = computePanels(new Uint8Array(PIXELS).fill(90), 4, () => new Float32Array(PIXELS).fill(90 / 255));
    expect([flat.psnr.nearest, flat.psnr.bicubic, flat.psnr.network]).toEqual([Infinity, Infinity, Infinity]);
    expect(flat.best).toBe('nearest');
  });

  it('formats decibels with one decimal, and picks the best', () => {
    expect(formatDb(19.94)).toBe('19.9 dB');
    expect(formatDb(25.05)).toMatch(/^25\.\d dB$/);
    expect(formatDb(null)).toBe('–');
    expect(formatDb(NaN)).toBe('–');
    expect(bestOf({ nearest: 18, bicubic: 19.5, network: 24 })).toBe('network');
    expect(bestOf({ nearest: 18, bicubic: 19.5, network: null })).toBe('bicubic');
    expect(bestOf({ nearest: null, bicubic: null, network: null })).toBeNull();
  });

  it('detects an empty drawing, and says so', () => {
    expect(isBlank(new Uint8Array(PIXELS))).toBe(true);
    expect(isBlank(new Uint8Array(PIXELS).fill(8))).toBe(true);
    const dot = new Uint8Array(PIXELS);
    dot[400] = 120;
    expect(isBlank(dot)).toBe(false);
    expect(isBlank(bar())).toBe(false);
    expect(blankMessage('mnist')).toBe('Draw a digit first: an empty canvas has nothing to upscale.');
    expect(blankMessage('fashion-mnist')).toMatch(/^Draw something first/);
  });

  it('summarises the scores in a sentence and turns pixels into grey RGBA', () => {
    const p = computePanels(bar(), 2, () => unit(bar()));
    const text = psnrSummary(p, 'MNIST test image 1 (the digit 7)');
    expect(text).toMatch(/^PSNR against the original, MNIST test image 1 \(the digit 7\), ×2: nearest \d+\.\d dB, bicubic \d+\.\d dB, network ∞ dB \(identical\); closest to the original: network\.$/);
    expect(psnrSummary(computePanels(bar(), 4), 'your drawing')).not.toContain('network');
    expect([...rgbaOf([0, 0.5, 1])]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });
});
