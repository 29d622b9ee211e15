// Seeded, dependency-free shuffling for the build: the same seed gives the same order on every
// machine and Node version, which makes shards (and their sha256) reproducible.

import { mulberry32 } from '../../src/lib/ml/random';

export { mulberry32 };

/** FNV-1a, 32 bit: turns a readable seed string into a uint32. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A permutation of 0..n-1 by Fisher–Yates driven by mulberry32(seed). */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
