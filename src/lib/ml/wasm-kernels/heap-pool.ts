/**
 * Runs our JavaScript kernel loops on every core. WASM's thread pool serves only XNNPACK's
 * convolutions; the loops in this folder (max-pool gradient, transposes, patches, bias sums)
 * ran on one thread, so a second core sped the course CNN's step up by about 1.3× only.
 * With threads, WASM's memory is a SharedArrayBuffer: helper workers given that memory run a
 * share of a loop each, woken through Atomics on a shared control block, while the calling
 * thread runs its own share and then waits for theirs. In a worker (the training cell) the
 * caller sleeps in Atomics.wait; on a page's main thread, where that is not allowed, it spins.
 * Without shared memory, threads or Worker (Node, no cross-origin isolation) every loop runs
 * whole on the calling thread, as before.
 */
import { heapLoops, type HeapLoop, type HeapLoopName } from './heap-loops';

const LOOPS = heapLoops();
const LOOP_NAMES = Object.keys(LOOPS) as HeapLoopName[];

/** Control block, Int32 slots: job sequence, helpers still working, loop index, shares, helpers started, then the loop's parameters. */
const SEQUENCE = 0;
const REMAINING = 1;
const LOOP = 2;
const SHARES = 3;
const STARTED = 4;
const PARAMS = 8;
const MAX_PARAMS = 24;

/**
 * A helper's whole program, sent as source with the loops and their names written in: it must
 * not refer to anything outside itself (the bundler renames outer variables), and it needs no
 * eval (the site's CSP forbids it; a blob: worker inherits that policy).
 */
function helperProgram(loops: Record<string, HeapLoop>, names: string[]): void {
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent) => void) | null };
  scope.onmessage = (event: MessageEvent) => {
    const { memory, control, index } = event.data as { memory: WebAssembly.Memory; control: Int32Array; index: number };
    scope.onmessage = null;
    // Read the sequence before saying it has started, so no job issued after that is missed.
    let seen = Atomics.load(control, 0);
    Atomics.add(control, 4, 1);
    for (;;) {
      Atomics.wait(control, 0, seen);
      seen = Atomics.load(control, 0);
      loops[names[control[2]!]!]!(new Float32Array(memory.buffer), control.subarray(8), index, control[3]!);
      if (Atomics.sub(control, 1, 1) === 1) Atomics.notify(control, 1);
    }
  };
}

interface Pool { control: Int32Array; helpers: Worker[]; memory: WebAssembly.Memory; canSleep: boolean; broken: boolean }

let pool: Pool | null = null;
let poolFor: WebAssembly.Memory | null = null;

/** Starts (once per WASM memory) `threads − 1` helpers; null when this environment cannot have them. */
function ensurePool(memory: WebAssembly.Memory | undefined, threads: number): Pool | null {
  if (poolFor === memory && pool) return pool;
  // A new WASM instance (the backend was made again): the old helpers watch memory nobody uses.
  pool?.helpers.forEach((helper) => helper.terminate());
  pool = null;
  if (!memory || threads < 2 || typeof Worker === 'undefined' || typeof SharedArrayBuffer === 'undefined' || !(memory.buffer instanceof SharedArrayBuffer)) return null;
  const control = new Int32Array(new SharedArrayBuffer(4 * (PARAMS + MAX_PARAMS)));
  const source = `(${helperProgram.toString()})((${heapLoops.toString()})(), ${JSON.stringify(LOOP_NAMES)});`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // Atomics.wait throws on a page's main thread; workers (WorkerGlobalScope) may sleep.
  const canSleep = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  const started: Pool = { control, helpers: [], memory, canSleep, broken: false };
  try {
    for (let i = 1; i < threads; i++) {
      const helper = new Worker(url, { name: `bottleneck-heap-helper-${i}` });
      helper.onerror = () => {
        started.broken = true;
      };
      helper.postMessage({ memory, control, index: i });
      started.helpers.push(helper);
    }
  } catch {
    // A policy that forbids blob: workers: every loop runs whole here, and no second try.
    started.helpers.forEach((helper) => helper.terminate());
    started.broken = true;
  } finally {
    URL.revokeObjectURL(url);
  }
  pool = started;
  poolFor = memory;
  return pool;
}

/**
 * Starts the helpers as soon as WASM is up (threads.ts calls it), so they are ready by the
 * first training step instead of a few steps in.
 */
export function startHeapHelpers(memory: WebAssembly.Memory | undefined, threads: number): void {
  ensurePool(memory, threads);
}

/** Helpers that have started (loops run whole here until all have). */
export function heapHelpersReady(): number {
  return pool && !pool.broken ? Atomics.load(pool.control, STARTED) : 0;
}

/** Jobs shared with helpers so far (tests check that the parallel path ran). */
let sharedJobs = 0;
export function heapJobsShared(): number {
  return sharedJobs;
}

/**
 * Runs loop `name` over the WASM heap with `params` (element offsets and sizes), split into
 * shares across the helpers and this thread when `work` (elements touched) is worth it.
 */
export function runHeapLoop(heap: Float32Array, name: HeapLoopName, params: number[], work: number, memory?: WebAssembly.Memory, threads = 1): void {
  const p = work >= MIN_SHARED_WORK ? ensurePool(memory, threads) : null;
  // Shared only once every helper has started: each job counts on all of them.
  if (!p || p.broken || Atomics.load(p.control, STARTED) < p.helpers.length) {
    LOOPS[name](heap, Int32Array.from(params), 0, 1);
    return;
  }
  const { control } = p;
  const shares = p.helpers.length + 1;
  control.set(params, PARAMS);
  control[LOOP] = LOOP_NAMES.indexOf(name);
  control[SHARES] = shares;
  Atomics.store(control, REMAINING, p.helpers.length);
  Atomics.add(control, SEQUENCE, 1);
  Atomics.notify(control, SEQUENCE);
  LOOPS[name](heap, control.subarray(PARAMS), 0, shares);
  const deadline = performance.now() + HELPER_TIMEOUT_MS;
  for (let left = Atomics.load(control, REMAINING); left !== 0; left = Atomics.load(control, REMAINING)) {
    if (p.canSleep) Atomics.wait(control, REMAINING, left, HELPER_TIMEOUT_MS);
    if (performance.now() > deadline) {
      // A helper that never answers: stop sharing, and do the whole loop here (every loop is
      // idempotent: each share writes its own part of the output from inputs it never changes).
      p.broken = true;
      LOOPS[name](heap, Int32Array.from(params), 0, 1);
      return;
    }
  }
  sharedJobs++;
}

/** How long the caller waits for helpers before it gives up sharing for good. */
const HELPER_TIMEOUT_MS = 5000;

/** Below this many elements a loop runs whole here: waking helpers costs tens of microseconds. */
export const MIN_SHARED_WORK = 1 << 16;
