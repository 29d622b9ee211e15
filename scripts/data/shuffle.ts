// Seeded, dependency-free shuffling for the build: the same seed gives the same order on every
// machine and Node version, which makes shards (and their sha256) reproducible.

import { mulberry32, shuffledIndices } from '../../src/lib/ml/random';

/** FNV-1a, 32 bit: turns a readable seed string into a uint32. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A permutation of 0..n-1 by Fisher–Yates driven by mulberry32(seed): the training loop's shuffle. */
export function seededPermutation(n: number, seed: number): Uint32Array {
  return Uint32Array.from(shuffledIndices(n, mulberry32(seed)));
}
