import { describe, expect, it } from 'vitest';
import { PAD_RANGE, formatPoint, fullLatent, latentToPad, meanAbsDifference, padToLatent, samplePrior, stepLatent } from '../../../src/lib/math/latent-pad';

describe('the latent pad', () => {
  it('maps the plane onto the pad and back, z₂ upwards, clamped to the range', () => {
    expect(latentToPad([0, 0], 300)).toEqual({ x: 150, y: 150 });
    expect(latentToPad([PAD_RANGE, PAD_RANGE], 300)).toEqual({ x: 300, y: 0 });
    const z = padToLatent(latentToPad([1.25, -0.5], 240), 240);
    expect(z[0]).toBeCloseTo(1.25, 12);
    expect(z[1]).toBeCloseTo(-0.5, 12);
    expect(padToLatent({ x: -50, y: 999 }, 300)).toEqual([-PAD_RANGE, -PAD_RANGE]);
  });

  it('steps with the arrow keys (up raises z₂), finely with Shift, and Home returns to 0', () => {
    expect(stepLatent([0, 0], 'ArrowRight')).toEqual([0.25, 0]);
    expect(stepLatent([0, 0], 'ArrowUp')).toEqual([0, 0.25]);
    expect(stepLatent([0, 0], 'ArrowDown', true)![1]).toBeCloseTo(-0.025, 12);
    expect(stepLatent([3, 0], 'ArrowRight')).toEqual([3, 0]);
    expect(stepLatent([1, 2], 'Home')).toEqual([0, 0]);
    expect(stepLatent([0, 0], 'a')).toBeNull();
    let z: [number, number] = [0, 0];
    for (let i = 0; i < 3; i++) z = stepLatent(z, 'ArrowRight')!;
    expect(z[0]).toBe(0.75);
  });

  it('pads the point with zeros to the latent size and writes it with a real minus sign', () => {
    expect(fullLatent([1, -2], 4)).toEqual([1, -2, 0, 0]);
    expect(() => fullLatent([1, 2], 1)).toThrow(/latent/);
    expect(formatPoint([0.5, -1.25])).toBe('(0.50, −1.25)');
    expect(formatPoint([-0.001, 0])).toBe('(0.00, 0.00)');
  });
});

describe('samples of the prior', () => {
  it('are reproducible from the seed and look like N(0, 1)', () => {
    expect(samplePrior(3, 2, 7)).toEqual(samplePrior(3, 2, 7));
    expect(samplePrior(3, 2, 7)).not.toEqual(samplePrior(3, 2, 8));
    const flat = samplePrior(4000, 2, 1).flat();
    const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
    const variance = flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('measures how alike two images are', () => {
    expect(meanAbsDifference([0, 255], [0, 255])).toBe(0);
    expect(meanAbsDifference([0, 0], [255, 55])).toBe(155);
    expect(() => meanAbsDifference([1], [1, 2])).toThrow();
  });
});
