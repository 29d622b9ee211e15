/**
 * Conv-net training kernels for tfjs-backend-wasm 4.22: a Conv2DBackpropFilter (missing
 * upstream) and a faster Conv2DBackpropInput, both built on WASM's XNNPACK Conv2D, and a
 * faster MaxPoolGrad (a sequential loop over the WASM heap), a Sum over leading axes (the
 * bias gradients) without WASM's transpose, and a BatchMatMul that sends transposed operands
 * (a dense layer's gradients) to XNNPACK instead of a scalar loop, and an Identity that shares
 * its input's memory instead of copying it.
 * With them the course CNN trains on WASM at hundreds of examples/s, where stock CPU manages
 * a handful. Call registerWasmConvKernels() once before training (register-backends.ts does
 * at import); it is idempotent and may run before or after setBackend('wasm').
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
// Imported for its side effect first: the WASM backend registers its own kernels, so the
// built-in Conv2DBackpropInput exists (and is kept as the fallback) when it is replaced here.
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMulWasmConfig } from './batch-mat-mul';
import { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputWasmConfig } from './conv2d-backprop-input';
import { identityWasmConfig } from './identity';
import { maxPoolGradWasmConfig } from './max-pool-grad';
import { sumWasmConfig } from './sum';

export { batchMatMulWasm } from './batch-mat-mul';
export { conv2dBackpropFilterWasm } from './conv2d-backprop-filter';
export { conv2dBackpropInputWasm } from './conv2d-backprop-input';
export { identityWasm } from './identity';
export { maxPoolGradWasm } from './max-pool-grad';
export { sumWasm } from './sum';

/** The kernels this module registers for 'wasm'. */
export const WASM_CONV_KERNELS = ['BatchMatMul', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Identity', 'MaxPoolGrad', 'Sum'] as const;

/** WASM's own kernels this module replaces (kept as fallbacks and for unregistering), by name. */
const REPLACED: Record<string, (original?: KernelConfig) => KernelConfig> = {
  BatchMatMul: batchMatMulWasmConfig,
  Conv2DBackpropInput: conv2dBackpropInputWasmConfig,
  Identity: identityWasmConfig,
  MaxPoolGrad: maxPoolGradWasmConfig,
  Sum: sumWasmConfig,
};
const originals = new Map<string, KernelConfig | undefined>();
let registered = false;
let addedFilter = false;

/** Registers the kernels for the 'wasm' backend. Safe to call repeatedly. */
export function registerWasmConvKernels(): void {
  if (registered) return;
  registered = true;
  // A later tfjs that ships its own filter gradient keeps it.
  addedFilter = getKernel('Conv2DBackpropFilter', 'wasm') == null;
  if (addedFilter) registerKernel(conv2dBackpropFilterWasmConfig);
  for (const [name, makeConfig] of Object.entries(REPLACED)) {
    const original = getKernel(name, 'wasm') ?? undefined;
    originals.set(name, original);
    // registerKernel warns when replacing, so the built-in is unregistered first (and kept as the fallback).
    if (original) unregisterKernel(name, 'wasm');
    registerKernel(makeConfig(original));
  }
}

/** Puts WASM's own kernels back (tests compare against them). */
export function unregisterWasmConvKernels(): void {
  if (!registered) return;
  registered = false;
  if (addedFilter) unregisterKernel('Conv2DBackpropFilter', 'wasm');
  for (const name of Object.keys(REPLACED)) {
    unregisterKernel(name, 'wasm');
    const original = originals.get(name);
    if (original) registerKernel(original);
  }
}

/** True when the WASM backend can train conv nets (Conv2DBackpropFilter is registered for it). */
export function wasmCanTrainConv(): boolean {
  return getKernel('Conv2DBackpropFilter', 'wasm') != null;
}
