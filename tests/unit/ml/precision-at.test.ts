import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { meanPrecisionAt } from '../../../src/lib/math/nearest';
import { meanPrecisionAtTensors } from '../../../src/lib/ml/precision-at';
import { mulberry32 } from '../../../src/lib/ml/random';

// The tensor version must give the figure the plain brute-force scan gives.
describe('meanPrecisionAtTensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('equals the brute-force mean precision@k on random clustered data, cosine and Euclidean, and frees its tensors', async () => {
    const random = mulberry32(7);
    const count = 600;
    const dims = 12;
    const labels = Uint8Array.from({ length: count }, () => Math.floor(random() * 5));
    // Class centres plus noise, so precision is neither 0 nor 1.
    const centres = Array.from({ length: 5 }, () => Array.from({ length: dims }, () => random() * 2 - 1));
    const rows = Float32Array.from({ length: count * dims }, (_, i) => centres[labels[Math.floor(i / dims)]!]![i % dims]! + (random() - 0.5) * 2.2);
    const before = tf.memory().numTensors;
    for (const metric of ['cosine', 'euclidean'] as const) {
      const queries = Array.from({ length: 300 }, (_, i) => i);
      const slow = meanPrecisionAt({ data: rows, count, dims }, labels, queries, 10, metric);
      const fast = await meanPrecisionAtTensors(rows, count, dims, labels, 300, 10, metric);
      expect(slow).toBeGreaterThan(0.3);
      expect(slow).toBeLessThan(0.95);
      expect(fast).toBeCloseTo(slow, 4);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves each query out of its own hits', async () => {
    // Two rows of class 0 and two of class 1, each pair identical: each query's only other
    // same-class row is its twin, so precision@1 is 1, and would be too if the query counted itself.
    const rows = Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]);
    expect(await meanPrecisionAtTensors(rows, 4, 2, [0, 0, 1, 1], 4, 1, 'euclidean')).toBe(1);
    // With k = 2 the second hit must be of the other class (self excluded): precision 0.5.
    expect(await meanPrecisionAtTensors(rows, 4, 2, [0, 0, 1, 1], 4, 2, 'euclidean')).toBe(0.5);
    expect(await meanPrecisionAtTensors(rows, 4, 2, [0, 0, 1, 1], 4, 2, 'cosine')).toBe(0.5);
  });
});
