/**
 * BatchMatMul for tfjs-backend-wasm, replacing its built-in kernel for transposed operands.
 * WASM sends only a plain a·b (one matrix each, neither transposed) to XNNPACK's fully
 * connected operator; every other case runs a blocked scalar loop. A dense layer's gradients
 * are exactly those cases (dW = xᵀ·dy, dx = dy·Wᵀ): in the course CNN's training step they
 * took 23 of ~150 ms, where the forward a·b of the same sizes takes about 1. Transposing the
 * operand first (a copy of one matrix) and handing a plain a·b to WASM's own kernel costs a
 * few ms instead. Batched and broadcast products go to WASM's own kernel as before.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, replacingKernelConfig, transpose, view } from './kernel-calls';

interface BatchMatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean };
}

/** The matrix a batched operand holds when its batch dimensions multiply to 1, as [rows, columns]; else null. */
function singleMatrix(x: TensorInfo): [number, number] | null {
  const rank = x.shape.length;
  if (rank < 2 || util.sizeFromShape(x.shape.slice(0, -2)) !== 1) return null;
  return [x.shape[rank - 2]!, x.shape[rank - 1]!];
}

/** The same matrix transposed, as a new [columns, rows] tensor. */
function transposed(backend: BackendWasm, x: TensorInfo, [rows, columns]: [number, number]): TensorInfo {
  return view(transpose(backend, view(x, [rows, columns]), [1, 0]), [1, columns, rows]);
}

export function batchMatMulWasm(args: BatchMatMulArgs, fallback?: KernelFunc): TensorInfo {
  const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
  if (!fallback) throw new Error('WASM BatchMatMul: the built-in kernel is needed to multiply');
  const run = (inputs: BatchMatMulArgs['inputs'], attrs: BatchMatMulArgs['attrs']): TensorInfo =>
    fallback({ inputs, backend, attrs } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const aMatrix = singleMatrix(a);
  const bMatrix = singleMatrix(b);
  if (!(transposeA || transposeB) || !aMatrix || !bMatrix || a.dtype !== 'float32' || b.dtype !== 'float32') return run(args.inputs, args.attrs);
  const plainA = transposeA ? transposed(backend, a, aMatrix) : a;
  const plainB = transposeB ? transposed(backend, b, bMatrix) : b;
  const product = run({ a: plainA, b: plainB }, { transposeA: false, transposeB: false });
  release(backend, [plainA, plainB], [a, b]);
  // The transposed operand is a rank-3 view [1, columns, rows], so WASM's kernel reports a leading 1;
  // tfjs expects as many leading 1s as the inputs' rank asks for.
  const rank = Math.max(a.shape.length, b.shape.length);
  return view(product, [...Array.from({ length: rank - 2 }, () => 1), ...product.shape.slice(-2)]);
}

/** The kernel config; `original` (WASM's own kernel) does the multiplying. */
export function batchMatMulWasmConfig(original?: KernelConfig): KernelConfig {
  return replacingKernelConfig('BatchMatMul', batchMatMulWasm, original);
}
