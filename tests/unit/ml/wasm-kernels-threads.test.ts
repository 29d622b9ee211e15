// letWasmUseAllCores(): tfjs-backend-wasm's C++ takes navigator.hardwareConcurrency / 2 as the
// core count when it starts, so the wrapper must double what it reads during initialisation,
// and only then. A stand-in 'wasm' factory records what it sees, then fails (a real backend
// object would have to carry the WASM module its kernels set up with).
import { describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { letWasmUseAllCores, wasmThreadsFor } from '../../../src/lib/ml/wasm-kernels/threads';

describe('letWasmUseAllCores', () => {
  it('doubles navigator.hardwareConcurrency while the WASM backend initialises, and restores it', async () => {
    const real = globalThis.navigator.hardwareConcurrency;
    expect(real).toBeGreaterThan(0);
    let seen: number | undefined;
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', async () => {
      await Promise.resolve(); // the real initialisation is asynchronous too
      seen = globalThis.navigator.hardwareConcurrency;
      throw new Error('stand-in');
    }, 2);
    expect(letWasmUseAllCores()).toBe(true);
    expect(globalThis.navigator.hardwareConcurrency).toBe(real);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await tf.setBackend('wasm')).toBe(false);
    warn.mockRestore();
    expect(seen).toBe(real * 2);
    expect(globalThis.navigator.hardwareConcurrency).toBe(real);
    expect(letWasmUseAllCores()).toBe(true); // idempotent: no second wrapper
    await tf.setBackend('cpu');
  });
});

describe('wasmThreadsFor', () => {
  it('uses every core, within 1…8', () => {
    expect([1, 2, 3, 4, 8, 9, 16, 64].map(wasmThreadsFor)).toEqual([1, 2, 3, 4, 8, 8, 8, 8]);
    expect(wasmThreadsFor(Number.NaN)).toBe(1);
    expect(wasmThreadsFor(0)).toBe(1);
  });
});
