// The helper pool (src/lib/ml/wasm-kernels/heap-pool.ts) with real threads: Node's worker_threads
// stand in for the browser's Worker (running the very source the pool builds), on a shared
// WebAssembly.Memory. Jobs give what one thread gives; a helper that is slow, wakes late or is
// woken twice never writes after the caller has returned; a helper whose loop throws leaves the
// caller to redo the loop and share no more.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker as NodeWorker } from 'node:worker_threads';
import { resolveObjectURL } from 'node:buffer';
import { heapLoops } from '../../../src/lib/ml/wasm-kernels/heap-loops';
import { heapHelpersReady, heapJobsShared, runHeapLoop, startHeapHelpers } from '../../../src/lib/ml/wasm-kernels/heap-pool';

/** Code put before the helper's own source in each fake worker (to slow or break it on purpose). */
let prelude = '';
const spawned: NodeWorker[] = [];

/** The browser Worker API over worker_threads, for blob: URLs of classic scripts. */
class FakeWorker {
  private worker: NodeWorker | null = null;
  private readonly queue: unknown[] = [];
  onerror: ((event: unknown) => void) | null = null;
  constructor(url: string) {
    const before = prelude;
    void resolveObjectURL(url)!.text().then((source) => {
      const bridge = "const { parentPort } = require('node:worker_threads'); globalThis.onmessage = null; parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));";
      this.worker = new NodeWorker(`${bridge}\n${before}\n${source}`, { eval: true });
      spawned.push(this.worker);
      for (const message of this.queue) this.worker.postMessage(message);
    });
  }
  postMessage(message: unknown): void {
    if (this.worker) this.worker.postMessage(message);
    else this.queue.push(message);
  }
  terminate(): void {
    void this.worker?.terminate();
  }
}
(globalThis as unknown as { Worker: unknown }).Worker = FakeWorker;

afterEach(async () => {
  prelude = '';
  await Promise.all(spawned.splice(0).map((w) => w.terminate()));
});

/** A fresh shared memory (a new pool) with `helpers` started. */
async function poolWith(helpers: number): Promise<WebAssembly.Memory> {
  const memory = new WebAssembly.Memory({ initial: 128, maximum: 512, shared: true });
  startHeapHelpers(memory, helpers + 1);
  for (let i = 0; i < 500 && heapHelpersReady() < helpers; i++) await new Promise((r) => setTimeout(r, 10));
  expect(heapHelpersReady()).toBe(helpers);
  return memory;
}

const loops = heapLoops();
const rows = 600, columns = 300, size = rows * columns; // above MIN_SHARED_WORK

function fillRandom(heap: Float32Array, count: number, seed: number): void {
  let s = seed;
  for (let i = 0; i < count; i++) heap[i] = ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}

describe('heap pool with real threads', () => {
  it('gives exactly the one-thread result, job after job, on 2 and 3 helpers', async () => {
    for (const helpers of [1, 2]) {
      const memory = await poolWith(helpers);
      const sharedBefore = heapJobsShared();
      const heap = new Float32Array(memory.buffer);
      fillRandom(heap, size, 7 + helpers);
      const expected = heap.slice(0, 2 * size + columns);
      loops.transposeMatrix(expected, Int32Array.from([0, size, rows, columns]), 0, 1);
      loops.sumRows(expected, Int32Array.from([0, 2 * size, rows, columns]), 0, 1);
      for (let job = 0; job < 100; job++) {
        heap.fill(Number.NaN, size, 2 * size + columns);
        runHeapLoop(heap, 'transposeMatrix', [0, size, rows, columns], size, memory, helpers + 1);
        runHeapLoop(heap, 'sumRows', [0, 2 * size, rows, columns], size, memory, helpers + 1);
        expect(heap.subarray(size, 2 * size + columns)).toEqual(expected.subarray(size));
      }
      expect(heapJobsShared() - sharedBefore).toBe(200);
    }
  }, 60_000);

  it('never writes after the caller returns, when helpers are slow after a share and woken late', async () => {
    // Each helper sleeps 20 ms between claiming a share and running it, and again after it
    // reports one done: it writes long after the caller has finished its own shares, and it is
    // often still asleep when the next job comes.
    prelude = 'const add = Atomics.add; const nap = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); Atomics.add = (a, i, v) => { const r = add(a, i, v); if ((i === 1 && r < 1000) || i === 2) nap(); return r; };';
    const memory = await poolWith(2);
    const heap = new Float32Array(memory.buffer);
    fillRandom(heap, size, 3);
    for (let job = 0; job < 20; job++) {
      const started = performance.now();
      runHeapLoop(heap, 'transposeMatrix', [0, size, rows, columns], size, memory, 3);
      expect(performance.now() - started).toBeLessThan(2000); // bounded by the work, no timeout
      heap.fill(7, size, 2 * size); // the output is freed and its memory reused at once
    }
    await new Promise((r) => setTimeout(r, 300)); // any late helper would write now
    expect(heap.subarray(size, 2 * size).every((v) => v === 7)).toBe(true);
  }, 60_000);

  it('redoes the loop here and shares no more when a helper\'s loop throws', async () => {
    prelude = 'Math.floor = () => { throw new Error("broken helper"); };';
    const memory = await poolWith(1);
    const heap = new Float32Array(memory.buffer);
    fillRandom(heap, size, 5);
    const expected = heap.slice(0, 2 * size);
    loops.transposeMatrix(expected, Int32Array.from([0, size, rows, columns]), 0, 1);
    const sharedBefore = heapJobsShared();
    for (let job = 0; job < 50; job++) {
      heap.fill(Number.NaN, size, 2 * size);
      runHeapLoop(heap, 'transposeMatrix', [0, size, rows, columns], size, memory, 2);
      expect(heap.subarray(size, 2 * size)).toEqual(expected.subarray(size));
    }
    // Once the helper has taken a share and thrown, sharing stops for this memory.
    expect(heapHelpersReady()).toBe(0);
    expect(heapJobsShared() - sharedBefore).toBeLessThan(50);
  }, 60_000);
});
