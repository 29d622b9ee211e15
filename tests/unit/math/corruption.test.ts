import { describe, expect, it } from 'vitest';
import { corrupt, corruptionAt, corruptionStrength, gaussianNoise, gaussianSampler, maskSide, randomMask, saltAndPepper, type CorruptionSpec } from '../../../src/lib/math/corruption';
import { deriveSeed, mulberry32 } from '../../../src/lib/ml/random';

const rngFor = (seed: number, ...parts: Array<string | number>) => mulberry32(deriveSeed(seed, 'test-noise', ...parts));
const gray = (n: number, value = 0.5) => new Float32Array(n).fill(value);

function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

describe('gaussianSampler (Box–Muller)', () => {
  it('gives a standard normal: mean 0, std 1, 68.3 % within 1σ, 95.4 % within 2σ', () => {
    const normal = gaussianSampler(rngFor(1));
    const samples = Float64Array.from({ length: 40_000 }, normal);
    const { mean, std } = meanStd(samples);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    const within = (k: number) => samples.filter((v) => Math.abs(v) < k).length / samples.length;
    expect(Math.abs(within(1) - 0.6827)).toBeLessThan(0.01);
    expect(Math.abs(within(2) - 0.9545)).toBeLessThan(0.006);
  });
});

describe('gaussianNoise', () => {
  it('on 0.5 gray with σ = 0.1 the added noise has mean ≈ 0 and std ≈ 0.1', () => {
    const img = gray(10_000);
    const noisy = gaussianNoise(img, 0.1, rngFor(2));
    const noise = noisy.map((v, i) => v - img[i]!);
    const { mean, std } = meanStd(noise);
    // Standard error of the mean is 0.1 / √10000 = 0.001.
    expect(Math.abs(mean)).toBeLessThan(0.004);
    expect(Math.abs(std - 0.1)).toBeLessThan(0.004);
  });

  it('clips to [0, 1]: on black, about half the pixels stay exactly 0', () => {
    const noisy = gaussianNoise(gray(10_000, 0), 0.5, rngFor(3));
    expect(noisy.every((v) => v >= 0 && v <= 1)).toBe(true);
    const zeros = noisy.filter((v) => v === 0).length / noisy.length;
    expect(Math.abs(zeros - 0.5)).toBeLessThan(0.03);
  });

  it('σ = 0 copies; the input is never changed', () => {
    const img = Float32Array.of(0.1, 0.9, 0.4);
    const before = Float32Array.from(img);
    const same = gaussianNoise(img, 0, rngFor(4));
    expect(same).toEqual(img);
    expect(same).not.toBe(img);
    gaussianNoise(img, 0.3, rngFor(4));
    expect(img).toEqual(before);
  });

  it('same seed → same output, different seed → different output', () => {
    const img = gray(500);
    expect(gaussianNoise(img, 0.2, rngFor(7))).toEqual(gaussianNoise(img, 0.2, rngFor(7)));
    expect(gaussianNoise(img, 0.2, rngFor(7))).not.toEqual(gaussianNoise(img, 0.2, rngFor(8)));
  });

  it('refuses bad input', () => {
    expect(() => gaussianNoise([], 0.1, rngFor(0))).toThrow(/empty image/);
    expect(() => gaussianNoise([0.2, NaN], 0.1, rngFor(0))).toThrow(/pixel 1 is NaN/);
    expect(() => gaussianNoise([0.2], -0.1, rngFor(0))).toThrow(/sigma/);
    expect(() => gaussianNoise([0.2], NaN, rngFor(0))).toThrow(/sigma/);
  });
});

describe('saltAndPepper', () => {
  it('replaces ≈ rate of the pixels, ≈ half with 0 and half with 1', () => {
    const img = gray(20_000);
    const out = saltAndPepper(img, 0.2, rngFor(10));
    const changed = out.filter((v) => v !== 0.5);
    // Binomial(20000, 0.2): standard deviation of the fraction ≈ 0.003.
    expect(Math.abs(changed.length / img.length - 0.2)).toBeLessThan(0.012);
    expect(changed.every((v) => v === 0 || v === 1)).toBe(true);
    const pepper = changed.filter((v) => v === 0).length / changed.length;
    expect(Math.abs(pepper - 0.5)).toBeLessThan(0.03);
  });

  it('rate 0 copies, rate 1 replaces every pixel; the input is never changed', () => {
    const img = gray(1000);
    expect(saltAndPepper(img, 0, rngFor(11))).toEqual(img);
    expect(saltAndPepper(img, 1, rngFor(11)).every((v) => v === 0 || v === 1)).toBe(true);
    expect(img.every((v) => v === 0.5)).toBe(true);
  });

  it('same seed → same output, different seed → different output', () => {
    const img = gray(1000);
    expect(saltAndPepper(img, 0.1, rngFor(12))).toEqual(saltAndPepper(img, 0.1, rngFor(12)));
    expect(saltAndPepper(img, 0.1, rngFor(12))).not.toEqual(saltAndPepper(img, 0.1, rngFor(13)));
  });

  it('refuses a rate outside [0, 1]', () => {
    expect(() => saltAndPepper(gray(4), 1.5, rngFor(0))).toThrow(/rate must be in \[0, 1\]/);
    expect(() => saltAndPepper(gray(4), NaN, rngFor(0))).toThrow(/rate/);
  });
});

/** Bounding box and count of the zero pixels of one image. */
function zeroBox(img: ArrayLike<number>, width: number): { count: number; w: number; h: number } {
  let count = 0;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < img.length; i++) {
    if (img[i] !== 0) continue;
    count++;
    const x = i % width;
    const y = Math.floor(i / width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return { count, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

describe('randomMask', () => {
  it('zeroes one whole square of side round(√(fraction·w·h)) inside the image', () => {
    expect(maskSide(28, 28, 0.25)).toBe(14);
    const positions = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const out = randomMask(gray(784, 1), 28, 28, 0.25, rngFor(20, seed));
      expect(zeroBox(out, 28)).toEqual({ count: 196, w: 14, h: 14 });
      positions.add(String(out.indexOf(0)));
    }
    // The patch moves around with the seed.
    expect(positions.size).toBeGreaterThan(10);
  });

  it('caps the side at the shorter edge; fraction 0 copies; fraction 1 blanks a square image', () => {
    expect(maskSide(10, 40, 0.5)).toBe(10);
    expect(zeroBox(randomMask(gray(400, 1), 10, 40, 0.5, rngFor(21)), 10)).toEqual({ count: 100, w: 10, h: 10 });
    expect(randomMask(gray(16, 1), 4, 4, 0, rngFor(22))).toEqual(gray(16, 1));
    expect(randomMask(gray(16, 1), 4, 4, 1, rngFor(22))).toEqual(gray(16, 0));
  });

  it('never changes its input; refuses bad sizes and fractions', () => {
    const img = gray(16, 1);
    randomMask(img, 4, 4, 0.5, rngFor(23));
    expect(img).toEqual(gray(16, 1));
    expect(() => randomMask(img, 4, 5, 0.5, rngFor(0))).toThrow(/not a whole number of 4×5 images/);
    expect(() => randomMask(gray(32), 4, 4, 0.5, rngFor(0))).toThrow(/use corrupt for a batch/);
    expect(() => randomMask(img, 0, 4, 0.5, rngFor(0))).toThrow(/positive integers/);
    expect(() => randomMask(img, 4, 4, -0.1, rngFor(0))).toThrow(/fraction/);
    expect(() => maskSide(4, 4, NaN)).toThrow(/maskSide: fraction must be in \[0, 1\]/);
    expect(() => maskSide(4, 1.5, 0.5)).toThrow(/positive integers/);
  });
});

describe('corrupt (dispatcher over one image or a batch)', () => {
  const batch = gray(3 * 784, 1);

  it("'mask' puts one square in each image of a batch", () => {
    const out = corrupt(batch, 28, 28, { kind: 'mask', fraction: 0.25 }, rngFor(30));
    for (let n = 0; n < 3; n++) expect(zeroBox(out.subarray(n * 784, (n + 1) * 784), 28)).toEqual({ count: 196, w: 14, h: 14 });
  });

  it("'gaussian' and 'salt-pepper' equal the single functions on the flat batch with the same seed", () => {
    expect(corrupt(batch, 28, 28, { kind: 'gaussian', sigma: 0.3 }, rngFor(31))).toEqual(gaussianNoise(batch, 0.3, rngFor(31)));
    expect(corrupt(batch, 28, 28, { kind: 'salt-pepper', rate: 0.1 }, rngFor(32))).toEqual(saltAndPepper(batch, 0.1, rngFor(32)));
  });

  it("'none' returns a copy; the input is never changed; same seed → same batch", () => {
    const none = corrupt(batch, 28, 28, { kind: 'none' }, rngFor(33));
    expect(none).toEqual(batch);
    expect(none).not.toBe(batch);
    const specs: CorruptionSpec[] = [{ kind: 'gaussian', sigma: 0.2 }, { kind: 'salt-pepper', rate: 0.2 }, { kind: 'mask', fraction: 0.3 }];
    for (const spec of specs) {
      const a = corrupt(batch, 28, 28, spec, rngFor(34));
      expect(a).toEqual(corrupt(batch, 28, 28, spec, rngFor(34)));
      expect(a).not.toEqual(corrupt(batch, 28, 28, spec, rngFor(35)));
    }
    expect(batch.every((v) => v === 1)).toBe(true);
  });

  it('refuses a batch that is not whole images, an empty batch or an unknown kind', () => {
    expect(() => corrupt(gray(785), 28, 28, { kind: 'none' }, rngFor(0))).toThrow(/not a whole number of 28×28 images/);
    expect(() => corrupt([], 28, 28, { kind: 'none' }, rngFor(0))).toThrow(/empty/);
    expect(() => corrupt(gray(784), 28, 28, { kind: 'mask', fraction: 2 }, rngFor(0))).toThrow(/fraction/);
    expect(() => corrupt(gray(784), 28, 28, { kind: 'blur' } as unknown as CorruptionSpec, rngFor(0))).toThrow(/unknown corruption/);
  });
});

describe('corruption strength', () => {
  it('reads σ, rate or area and builds the spec back from it', () => {
    for (const c of [{ kind: 'gaussian', sigma: 0.3 }, { kind: 'salt-pepper', rate: 0.1 }, { kind: 'mask', fraction: 0.25 }] as const) {
      const { kind, level } = corruptionStrength(c);
      expect(kind).toBe(c.kind);
      expect(corruptionAt(kind as Exclude<typeof kind, 'none'>, level)).toEqual(c);
    }
    expect(corruptionStrength({ kind: 'none' })).toEqual({ kind: 'none', level: 0 });
    expect(corruptionStrength(undefined)).toEqual({ kind: 'none', level: 0 });
  });
});
