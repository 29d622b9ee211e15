import { describe, expect, it } from 'vitest';
import { CODE_HEADER_BYTES, codeSizeBytes, dequantiseCode, quantiseCode } from '../../../src/lib/math/code-quantise';
import { mulberry32 } from '../../../src/lib/ml/random';

describe('codeSizeBytes (honest size, header included)', () => {
  it('k = 16 at 8 bits is 16 + 8 bytes', () => {
    expect(CODE_HEADER_BYTES).toBe(8);
    expect(codeSizeBytes(16, 8)).toBe(24);
    expect(codeSizeBytes(16)).toBe(24);
  });

  it('packs bits tightly and rounds up to whole bytes', () => {
    expect(codeSizeBytes(2, 8)).toBe(10);
    expect(codeSizeBytes(16, 4)).toBe(16);
    expect(codeSizeBytes(3, 5)).toBe(10); // 15 bits → 2 bytes
    expect(codeSizeBytes(64, 8)).toBe(72);
    expect(codeSizeBytes(1, 16)).toBe(10);
  });

  it('refuses bad k or bits', () => {
    expect(() => codeSizeBytes(0, 8)).toThrow(/k must be a positive whole number/);
    expect(() => codeSizeBytes(2.5, 8)).toThrow(/k/);
    expect(() => codeSizeBytes(4, 0)).toThrow(/bits must be a whole number from 1 to 16/);
    expect(() => codeSizeBytes(4, 17)).toThrow(/bits/);
  });
});

describe('quantiseCode / dequantiseCode', () => {
  it('by hand: [0, 1, 0.5] at 2 bits → levels 0, 3, 2 packed as 00 11 10 00', () => {
    const q = quantiseCode(Float32Array.of(0, 1, 0.5), 2);
    expect(q).toMatchObject({ min: 0, max: 1, bits: 2, length: 3 });
    expect([...q.bytes]).toEqual([0b00111000]);
    const back = dequantiseCode(q);
    expect(back[0]).toBe(0);
    expect(back[1]).toBe(1);
    expect(back[2]).toBeCloseTo(2 / 3, 6);
  });

  it('round-trip error ≤ (max − min) / (2^bits − 1) / 2 on random codes, all widths', () => {
    const random = mulberry32(61);
    for (let bits = 1; bits <= 16; bits++) {
      for (const k of [1, 2, 3, 7, 16, 33, 64]) {
        const code = Float32Array.from({ length: k }, () => (random() - 0.3) * 20);
        const q = quantiseCode(code, bits);
        expect(q.bytes.length).toBe(codeSizeBytes(k, bits) - CODE_HEADER_BYTES);
        const back = dequantiseCode(q);
        expect(back.length).toBe(k);
        const bound = (q.max - q.min) / (2 ** bits - 1) / 2;
        // Slack for the float32 result (≈ 6e-8 relative to values up to 14).
        for (let i = 0; i < k; i++) expect(Math.abs(back[i]! - code[i]!)).toBeLessThanOrEqual(bound + 2e-6);
      }
    }
  });

  it('8 bits: min and max come back exactly, and the error shrinks 2× per extra bit', () => {
    const random = mulberry32(62);
    const code = Float32Array.from({ length: 256 }, () => random() * 4 - 2);
    const back = dequantiseCode(quantiseCode(code, 8));
    const iMin = code.indexOf(Math.min(...code));
    const iMax = code.indexOf(Math.max(...code));
    expect(back[iMin]).toBe(code[iMin]);
    expect(back[iMax]).toBeCloseTo(code[iMax]!, 6);
    const maxErr = (bits: number) => {
      const b = dequantiseCode(quantiseCode(code, bits));
      return Math.max(...code.map((v, i) => Math.abs(v - b[i]!)));
    };
    expect(maxErr(4) / maxErr(5)).toBeGreaterThan(1.5);
    expect(maxErr(8)).toBeLessThan(4 / 255 / 2 + 1e-6);
  });

  it('a constant code round-trips exactly; min/max are stored as float32', () => {
    expect(dequantiseCode(quantiseCode(Float32Array.of(0.3, 0.3, 0.3)))).toEqual(Float32Array.of(0.3, 0.3, 0.3));
    const q = quantiseCode([0.1, 0.7]);
    expect(q.min).toBe(Math.fround(0.1));
    expect(q.max).toBe(Math.fround(0.7));
  });

  it('refuses bad codes and inconsistent quantised data', () => {
    expect(() => quantiseCode([])).toThrow(/empty code/);
    expect(() => quantiseCode([0, NaN])).toThrow(/value 1 is not a finite number/);
    expect(() => quantiseCode([0, Infinity])).toThrow(/value 1/);
    expect(() => quantiseCode([0, 1], 0)).toThrow(/bits/);
    const q = quantiseCode(Float32Array.of(0, 1, 2, 3), 8);
    expect(() => dequantiseCode({ ...q, bytes: q.bytes.subarray(1) })).toThrow(/need 4 bytes, got 3/);
    expect(() => dequantiseCode({ ...q, min: 5 })).toThrow(/min ≤ max/);
    expect(() => dequantiseCode({ ...q, length: 0 })).toThrow(/length/);
  });
});
