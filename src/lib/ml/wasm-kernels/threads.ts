/**
 * Lets tfjs-backend-wasm use every core it is given. Its C++ start-up takes the core count as
 * navigator.hardwareConcurrency / 2 (it assumes two hyper-threads per core) and caps the
 * XNNPACK thread pool there, whatever setThreadsCount() asked for: on a 2-core machine WASM
 * ran on 1 thread even with cross-origin isolation, SharedArrayBuffer and 8 idle pthread
 * workers (the cause of getThreadsCount() staying 1 after setThreadsCount(2)). So while the
 * WASM backend initialises (the only moment its C++ reads the value),
 * navigator.hardwareConcurrency reports twice the real count; setThreadsCount() then decides
 * how many threads are used. Node is unaffected (the glue asks os.cpus() there).
 */
import { engine, findBackendFactory, registerBackend, removeBackend } from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { startHeapHelpers } from './heap-pool';

/** tfjs pre-spawns 8 pthread workers, so its pool cannot use more threads. */
export const MAX_WASM_THREADS = 8;

/**
 * Threads for WASM's pool (the calling thread counts as one): every core, up to tfjs's 8.
 * XNNPACK's convolutions run on WASM's pool and our own kernel loops on as many helper
 * workers (heap-pool.ts); the rest of a training step runs on the calling thread.
 * Measured on a shared 2-core machine (headless Chromium, course CNN, batch 64, median step,
 * `npm run bench`): 1 thread 501 examples/s, 2 threads 697. (Before the kernels for the rest of
 * the step, 2 threads were slower than 1 in the training cell, and this left a core free.)
 */
export function wasmThreadsFor(hardwareConcurrency: number): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency) : 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** tfjs-backend-wasm's registration priority (base.ts: WASM_PRIORITY). */
const WASM_PRIORITY = 2;
let wrapped = false;

/** Makes navigator.hardwareConcurrency read `count` until the returned function is called. */
function reportCores(count: number): () => void {
  const nav = globalThis.navigator as object | undefined;
  if (!nav) return () => undefined;
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { configurable: true, get: () => count });
  } catch {
    return () => undefined;
  }
  return () => {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else Reflect.deleteProperty(nav, 'hardwareConcurrency');
  };
}

/**
 * Wraps the registered 'wasm' backend factory so its initialisation sees the doubled core
 * count. Call before the first setBackend('wasm'); returns false (and changes nothing) when
 * WASM is not registered, already initialised, or there is no navigator.
 */
export function letWasmUseAllCores(): boolean {
  if (wrapped) return true;
  const cores = globalThis.navigator?.hardwareConcurrency;
  const factory = findBackendFactory('wasm');
  if (!factory || !cores || (engine().registry as Record<string, unknown>)['wasm']) return false;
  wrapped = true;
  removeBackend('wasm');
  registerBackend('wasm', async () => {
    const restore = reportCores(cores * 2);
    let backend: Awaited<ReturnType<typeof factory>>;
    try {
      backend = await factory();
    } finally {
      restore();
    }
    try {
      const wasm = (backend as unknown as { wasm?: { wasmMemory?: WebAssembly.Memory } }).wasm;
      startHeapHelpers(wasm?.wasmMemory, getThreadsCount());
    } catch {
      // No thread count yet: the helpers start with the first kernel that needs them instead.
    }
    return backend;
  }, WASM_PRIORITY);
  return true;
}
