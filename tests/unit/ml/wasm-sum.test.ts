// The WASM Sum over leading axes (the bias gradients of conv and dense layers) against tfjs's CPU
// backend, and the cases it hands back to WASM's own Sum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from '../../../src/lib/ml/wasm-kernels';
import { leadingAxes } from '../../../src/lib/ml/wasm-kernels/sum';
import { mulberry32 } from '../../../src/lib/ml/random';

async function sumOn(backend: string, values: Float32Array | Int32Array, shape: number[], axis: number | number[], keepDims: boolean): Promise<{ out: number[]; shape: number[]; leaked: number }> {
  expect(await tf.setBackend(backend)).toBe(true);
  const before = tf.memory().numTensors;
  const result = tf.tidy(() => tf.sum(tf.tensor(values, shape, values instanceof Int32Array ? 'int32' : 'float32'), axis, keepDims));
  const out = { out: Array.from(await result.data()), shape: result.shape };
  result.dispose();
  return { ...out, leaked: tf.memory().numTensors - before };
}

describe('WASM Sum over leading axes', () => {
  beforeAll(() => registerWasmConvKernels());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('recognises leading axes only', () => {
    expect(leadingAxes([0, 1, 2], 4)).toBe(3);
    expect(leadingAxes([2, 0, 1], 4)).toBe(3);
    expect(leadingAxes(0, 2)).toBe(1);
    expect(leadingAxes([-4, -3], 4)).toBe(2);
    expect(leadingAxes([1, 2], 4)).toBe(0);
    expect(leadingAxes([0, 1, 2, 3], 4)).toBe(0); // everything: WASM's own kernel
    expect(leadingAxes([0, 2], 4)).toBe(0);
  });

  const cases: Array<{ shape: number[]; axis: number | number[]; keepDims: boolean }> = [
    { shape: [64, 26, 26, 64], axis: [0, 1, 2], keepDims: false }, // the course CNN's first conv bias
    { shape: [64, 11, 11, 64], axis: [0, 1, 2], keepDims: true },
    { shape: [64, 128], axis: 0, keepDims: false }, // a dense bias
    { shape: [3, 5, 7], axis: [-3, -2], keepDims: false },
    { shape: [7, 1, 9], axis: [1, 0], keepDims: true },
    { shape: [4, 6, 5], axis: [1, 2], keepDims: false }, // trailing axes: WASM's own kernel
    { shape: [4, 6, 5], axis: [0, 2], keepDims: true }, // not contiguous: WASM's own kernel
    { shape: [4, 6, 5], axis: [0, 1, 2], keepDims: false }, // all of it: WASM's own kernel
  ];
  it.each(cases)('matches the CPU backend: $shape over $axis (keepDims $keepDims)', async ({ shape, axis, keepDims }) => {
    const random = mulberry32(shape.reduce((a, b) => a * 31 + b, 7));
    const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1);
    const cpu = await sumOn('cpu', values, shape, axis, keepDims);
    const wasm = await sumOn('wasm', values, shape, axis, keepDims);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(wasm.leaked).toBe(0);
    const scale = Math.max(1, ...cpu.out.map(Math.abs));
    for (let i = 0; i < cpu.out.length; i++) expect(Math.abs(wasm.out[i]! - cpu.out[i]!) / scale).toBeLessThan(1e-4);
  });

  it('leaves integer sums to WASM\'s own kernel, exactly', async () => {
    const values = Int32Array.from({ length: 24 }, (_, i) => i * 3 - 20);
    const cpu = await sumOn('cpu', values, [4, 6], 0, false);
    const wasm = await sumOn('wasm', values, [4, 6], 0, false);
    expect(wasm.out).toEqual(cpu.out);
  });

  it('gives the course CNN\'s conv bias gradient through tf.grads', async () => {
    const random = mulberry32(3);
    const dyValues = Float32Array.from({ length: 2 * 26 * 26 * 8 }, () => random() * 2 - 1);
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const g = tf.tidy(() => {
        const x = tf.ones([2, 28, 28, 1]) as tf.Tensor4D;
        const w = tf.ones([3, 3, 1, 8]) as tf.Tensor4D;
        const dy = tf.tensor4d(dyValues, [2, 26, 26, 8]);
        return tf.grad((b: tf.Tensor) => tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad: 'valid' }).mul(dy).sum())(tf.zeros([8]));
      });
      const out = Array.from(await g.data());
      g.dispose();
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    for (let i = 0; i < 8; i++) expect(Math.abs(wasm[i]! - cpu[i]!)).toBeLessThan(1e-3);
  });
});
