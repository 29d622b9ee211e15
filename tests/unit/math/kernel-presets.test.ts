import { describe, expect, it } from 'vitest';
import { convolve3x3 } from '../../../src/lib/math/conv2d';
import { DEFAULT_PRESET_ID, KERNEL_PRESETS, kernelSum, presetById, presetForKernel } from '../../../src/lib/math/kernel-presets';
import { makeTestPattern } from '../../../src/lib/math/test-pattern';

const flat = { width: 5, height: 5, pixels: new Float32Array(25).fill(100) };

describe('kernel presets', () => {
  it('has the presets the lesson promises, with unique ids', () => {
    const ids = KERNEL_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['identity', 'vertical', 'horizontal', 'sobel-x', 'sobel-y', 'sharpen', 'box-blur', 'gaussian-blur', 'emboss', 'outline']) {
      expect(presetById(id), id).toBeDefined();
    }
    expect(presetById(DEFAULT_PRESET_ID)).toBeDefined();
  });

  it('texts and numbers agree; nine of each', () => {
    for (const p of KERNEL_PRESETS) {
      expect(p.texts).toHaveLength(9);
      expect(p.kernel).toHaveLength(9);
      expect(p.kernel.every(Number.isFinite)).toBe(true);
    }
  });

  it('blur, sharpen, emboss and identity keep brightness (sum 1); edge detectors sum to 0', () => {
    for (const p of KERNEL_PRESETS) {
      const expected = p.family === 'edges' ? 0 : 1;
      expect(kernelSum(p.kernel), p.id).toBeCloseTo(expected, 12);
    }
  });

  it('so a flat area stays flat under blur and turns 0 under edge filters (away from the border)', () => {
    for (const p of KERNEL_PRESETS) {
      const out = convolve3x3(flat, p.kernel);
      expect(out[12], p.id).toBeCloseTo(p.family === 'edges' ? 0 : 100, 4);
    }
  });

  it('blur weights are all positive', () => {
    for (const p of KERNEL_PRESETS.filter((q) => q.family === 'blur')) expect(p.kernel.every((v) => v > 0)).toBe(true);
  });

  it('the vertical-lines filter answers vertical stripes, not horizontal ones (and vice versa)', () => {
    const img = makeTestPattern(192);
    const energy = (id: string, x0: number, y0: number) => {
      const out = convolve3x3(img, presetById(id)!.kernel);
      let e = 0;
      for (let y = y0 + 10; y < y0 + 60; y++) for (let x = x0 + 10; x < x0 + 60; x++) e += Math.abs(out[y * 192 + x]!);
      return e;
    };
    // Top-left quarter has vertical bars, top-right horizontal bars.
    expect(energy('vertical', 12, 12)).toBeGreaterThan(10 * energy('vertical', 108, 12) + 1);
    expect(energy('horizontal', 108, 12)).toBeGreaterThan(10 * energy('horizontal', 12, 12) + 1);
  });

  it('presetForKernel names exact matches only', () => {
    expect(presetForKernel([...presetById('box-blur')!.kernel])?.id).toBe('box-blur');
    expect(presetForKernel([0, 0, 0, 0, 2, 0, 0, 0, 0])).toBeUndefined();
  });
});
