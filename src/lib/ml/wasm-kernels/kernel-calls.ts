/**
 * Small helpers for kernels composed of other WASM kernels. A kernel runs below tfjs's op
 * layer: it receives and returns TensorInfos (a dataId plus a shape) and must free every
 * intermediate it makes itself, so these call the registered WASM kernel functions directly
 * rather than tf ops (which would make tracked tensors and tape entries inside a kernel).
 */
import { backend_util, getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type Shape4D = [number, number, number, number];

/** The attributes tfjs passes both conv-gradient kernels (Conv2DBackpropFilter, Conv2DBackpropInput). */
export interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * A WASM kernel config that runs `impl` in place of WASM's own kernel `original`, handing
 * `impl` the original's function for the cases it does not handle.
 */
export function replacingKernelConfig<Args>(kernelName: string, impl: (args: Args, fallback?: KernelFunc) => TensorInfo, original?: KernelConfig): KernelConfig {
  const config: KernelConfig = {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ((args: Args) => impl(args, original?.kernelFunc)) as unknown as KernelFunc,
  };
  // The original's setup binds its C++ function; keep it so the fallback works on any backend instance.
  if (original?.setupFunc) config.setupFunc = original.setupFunc;
  return config;
}

/** Runs the registered WASM kernel `name`; the caller owns (and must dispose) the output. */
export function runWasmKernel(name: string, backend: BackendWasm, inputs: NamedTensorInfoMap, attrs: object = {}): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`WASM kernel '${name}' is not registered`);
  const out = kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap });
  if (Array.isArray(out)) throw new Error(`WASM kernel '${name}' returned several outputs`);
  return out;
}

/** The same data seen with another shape (same element count, row-major): no copy, no new dataId. */
export function view(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel('Transpose', backend, { x }, { perm });
}

/** Crops `x` to `size` from the origin; returns `x` itself when nothing needs cropping. */
export function cropToSize(backend: BackendWasm, x: TensorInfo, size: number[]): TensorInfo {
  if (size.every((s, i) => s === x.shape[i])) return x;
  return runWasmKernel('Slice', backend, { x }, { begin: size.map(() => 0), size });
}

/** Frees intermediates; skips the ones in `keep` (a helper may have returned its input). */
export function release(backend: BackendWasm, infos: TensorInfo[], keep: TensorInfo[] = []): void {
  const kept = new Set(keep.map((k) => k.dataId));
  const done = new Set<object>();
  for (const info of infos) {
    if (kept.has(info.dataId) || done.has(info.dataId)) continue;
    done.add(info.dataId);
    backend.disposeData(info.dataId);
  }
}

/**
 * A [rows, columns] float32 matrix transposed to a new [columns, rows] tensor: a plain loop
 * that reads in order and writes `columns` interleaved streams. WASM's own Transpose took
 * 10–14 ms for the course CNN's [43264, 64] gradient here; this takes about 4.
 */
export function transposeMatrix(backend: BackendWasm, x: TensorInfo, rows: number, columns: number): TensorInfo {
  const out = backend.makeOutput([columns, rows], 'float32');
  // Views only after every allocation: growing WASM memory replaces the buffer under older views.
  const source = backend.typedArrayFromHeap(x) as Float32Array;
  const target = backend.typedArrayFromHeap(out) as Float32Array;
  for (let r = 0, from = 0; r < rows; r++) {
    for (let c = 0, to = r; c < columns; c++, from++, to += rows) target[to] = source[from]!;
  }
  return out;
}
