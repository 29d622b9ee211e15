import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/lib/data/loader';
import { toTensors } from '../../../src/lib/data/tensors';

function set(count: number): ImageSet {
  return {
    dataset: 'mnist',
    split: 'test',
    count,
    width: 28,
    height: 28,
    images: Uint8Array.from({ length: count * 784 }, (_, i) => (i * 13) % 256),
    labels: Uint8Array.from({ length: count }, (_, k) => (k * 3) % 10),
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('toTensors', () => {
  it('gives xs [n, 28, 28, 1] in [0, 1] and one-hot ys [n, 10]', async () => {
    const data = set(6);
    const { xs, ys } = toTensors(data);
    expect(xs.shape).toEqual([6, 28, 28, 1]);
    expect(xs.dtype).toBe('float32');
    expect(ys.shape).toEqual([6, 10]);
    expect(ys.dtype).toBe('float32');
    const x = await xs.data();
    for (let i = 0; i < x.length; i++) expect(x[i]).toBeCloseTo(data.images[i]! / 255, 6);
    const y = (await ys.array()) as number[][];
    y.forEach((row, k) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      expect(row.indexOf(1)).toBe(data.labels[k]);
    });
    // Pixel (row 3, column 5) of image 2 lands at xs[2, 3, 5, 0].
    const pixel = xs.slice([2, 3, 5, 0], [1, 1, 1, 1]);
    expect((await pixel.data())[0]).toBeCloseTo(data.images[2 * 784 + 3 * 28 + 5]! / 255, 6);
    tf.dispose([xs, ys, pixel]);
  });

  it('converts a range and leaves no tensors behind once disposed', async () => {
    const before = tf.memory().numTensors;
    const data = set(10);
    const { xs, ys } = toTensors(data, 4, 7);
    expect(xs.shape).toEqual([3, 28, 28, 1]);
    const classes = ys.argMax(1);
    expect(await classes.array()).toEqual([2, 5, 8]);
    expect(tf.memory().numTensors).toBe(before + 3); // xs, ys, classes: no intermediate left over
    tf.dispose([xs, ys, classes]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => toTensors(data, 5, 11)).toThrow(RangeError);
    expect(() => toTensors(data, 6, 5)).toThrow(RangeError);
  });
});
