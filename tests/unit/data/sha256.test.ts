import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexSync } from '../../../src/lib/data/sha256';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  it('matches node:crypto for lengths around the padding boundaries', async () => {
    for (const length of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 70_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) % 256);
      expect(sha256HexSync(bytes), `length ${length}`).toBe(reference(bytes));
      expect(await sha256Hex(bytes), `length ${length}`).toBe(reference(bytes));
    }
  });

  it('gives the published digest of "abc"', () => {
    expect(sha256HexSync(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
