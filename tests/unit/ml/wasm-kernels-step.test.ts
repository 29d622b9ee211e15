// The WASM kernels that speed up the rest of a training step, against tfjs's CPU backend:
// BatchMatMul with transposed operands, both ways of taking the filter gradient on every case,
// gradient inputs larger than the forward output, max pooling with NaNs, and Identity sharing
// memory. Each also checks that tf.memory() is back where it started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from '../../../src/lib/ml/wasm-kernels';
import { conv2dBackpropFilterWasmConfig, conv2dBackpropFilterWasmConfigUsing, IM2COL_MAX_TAPS, type FilterGradMethod } from '../../../src/lib/ml/wasm-kernels/conv2d-backprop-filter';
import { mulberry32 } from '../../../src/lib/ml/random';
import { relativeError } from './wasm-kernels-helpers';

const TOLERANCE = 1e-4;

function randomValues(count: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

/** Runs `f` on `backend`; returns its values and how many tensors and bytes it left behind. */
async function on(backend: string, f: () => tf.Tensor): Promise<{ values: Float32Array; shape: number[]; leakedTensors: number; leakedBytes: number }> {
  expect(await tf.setBackend(backend)).toBe(true);
  const before = tf.memory();
  const out = tf.tidy(f);
  const values = (await out.data()) as Float32Array;
  const shape = out.shape;
  out.dispose();
  const after = tf.memory();
  return { values, shape, leakedTensors: after.numTensors - before.numTensors, leakedBytes: after.numBytes - before.numBytes };
}

async function expectSameOnWasm(f: () => tf.Tensor): Promise<void> {
  const reference = await on('cpu', f);
  const wasm = await on('wasm', f);
  expect(wasm.shape).toEqual(reference.shape);
  expect(reference.values.some((v) => v !== 0)).toBe(true);
  expect(relativeError(wasm.values, reference.values)).toBeLessThan(TOLERANCE);
  expect(wasm.leakedTensors).toBe(0);
  expect(wasm.leakedBytes).toBe(0);
}

beforeAll(() => registerWasmConvKernels());
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('WASM BatchMatMul with transposed operands', () => {
  const shapes: Array<{ a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }> = [
    { a: [64, 1600], b: [64, 128], transposeA: true, transposeB: false }, // a dense layer's dW = xᵀ·dy
    { a: [64, 128], b: [1600, 128], transposeA: false, transposeB: true }, // its dx = dy·Wᵀ
    { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
    { a: [1, 9, 4], b: [1, 6, 9], transposeA: true, transposeB: true }, // rank 3, batch 1
    { a: [1, 9, 4], b: [9, 6], transposeA: true, transposeB: false }, // rank 3 by rank 2
    { a: [3, 5, 4], b: [3, 6, 4], transposeA: false, transposeB: true }, // batched: WASM's own kernel
    { a: [2, 1, 5, 4], b: [2, 3, 5, 6], transposeA: true, transposeB: false }, // broadcast batches
    { a: [6, 11], b: [11, 2], transposeA: false, transposeB: false }, // plain: WASM's own kernel
  ];
  for (const [i, s] of shapes.entries()) {
    it(`matches the CPU backend: ${s.a.join('×')}${s.transposeA ? 'ᵀ' : ''} · ${s.b.join('×')}${s.transposeB ? 'ᵀ' : ''}`, async () => {
      const a = randomValues(s.a.reduce((p, d) => p * d, 1), 40 + i);
      const b = randomValues(s.b.reduce((p, d) => p * d, 1), 80 + i);
      await expectSameOnWasm(() => tf.matMul(tf.tensor(a, s.a), tf.tensor(b, s.b), s.transposeA, s.transposeB));
    });
  }

  it('gives a dense layer the same gradients as on CPU', async () => {
    const x = randomValues(16 * 30, 1);
    const w = randomValues(30 * 12, 2);
    const grads = (): tf.Tensor => {
      const [dx, dW] = tf.grads((xs: tf.Tensor, ws: tf.Tensor) => tf.relu(tf.matMul(xs, ws)).square().sum())([tf.tensor2d(x, [16, 30]), tf.tensor2d(w, [30, 12])]);
      return tf.concat([dx!.flatten(), dW!.flatten()]);
    };
    await expectSameOnWasm(grads);
  });
});

describe('WASM Conv2DBackpropFilter, each way', () => {
  interface FilterCase { x: [number, number, number, number]; kernel: [number, number]; outChannels: number; stride: number | [number, number]; pad: 'same' | 'valid' | number }
  const cases: FilterCase[] = [
    { x: [3, 28, 28, 1], kernel: [3, 3], outChannels: 64, stride: 1, pad: 'valid' }, // the course CNN's first layer
    { x: [2, 13, 13, 8], kernel: [3, 3], outChannels: 16, stride: 1, pad: 'valid' },
    { x: [2, 9, 12, 1], kernel: [3, 2], outChannels: 5, stride: 2, pad: 'same' },
    { x: [2, 10, 13, 3], kernel: [3, 4], outChannels: 5, stride: 2, pad: 'valid' }, // the last rows are never reached
    { x: [2, 8, 7, 2], kernel: [5, 5], outChannels: 3, stride: [1, 2], pad: 'same' },
    { x: [3, 6, 7, 2], kernel: [2, 2], outChannels: 3, stride: 1, pad: 2 }, // padding larger than the kernel
    { x: [2, 11, 9, 1], kernel: [1, 1], outChannels: 4, stride: 3, pad: 'valid' },
  ];
  const methods: FilterGradMethod[] = ['im2col', 'conv'];
  afterAll(() => {
    tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
    tf.registerKernel(conv2dBackpropFilterWasmConfig);
  });

  for (const method of methods) {
    for (const [i, c] of cases.entries()) {
      it(`${method}: matches the CPU backend for ${c.x.join('×')} ⊛ ${c.kernel.join('×')}×${c.outChannels}, stride ${String(c.stride)}, pad ${String(c.pad)}`, async () => {
        tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
        tf.registerKernel(conv2dBackpropFilterWasmConfigUsing(method));
        const x = randomValues(c.x.reduce((p, d) => p * d, 1), 200 + i);
        const w = randomValues(c.kernel[0] * c.kernel[1] * c.x[3] * c.outChannels, 300 + i);
        await expectSameOnWasm(() => tf.grad((ws: tf.Tensor) => tf.conv2d(tf.tensor4d(x, c.x), ws as tf.Tensor4D, c.stride, c.pad).square().sum())(tf.tensor4d(w, [...c.kernel, c.x[3], c.outChannels])));
      });
    }
  }

  it('picks the matrix product for few taps only', () => {
    expect(IM2COL_MAX_TAPS).toBeGreaterThanOrEqual(9); // a 3×3 filter on grey pixels
    expect(IM2COL_MAX_TAPS).toBeLessThan(27); // not 3×3 on colour, where the threaded convolution draws level
  });
});

describe('WASM conv gradients given a dy larger than the forward output', () => {
  // Called directly (tf.conv2dTranspose passes its input as dy): only dy's top-left
  // [outHeight, outWidth] part belongs to the convolution, as tfjs's CPU kernel reads it.
  const x = randomValues(2 * 7 * 8 * 3, 11);
  const w = randomValues(3 * 3 * 3 * 4, 12);
  for (const stride of [1, 2]) {
    const out = stride === 1 ? [5, 6] : [3, 3]; // 'valid' output of 7×8
    const big = randomValues(2 * (out[0]! + 2) * (out[1]! + 3) * 4, 13 + stride);
    const dyShape: [number, number, number, number] = [2, out[0]! + 2, out[1]! + 3, 4];
    it(`Conv2DBackpropInput reads only the part that fits (stride ${stride})`, async () => {
      await expectSameOnWasm(() => tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(big, dyShape), filter: tf.tensor4d(w, [3, 3, 3, 4]) }, { strides: stride, pad: 'valid', dataFormat: 'NHWC', inputShape: [2, 7, 8, 3] }) as tf.Tensor);
    });
    it(`Conv2DBackpropFilter reads only the part that fits (stride ${stride})`, async () => {
      for (const method of ['im2col', 'conv'] as const) {
        tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
        tf.registerKernel(conv2dBackpropFilterWasmConfigUsing(method));
        await expectSameOnWasm(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, [2, 7, 8, 3]), dy: tf.tensor4d(big, dyShape) }, { strides: stride, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] }) as tf.Tensor);
      }
      tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
      tf.registerKernel(conv2dBackpropFilterWasmConfig);
    });
  }
});

describe('WASM MaxPoolGrad on 2×2 tiles', () => {
  it('gives no gradient to a window of NaNs and the first maximum otherwise, as on CPU', async () => {
    const x = randomValues(2 * 6 * 6 * 3, 21);
    for (let i = 0; i < x.length; i += 7) x[i] = Number.NaN;
    x.fill(Number.NaN, 0, 2 * 6 * 3); // the first two rows: whole windows of NaNs
    const dy = randomValues(2 * 3 * 3 * 3, 22);
    const f = (): tf.Tensor => tf.grad((xs: tf.Tensor) => tf.maxPool(xs as tf.Tensor4D, 2, 2, 'valid').mul(tf.tensor4d(dy, [2, 3, 3, 3])).sum())(tf.tensor4d(x, [2, 6, 6, 3]));
    await expectSameOnWasm(f);
  });
});

describe('WASM Identity', () => {
  it('shares the input\'s memory, which stays readable until the last tensor on it is disposed', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const backend = tf.backend();
    const before = { ...tf.memory(), dataIds: backend.numDataIds() };
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a); // runs Identity
    expect(tf.memory().numTensors - before.numTensors).toBe(2);
    expect(backend.numDataIds() - before.dataIds).toBe(1); // one buffer in the WASM heap, not two
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3]);
    b.dispose();
    expect(backend.numDataIds()).toBe(before.dataIds);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});
