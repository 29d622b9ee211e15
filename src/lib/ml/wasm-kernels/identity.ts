/**
 * Identity for tfjs-backend-wasm, replacing its built-in kernel, which copies the tensor. tfjs
 * runs Identity where an op hands its input on unchanged (in the course CNN's training step,
 * three copies of a [64, 26, 26, 64] gradient: about 3 ms). Tensors never change after they
 * are made, so the output can share the input's memory, counted once more, as tfjs's CPU
 * backend does; the memory is freed when the last tensor on it is disposed.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replacingKernelConfig } from './kernel-calls';

interface IdentityArgs { inputs: { x: TensorInfo }; backend: BackendWasm }

export function identityWasm(args: IdentityArgs, fallback?: KernelFunc): TensorInfo {
  const { inputs: { x }, backend } = args;
  if (x.dtype === 'string') {
    if (!fallback) throw new Error('WASM Identity: strings need the built-in kernel');
    return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** The kernel config; `original` (WASM's own Identity) handles strings. */
export function identityWasmConfig(original?: KernelConfig): KernelConfig {
  return replacingKernelConfig('Identity', identityWasm, original);
}
