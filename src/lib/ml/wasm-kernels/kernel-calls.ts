/**
 * Small helpers for kernels composed of other WASM kernels. A kernel runs below tfjs's op
 * layer: it receives and returns TensorInfos (a dataId plus a shape) and must free every
 * intermediate it makes itself, so these call the registered WASM kernel functions directly
 * rather than tf ops (which would make tracked tensors and tape entries inside a kernel).
 */
import { backend_util, getKernel, type KernelConfig, type KernelFunc, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import { getThreadsCount, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { HeapLoopName } from './heap-loops';
import { runHeapLoop } from './heap-pool';

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

/** The WASM heap as floats, its memory (shared when WASM has threads) and WASM's thread count. */
export interface Heap { floats: Float32Array; memory: WebAssembly.Memory | undefined; threads: number }

/** Call after every allocation of the kernel: growing WASM memory replaces the buffer under older views. */
export function heapOf(backend: BackendWasm): Heap {
  const wasm = backend.wasm as unknown as { wasmMemory?: WebAssembly.Memory; HEAPU8: Uint8Array };
  const memory = wasm.wasmMemory;
  return { floats: new Float32Array(memory?.buffer ?? wasm.HEAPU8.buffer), memory, threads: getThreadsCount() };
}

/** Where a float32 tensor's data starts in the heap, in floats. */
export function floatOffset(backend: BackendWasm, info: TensorInfo): number {
  return (backend.dataIdMap.get(info.dataId) as { memoryOffset: number }).memoryOffset / 4;
}

/** Runs a heap loop on every core (heap-pool.ts); `work` is the elements it touches. */
export function runLoop(backend: BackendWasm, name: HeapLoopName, params: number[], work: number): void {
  const heap = heapOf(backend);
  runHeapLoop(heap.floats, name, params, work, heap.memory, heap.threads);
}

/**
 * A [rows, columns] float32 matrix transposed to a new [columns, rows] tensor: a plain loop
 * that reads in order and writes `columns` interleaved streams, on every core. WASM's own
 * Transpose took 10–14 ms for the course CNN's [43264, 64] gradient here; this about 7 on one.
 */
export function transposeMatrix(backend: BackendWasm, x: TensorInfo, rows: number, columns: number): TensorInfo {
  const out = backend.makeOutput([columns, rows], 'float32');
  runLoop(backend, 'transposeMatrix', [floatOffset(backend, x), floatOffset(backend, out), rows, columns], rows * columns);
  return out;
}
