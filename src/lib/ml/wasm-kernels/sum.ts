/**
 * Sum for tfjs-backend-wasm over leading axes, replacing its built-in kernel for that case. In the
 * course CNN's training step every bias gradient is such a sum: the conv bias over batch, height
 * and width of a [64, 26, 26, 64] gradient. WASM's own Sum reduces only innermost axes, so it
 * transposes the whole tensor first (about 29 ms of a ~200 ms step). Summing rows of the
 * tensor seen as [outer, inner] is one sequential pass over the WASM heap instead (heap-loops.ts,
 * its columns shared out over every core). Accumulates
 * in float64 and rounds once, so it is at least as exact as the original. Every other case
 * (other axes, other dtypes) goes to WASM's own kernel.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { floatOffset, replacingKernelConfig, runLoop } from './kernel-calls';

interface SumArgs { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: { axis: number | number[]; keepDims: boolean } }

/** The number of leading axes `axis` names, when it names exactly axes 0 … k−1 (k < rank); else 0. */
export function leadingAxes(axis: number | number[], rank: number): number {
  const axes = [...new Set(util.parseAxisParam(axis, Array.from({ length: rank }, () => 1)))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= rank) return 0;
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

export function sumWasm(args: SumArgs, fallback?: KernelFunc): TensorInfo {
  const { inputs: { x }, backend, attrs } = args;
  const k = x.dtype === 'float32' ? leadingAxes(attrs.axis, x.shape.length) : 0;
  if (k === 0) {
    if (!fallback) throw new Error('WASM Sum: only float32 sums over leading axes are handled here');
    return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const outer = util.sizeFromShape(x.shape.slice(0, k));
  const innerShape = x.shape.slice(k);
  const inner = util.sizeFromShape(innerShape);
  const outShape = attrs.keepDims ? [...x.shape.slice(0, k).map(() => 1), ...innerShape] : innerShape;
  const out = backend.makeOutput(outShape, 'float32');
  runLoop(backend, 'sumRows', [floatOffset(backend, x), floatOffset(backend, out), outer, inner], outer * inner);
  return out;
}

/** The kernel config; `original` (WASM's own Sum) handles everything else. */
export function sumWasmConfig(original?: KernelConfig): KernelConfig {
  return replacingKernelConfig('Sum', sumWasm, original);
}
