/**
 * Registers the WASM and WebGPU backends next to tfjs's built-in CPU and WebGL, and points
 * WASM at the binaries we serve ourselves (scripts/copy-tfjs-wasm.ts puts them in public/tfjs/).
 * Import this once in the browser (the training worker does); Node tests import only what they need.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let configuredBase: string | null = null;

/** `base` is the site's base path without a trailing slash ('' at the root). Call before the first setBackend('wasm'). */
export function configureWasm(base: string): void {
  if (configuredBase === base) return;
  configuredBase = base;
  // Same origin only: the CSP allows nothing else, and the site must work offline.
  setWasmPaths(`${base}/tfjs/`);
}

/** Threads the WASM backend runs on (1 without cross-origin isolation). */
export function wasmThreadCount(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
