// The WASM conv-gradient kernels against tfjs's CPU backend (the reference): dx and dW of
// conv2d on random shapes, strides, paddings, channel counts and batches, computed with
// tf.grads on both backends from the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels, unregisterWasmConvKernels, wasmCanTrainConv } from '../../../src/lib/ml/wasm-kernels';
import { mulberry32 } from '../../../src/lib/ml/random';
import { relativeError } from './wasm-kernels-helpers';

type Pad = 'same' | 'valid' | number;
interface Case { batch: number; height: number; width: number; inChannels: number; outChannels: number; kernel: [number, number]; stride: number | [number, number]; pad: Pad }

function randomValues(count: number, random: () => number): Float32Array {
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

/** dx [batch, height, width, inChannels] and dW [kh, kw, inChannels, outChannels] of Σ conv2d(x, W) · dy on `backend`. */
async function convGrads(backend: string, c: Case, x: Float32Array, w: Float32Array, seed: number): Promise<{ dx: Float32Array; dW: Float32Array; leaked: number }> {
  expect(await tf.setBackend(backend)).toBe(true);
  const before = tf.memory().numTensors;
  const [dx, dW] = tf.tidy(() => {
    const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]);
    const ws = tf.tensor4d(w, [...c.kernel, c.inChannels, c.outChannels]);
    const outShape = tf.conv2d(xs, ws, c.stride, c.pad).shape;
    const dy = tf.tensor(randomValues(outShape.reduce((a, b) => a * b, 1), mulberry32(seed)), outShape);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad).mul(dy).sum();
    return tf.grads(f)([xs, ws]);
  });
  const result = { dx: (await dx!.data()) as Float32Array, dW: (await dW!.data()) as Float32Array };
  tf.dispose([dx!, dW!]);
  return { ...result, leaked: tf.memory().numTensors - before };
}

/** Random but reproducible shapes: non-square, batch > 1, 1–16 channels, kernels 1–5, all stride/padding variants. */
function randomCases(count: number, seed: number): Case[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const strides: Array<number | [number, number]> = [1, 2, 1, 2, [1, 2], [2, 1], 3];
  return Array.from({ length: count }, (_, i) => {
    const height = 5 + Math.floor(random() * 12);
    const width = height + 1 + Math.floor(random() * 6); // never square
    const k = pick([1, 2, 3, 3, 5]);
    return {
      batch: 2 + Math.floor(random() * 3), height, width,
      inChannels: pick([1, 3, 8]), outChannels: pick([1, 4, 16]),
      kernel: [k, i % 3 === 0 ? Math.max(1, k - 1) : k], // some rectangular kernels too
      stride: strides[i % strides.length]!, pad: i % 2 === 0 ? 'same' : 'valid',
    };
  });
}

const TOLERANCE = 1e-4;

describe('WASM conv-gradient kernels', () => {
  beforeAll(() => registerWasmConvKernels());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('are needed: without them WASM cannot take a conv2d filter gradient', async () => {
    unregisterWasmConvKernels();
    try {
      expect(wasmCanTrainConv()).toBe(false);
      await tf.setBackend('wasm');
      expect(() => tf.tidy(() => tf.grad((w: tf.Tensor) => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 1]))))
        .toThrow(/Conv2DBackpropFilter/);
    } finally {
      registerWasmConvKernels();
    }
    expect(wasmCanTrainConv()).toBe(true);
  });

  const cases: Case[] = [
    // The course CNN's two layers (valid 3×3, stride 1), small batches.
    { batch: 3, height: 28, width: 28, inChannels: 1, outChannels: 64, kernel: [3, 3], stride: 1, pad: 'valid' },
    { batch: 2, height: 13, width: 13, inChannels: 64, outChannels: 64, kernel: [3, 3], stride: 1, pad: 'valid' },
    // Stride that does not divide the input: the last rows/columns are never reached.
    { batch: 2, height: 10, width: 13, inChannels: 3, outChannels: 5, kernel: [3, 4], stride: 2, pad: 'valid' },
    // Explicit padding larger than the kernel: the input gradient falls back to WASM's own kernel.
    { batch: 2, height: 6, width: 7, inChannels: 2, outChannels: 3, kernel: [2, 2], stride: 1, pad: 2 },
    ...randomCases(14, 2026),
  ];

  for (const [i, c] of cases.entries()) {
    const label = `${c.batch}×${c.height}×${c.width}×${c.inChannels} ⊛ ${c.kernel.join('×')}×${c.outChannels}, stride ${String(c.stride)}, pad ${String(c.pad)}`;
    it(`match the CPU backend: ${label}`, async () => {
      const random = mulberry32(100 + i);
      const x = randomValues(c.batch * c.height * c.width * c.inChannels, random);
      const w = randomValues(c.kernel[0] * c.kernel[1] * c.inChannels * c.outChannels, random);
      const reference = await convGrads('cpu', c, x, w, 7 + i);
      const wasm = await convGrads('wasm', c, x, w, 7 + i);
      expect(wasm.dx.length).toBe(reference.dx.length);
      expect(wasm.dW.length).toBe(reference.dW.length);
      expect(reference.dW.some((v) => v !== 0)).toBe(true);
      expect(relativeError(wasm.dx, reference.dx)).toBeLessThan(TOLERANCE);
      expect(relativeError(wasm.dW, reference.dW)).toBeLessThan(TOLERANCE);
      expect(wasm.leaked).toBe(0);
    });
  }
});

interface PoolCase { batch: number; height: number; width: number; channels: number; size: number | [number, number]; stride: number | [number, number]; pad: 'same' | 'valid' }

describe('WASM MaxPoolGrad kernel', () => {
  beforeAll(() => registerWasmConvKernels());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  /** dx of Σ maxPool(x) · dy on `backend`. */
  async function poolGrad(backend: string, c: PoolCase, x: Float32Array, seed: number): Promise<{ dx: Float32Array; leaked: number }> {
    expect(await tf.setBackend(backend)).toBe(true);
    const before = tf.memory().numTensors;
    const dx = tf.tidy(() => {
      const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.channels]);
      const outShape = tf.maxPool(xs, c.size, c.stride, c.pad).shape;
      const dy = tf.tensor(randomValues(outShape.reduce((a, b) => a * b, 1), mulberry32(seed)), outShape);
      return tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, c.size, c.stride, c.pad).mul(dy).sum())(xs);
    });
    const values = (await dx.data()) as Float32Array;
    dx.dispose();
    return { dx: values, leaked: tf.memory().numTensors - before };
  }

  const poolCases: PoolCase[] = [
    { batch: 3, height: 26, width: 26, channels: 64, size: 2, stride: 2, pad: 'valid' }, // the course CNN's first pool
    { batch: 2, height: 11, width: 11, channels: 64, size: 2, stride: 2, pad: 'valid' }, // its second (odd size: last row unused)
    { batch: 2, height: 7, width: 9, channels: 3, size: 3, stride: 1, pad: 'same' }, // overlapping windows add up
    { batch: 2, height: 8, width: 5, channels: 5, size: [3, 2], stride: [2, 1], pad: 'same' },
    { batch: 3, height: 9, width: 10, channels: 1, size: 2, stride: 3, pad: 'valid' }, // gaps between windows
    { batch: 2, height: 6, width: 11, channels: 4, size: 3, stride: 2, pad: 'same' },
    { batch: 2, height: 7, width: 9, channels: 3, size: 2, stride: 2, pad: 'same' }, // 2×2 windows past the last row and column
  ];
  for (const [i, c] of poolCases.entries()) {
    for (const ties of [false, true]) {
      it(`matches the CPU backend: ${c.batch}×${c.height}×${c.width}×${c.channels}, window ${String(c.size)}, stride ${String(c.stride)}, ${c.pad}${ties ? ', many ties' : ''}`, async () => {
        const random = mulberry32(500 + i);
        // Ties: values from {-1, 0, 1}, so most windows have several maxima and the first must win, as on CPU.
        const x = Float32Array.from(randomValues(c.batch * c.height * c.width * c.channels, random), (v) => (ties ? Math.round(v) : v));
        const reference = await poolGrad('cpu', c, x, 9 + i);
        const wasm = await poolGrad('wasm', c, x, 9 + i);
        expect(reference.dx.some((v) => v !== 0)).toBe(true);
        expect(relativeError(wasm.dx, reference.dx)).toBeLessThan(TOLERANCE);
        expect(wasm.leaked).toBe(0);
      });
    }
  }
});
