import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, useCpuBackend } from '../helpers/compare';
import { convolve3x3, convolvePixel, type GrayImage, type Kernel3x3 } from '../../../src/lib/math/conv2d';
import { KERNEL_PRESETS } from '../../../src/lib/math/kernel-presets';
import { mulberry32 } from '../../../src/lib/ml/random';

function randomImage(width: number, height: number, random: () => number): GrayImage & { pixels: Float32Array } {
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(random() * 256);
  return { width, height, pixels };
}

function randomKernel(random: () => number): Kernel3x3 {
  return Array.from({ length: 9 }, () => Math.round((random() * 4 - 2) * 100) / 100) as unknown as Kernel3x3;
}

/** The same convolution through tfjs: NHWC input [1, h, w, 1], filter [3, 3, 1, 1], stride 1, 'same' padding. */
function tfConvolve(image: GrayImage, kernel: Kernel3x3): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(Array.from(image.pixels), [1, image.height, image.width, 1]);
    const k = tf.tensor4d([...kernel], [3, 3, 1, 1]);
    return tf.conv2d(x, k, 1, 'same').dataSync() as Float32Array;
  });
}

useCpuBackend();

describe('convolve3x3 and convolvePixel agree with tf.conv2d (same padding)', () => {
  const sizes: [number, number][] = [[1, 1], [3, 5], [5, 3], [28, 28], [64, 48]];
  for (const [w, h] of sizes) {
    it(`${w}×${h}, random kernels`, () => {
      const random = mulberry32(w * 1000 + h);
      for (let trial = 0; trial < 4; trial++) {
        const image = randomImage(w, h, random);
        const kernel = randomKernel(random);
        const expected = tfConvolve(image, kernel);
        const fast = convolve3x3(image, kernel);
        expect(maxAbsDiff(fast, expected)).toBeLessThan(1e-3);
        const slow = new Float32Array(w * h);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) slow[y * w + x] = convolvePixel(image, kernel, x, y);
        expect(maxAbsDiff(slow, expected)).toBeLessThan(1e-3);
      }
    });
  }

  it('every preset on a 28×28 image', () => {
    const random = mulberry32(7);
    const image = randomImage(28, 28, random);
    for (const preset of KERNEL_PRESETS) {
      expect(maxAbsDiff(convolve3x3(image, preset.kernel), tfConvolve(image, preset.kernel)), preset.id).toBeLessThan(1e-3);
    }
  });

  it('is not flipped: a kernel with one weight picks one neighbour, as tf.conv2d does', () => {
    const image: GrayImage = { width: 3, height: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
    const topLeftOnly: Kernel3x3 = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    // The centre output takes the upper-left input (1); corners outside the image count 0.
    expect(convolvePixel(image, topLeftOnly, 1, 1)).toBe(1);
    expect(Array.from(convolve3x3(image, topLeftOnly))).toEqual(Array.from(tfConvolve(image, topLeftOnly)));
  });

  it('reuses the output buffer when its size fits, and not otherwise', () => {
    const image = randomImage(4, 4, mulberry32(3));
    const out = new Float32Array(16);
    expect(convolve3x3(image, [0, 0, 0, 0, 1, 0, 0, 0, 0], out)).toBe(out);
    expect(convolve3x3(image, [0, 0, 0, 0, 1, 0, 0, 0, 0], new Float32Array(5))).toHaveLength(16);
  });

  it('a detector catches a wrong result (the comparison can fail)', () => {
    const image = randomImage(8, 8, mulberry32(11));
    const kernel = randomKernel(mulberry32(12));
    const wrong = convolve3x3(image, kernel);
    wrong[17] = wrong[17]! + 0.01;
    expect(maxAbsDiff(wrong, tfConvolve(image, kernel))).toBeGreaterThan(1e-3);
  });
});
