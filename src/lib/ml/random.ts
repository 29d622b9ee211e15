/**
 * Seeded randomness, so a training run can be reproduced exactly.
 *
 * One integer seed drives everything random in a run:
 * - weight initialisation: each layer gets its own seed from `deriveSeed(seed, layerIndex)`,
 *   passed to tfjs initialisers (`glorotUniform({ seed })`);
 * - the order of examples: epoch e is shuffled with `mulberry32(deriveSeed(seed, 'epoch', e))`,
 *   so resuming at epoch e needs no saved state and gives the same order as an uninterrupted run.
 * Same seed + same backend + same data → the same loss curve. Different backends round
 * differently, so curves match only within one backend.
 */

/** mulberry32: a tiny, fast 32-bit PRNG. Returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with labels/numbers into a new 32-bit seed (FNV-1a over the parts). */
export function deriveSeed(seed: number, ...parts: Array<string | number>): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const part of parts) {
    const text = `|${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  // One round of mulberry32 spreads nearby seeds apart.
  return Math.floor(mulberry32(h)() * 4294967296) >>> 0;
}

/** 0…n−1 in a random order (Fisher–Yates), as an Int32Array ready for tf.tensor1d(…, 'int32'). */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

/** A random seed for when the reader does not pick one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
