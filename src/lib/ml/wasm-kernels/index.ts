/**
 * Conv-net training kernels for tfjs-backend-wasm 4.22: a Conv2DBackpropFilter (missing
 * upstream) and a faster Conv2DBackpropInput, both built on WASM's XNNPACK Conv2D.
 * With them the course CNN trains on WASM at hundreds of examples/s, where stock CPU manages
 * a handful. Call registerWasmConvKernels() once before training (register-backends.ts does
 * at import); it is idempotent and may run before or after setBackend('wasm').
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
// Imported for its side effect first: the WASM backend registers its own kernels, so the
// built-in Conv2DBackpropInput exists (and is kept as the fallback) when it is replaced here.
import '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputWasmConfig } from './conv2d-backprop-input';

export { conv2dBackpropFilterWasm } from './conv2d-backprop-filter';
export { conv2dBackpropInputWasm } from './conv2d-backprop-input';

/** The kernels this module registers for 'wasm'. */
export const WASM_CONV_KERNELS = ['Conv2DBackpropFilter', 'Conv2DBackpropInput'] as const;

let originalInput: KernelConfig | undefined;
let registered = false;
let addedFilter = false;

/** Registers both kernels for the 'wasm' backend. Safe to call repeatedly. */
export function registerWasmConvKernels(): void {
  if (registered) return;
  registered = true;
  // A later tfjs that ships its own filter gradient keeps it.
  addedFilter = getKernel('Conv2DBackpropFilter', 'wasm') == null;
  if (addedFilter) registerKernel(conv2dBackpropFilterWasmConfig);
  originalInput = getKernel('Conv2DBackpropInput', 'wasm');
  // registerKernel warns when replacing, so the built-in is unregistered first (and kept as the fallback).
  if (originalInput) unregisterKernel('Conv2DBackpropInput', 'wasm');
  registerKernel(conv2dBackpropInputWasmConfig(originalInput));
}

/** Puts WASM's own kernels back (tests compare against them). */
export function unregisterWasmConvKernels(): void {
  if (!registered) return;
  registered = false;
  if (addedFilter) unregisterKernel('Conv2DBackpropFilter', 'wasm');
  unregisterKernel('Conv2DBackpropInput', 'wasm');
  if (originalInput) registerKernel(originalInput);
}

/** True when the WASM backend can train conv nets (Conv2DBackpropFilter is registered for it). */
export function wasmCanTrainConv(): boolean {
  return getKernel('Conv2DBackpropFilter', 'wasm') != null;
}
