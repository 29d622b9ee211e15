/**
 * Registers the WASM and WebGPU backends next to tfjs's built-in CPU and WebGL, adds the conv
 * training kernels WASM lacks (wasm-kernels/), and points WASM at the binaries we serve
 * ourselves (scripts/copy-tfjs-wasm.ts puts them in public/tfjs/).
 * Import this once wherever tfjs runs in the browser (the training worker does, and so must any
 * page that trains or evaluates on the main thread); Node tests import only what they need.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvKernels } from './wasm-kernels';
import { letWasmUseAllCores, wasmThreadsFor } from './wasm-kernels/threads';

// At import, so no code path can reach setBackend('wasm') and train a conv net without them,
// or initialise WASM with half the cores (see threads.ts).
registerWasmConvKernels();
letWasmUseAllCores();

/** How tfjs starts the blob it hands to its WASM pthread workers. */
const THREADED_FACTORY_PREFIX = 'var WasmBackendModuleThreadedSimd = ';
const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';

let configuredBase: string | null = null;
let glueRedirected = false;

/** `base` is the site's base path without a trailing slash ('' at the root). Call before the first setBackend('wasm'). */
export function configureWasm(base: string): void {
  if (configuredBase === base) return;
  configuredBase = base;
  // Same origin only: the CSP allows nothing else, and the site must work offline.
  setWasmPaths(`${base}/tfjs/`);
  // tfjs would cap its pool at hardwareConcurrency / 2 (threads.ts lifts that); we use every
  // core (see wasmThreadsFor).
  setThreadsCount(wasmThreadsFor(globalThis.navigator?.hardwareConcurrency ?? 1));
  if (globalThis.location) redirectThreadedGlue(new URL(`${base}/tfjs/${THREADED_GLUE}`, globalThis.location.href).href);
}

/**
 * tfjs-backend-wasm gives each pthread worker the module factory as
 * `new Blob(['var WasmBackendModuleThreadedSimd = ' + factory.toString()])`. Once our bundler
 * has minified the factory, its source refers to renamed outer variables and the pthread
 * workers die with "e is not defined" — WASM then never initialises with threads. So that one
 * Blob is swapped for a script that loads the unminified glue file we serve next to the .wasm
 * (same package version, copied by scripts/copy-tfjs-wasm.ts). Every other Blob is untouched.
 */
function redirectThreadedGlue(glueUrl: string): void {
  if (glueRedirected) return;
  glueRedirected = true;
  const Original = globalThis.Blob;
  class GlueRedirectingBlob extends Original {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const first = parts?.[0];
      const swap = parts?.length === 1 && typeof first === 'string' && first.startsWith(THREADED_FACTORY_PREFIX);
      super(swap ? [`importScripts(${JSON.stringify(glueUrl)});`] : parts, options);
    }
  }
  globalThis.Blob = GlueRedirectingBlob;
}

/** Threads the WASM backend runs on (1 without cross-origin isolation). */
export function wasmThreadCount(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
