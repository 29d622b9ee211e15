import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';

/** Largest |a[i] − b[i]|; fails first if the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Runs the file's tf reference ops on the CPU backend, the oracle for our plain-TS maths. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    await tf.ready();
  });
}
