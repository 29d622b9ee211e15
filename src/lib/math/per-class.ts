/**
 * The first `perClass` examples of each class, in their original order: the labelled subset of a
 * few-labels experiment. Deterministic, so the same request always trains on the same images
 * (and a cache of their features stays valid).
 */
export function firstPerClass(labels: ArrayLike<number>, perClass: number, classes = 10): Int32Array {
  if (!Number.isInteger(perClass) || perClass < 1) throw new Error(`Labels per class must be a whole number of at least 1, got ${perClass}.`);
  const taken = new Array<number>(classes).fill(0);
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0 || c >= classes || !Number.isInteger(c)) throw new Error(`Label ${c} at ${i} is not a class 0…${classes - 1}.`);
    if (taken[c]! < perClass) {
      taken[c]!++;
      out.push(i);
    }
  }
  return Int32Array.from(out);
}

/** How many examples of each class a label list holds. */
export function classCounts(labels: ArrayLike<number>, classes = 10): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}
