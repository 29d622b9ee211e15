/**
 * Runs our JavaScript kernel loops on every core. WASM's thread pool serves XNNPACK's
 * convolutions (tfjs runs its matrix products and everything else without it); the loops in
 * this folder (max-pool gradient, transposes, patches, bias sums) ran on one thread, so a
 * second core sped the course CNN's step up by about 1.3× only.
 *
 * With threads, WASM's memory is a SharedArrayBuffer. Helper workers given that memory sleep
 * on a shared control block; for a job the caller writes the loop's parameters and wakes them,
 * and everyone, the caller included, claims shares of the loop one at a time (an atomic
 * counter) until none are left. The caller then waits until every claimed share is done: a
 * share is only ever claimed by a thread that is running, so the wait is bounded by the work,
 * and a helper that wakes late finds nothing left to claim. In a worker (the training cell) the
 * caller sleeps in Atomics.wait; on a page's main thread, where that is not allowed, it spins.
 * Without shared memory, threads or Worker (Node, no cross-origin isolation, a CSP without
 * blob: workers) every loop runs whole on the calling thread, as before.
 */
import { heapLoops, type HeapLoop, type HeapLoopName } from './heap-loops';

const LOOPS = heapLoops();
const LOOP_NAMES = Object.keys(LOOPS) as HeapLoopName[];

/** Int32 slots of the control block; the loop's parameters follow from PARAMS. */
const SLOTS = { sequence: 0, next: 1, done: 2, loop: 3, shares: 4, started: 5, failed: 6, params: 8 } as const;
type Slots = typeof SLOTS;
const MAX_PARAMS = 24;
/** NEXT while a job is being written: every claim then falls beyond the last share. */
const CLOSED = 1 << 30;

/**
 * A helper's whole program, sent as source with the loops, their names and the slots written
 * in: it must not refer to anything outside itself (the bundler renames outer variables), and
 * it needs no eval (the site's CSP forbids it; a blob: worker inherits that policy).
 */
function helperProgram(loops: Record<string, HeapLoop>, names: string[], slots: Slots): void {
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent) => void) | null };
  scope.onmessage = (event: MessageEvent) => {
    const { memory, control } = event.data as { memory: WebAssembly.Memory; control: Int32Array };
    scope.onmessage = null;
    let seen = Atomics.load(control, slots.sequence);
    Atomics.add(control, slots.started, 1);
    for (;;) {
      // Wake-ups without a new job (a late notify) go back to sleep. The sleep is bounded: a
      // helper is ended with its worker (terminate), and a thread that returns to script now and
      // then ends at once even if the end did not reach it inside the wait.
      while (Atomics.load(control, slots.sequence) === seen) Atomics.wait(control, slots.sequence, seen, 1000);
      seen = Atomics.load(control, slots.sequence);
      const shares = control[slots.shares]!;
      for (let share = Atomics.add(control, slots.next, 1); share < shares; share = Atomics.add(control, slots.next, 1)) {
        try {
          loops[names[control[slots.loop]!]!]!(new Float32Array(memory.buffer), control.subarray(slots.params), share, shares);
        } catch {
          Atomics.store(control, slots.failed, 1);
        } finally {
          if (Atomics.add(control, slots.done, 1) + 1 === shares) Atomics.notify(control, slots.done);
        }
      }
    }
  };
}

interface Pool { control: Int32Array; helpers: Worker[]; memory: WebAssembly.Memory; canSleep: boolean }

let pool: Pool | null = null;
let poolFor: WebAssembly.Memory | null | undefined = undefined;

function stopPool(): void {
  pool?.helpers.forEach((helper) => helper.terminate());
  pool = null;
}

/** Starts (once per WASM memory) `threads − 1` helpers; null when this environment cannot have them. */
function ensurePool(memory: WebAssembly.Memory | undefined, threads: number): Pool | null {
  // Decided once per memory (none, in Node, counts as one): a pool, or null for good.
  if (poolFor === (memory ?? null)) return pool;
  // A new WASM instance (the backend was made again): the old helpers hold memory nobody uses.
  stopPool();
  poolFor = memory ?? null;
  if (!memory || threads < 2 || typeof Worker === 'undefined' || typeof SharedArrayBuffer === 'undefined' || !(memory.buffer instanceof SharedArrayBuffer)) return null;
  const control = new Int32Array(new SharedArrayBuffer(4 * (SLOTS.params + MAX_PARAMS)));
  const source = `(${helperProgram.toString()})((${heapLoops.toString()})(), ${JSON.stringify(LOOP_NAMES)}, ${JSON.stringify(SLOTS)});`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // Atomics.wait throws on a page's main thread; workers (WorkerGlobalScope) may sleep.
  const canSleep = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  const started: Pool = { control, helpers: [], memory, canSleep };
  pool = started;
  try {
    for (let i = 1; i < threads; i++) {
      const helper = new Worker(url, { name: `bottleneck-heap-helper-${i}` });
      // A helper that fails to start claims nothing; the others and the caller do its part.
      helper.onerror = () => helper.terminate();
      helper.postMessage({ memory, control });
      started.helpers.push(helper);
    }
  } catch {
    // A policy that forbids blob: workers: every loop runs whole here, and no second try.
    stopPool();
  } finally {
    URL.revokeObjectURL(url);
  }
  return pool;
}

/**
 * Starts the helpers as soon as WASM is up (threads.ts calls it), so they are ready by the
 * first training step instead of a few steps in.
 */
export function startHeapHelpers(memory: WebAssembly.Memory | undefined, threads: number): void {
  ensurePool(memory, threads);
}

/** Helpers that have started. */
export function heapHelpersReady(): number {
  return pool ? Atomics.load(pool.control, SLOTS.started) : 0;
}

/** Jobs shared with helpers so far (tests check that the parallel path ran). */
let sharedJobs = 0;
export function heapJobsShared(): number {
  return sharedJobs;
}

/** Shares per thread: a thread slowed by the rest of the machine then simply claims fewer. */
const SHARES_PER_THREAD = 4;

/**
 * Runs loop `name` over the WASM heap with `params` (element offsets and sizes), split into
 * shares across the helpers and this thread when `work` (elements touched) is worth it.
 */
export function runHeapLoop(heap: Float32Array, name: HeapLoopName, params: number[], work: number, memory?: WebAssembly.Memory, threads = 1): void {
  const p = work >= MIN_SHARED_WORK ? ensurePool(memory, threads) : null;
  if (!p || Atomics.load(p.control, SLOTS.started) === 0 || Atomics.load(p.control, SLOTS.failed) !== 0) {
    LOOPS[name](heap, Int32Array.from(params), 0, 1);
    return;
  }
  const { control } = p;
  const shares = (p.helpers.length + 1) * SHARES_PER_THREAD;
  // Close claims, write the job, open claims, then wake the helpers.
  Atomics.store(control, SLOTS.next, CLOSED);
  control.set(params, SLOTS.params);
  control[SLOTS.loop] = LOOP_NAMES.indexOf(name);
  control[SLOTS.shares] = shares;
  Atomics.store(control, SLOTS.done, 0);
  Atomics.store(control, SLOTS.next, 0);
  Atomics.add(control, SLOTS.sequence, 1);
  Atomics.notify(control, SLOTS.sequence);
  const own = control.subarray(SLOTS.params);
  for (let share = Atomics.add(control, SLOTS.next, 1); share < shares; share = Atomics.add(control, SLOTS.next, 1)) {
    LOOPS[name](heap, own, share, shares);
    Atomics.add(control, SLOTS.done, 1);
  }
  // Every share is claimed; wait for the ones helpers are running.
  for (let done = Atomics.load(control, SLOTS.done); done < shares; done = Atomics.load(control, SLOTS.done)) {
    if (p.canSleep) Atomics.wait(control, SLOTS.done, done, 1000); // bounded, as the helpers' sleep
  }
  if (Atomics.load(control, SLOTS.failed) !== 0) {
    // A helper's loop threw (it should not): redo the whole loop here, and share no more.
    stopPool();
    LOOPS[name](heap, Int32Array.from(params), 0, 1);
    return;
  }
  sharedJobs++;
}

/** Below this many elements a loop runs whole here: waking helpers costs tens of microseconds. */
export const MIN_SHARED_WORK = 1 << 16;
