// The kernel loops that helper workers share out (src/lib/ml/wasm-kernels/heap-loops.ts): any
// split into shares gives exactly the output of one whole run, and the loops' source runs on
// its own, as a helper receives it.
import { describe, expect, it } from 'vitest';
import { heapLoops, type HeapLoopName } from '../../../src/lib/ml/wasm-kernels/heap-loops';
import { mulberry32 } from '../../../src/lib/ml/random';

const loops = heapLoops();

/** A heap with random inputs before `outputAt` and a poisoned output region after it. */
function heapWith(size: number, outputAt: number, seed: number, ties = false): Float32Array {
  const random = mulberry32(seed);
  const heap = Float32Array.from({ length: size }, () => (ties ? Math.round(random() * 2 - 1) : random() * 2 - 1));
  heap.fill(Number.NaN, outputAt);
  return heap;
}

function runShares(name: HeapLoopName, heap: Float32Array, params: number[], shares: number): Float32Array {
  const copy = heap.slice();
  // In reverse order, so no share can lean on an earlier one having run.
  for (let share = shares - 1; share >= 0; share--) loops[name](copy, Int32Array.from(params), share, shares);
  return copy;
}

function expectSplitsAgree(name: HeapLoopName, heap: Float32Array, params: number[]): void {
  const whole = runShares(name, heap, params, 1);
  for (const shares of [2, 3, 7]) expect(runShares(name, heap, params, shares)).toEqual(whole);
}

describe('heap loops split into shares', () => {
  it('transposeMatrix: every split gives the transpose', () => {
    const rows = 37, columns = 11;
    const heap = heapWith(2 * rows * columns, rows * columns, 1);
    const whole = runShares('transposeMatrix', heap, [0, rows * columns, rows, columns], 1);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) expect(whole[rows * columns + c * rows + r]).toBe(heap[r * columns + c]);
    expectSplitsAgree('transposeMatrix', heap, [0, rows * columns, rows, columns]);
  });

  it('maxPoolPairs: every split clears and routes the same inputs, odd sizes included', () => {
    for (const [batch, inHeight, inWidth, channels] of [[3, 7, 9, 5], [2, 26, 26, 4], [1, 2, 2, 1]] as const) {
      const outHeight = Math.floor(inHeight / 2), outWidth = Math.floor(inWidth / 2);
      const size = batch * inHeight * inWidth * channels;
      const dySize = batch * outHeight * outWidth * channels;
      const heap = heapWith(2 * size + dySize, size + dySize, inHeight, true);
      const params = [0, size, size + dySize, batch, inHeight, inWidth, channels, outHeight, outWidth];
      const whole = runShares('maxPoolPairs', heap, params, 1);
      expect(whole.subarray(size + dySize).every((v) => Number.isFinite(v))).toBe(true); // all of dx written
      expectSplitsAgree('maxPoolPairs', heap, params);
    }
  });

  it('sumRows: every split of the columns gives the column sums', () => {
    const outer = 50, inner = 13;
    const heap = heapWith(outer * inner + inner, outer * inner, 3);
    const whole = runShares('sumRows', heap, [0, outer * inner, outer, inner], 1);
    for (let j = 0; j < inner; j++) {
      let sum = 0;
      for (let i = 0; i < outer; i++) sum += heap[i * inner + j]!;
      expect(whole[outer * inner + j]).toBeCloseTo(sum, 4);
    }
    expectSplitsAgree('sumRows', heap, [0, outer * inner, outer, inner]);
  });

  it('patches: every split fills the same patch matrix, padding included', () => {
    const [batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, stride, top, left] = [2, 7, 6, 2, 3, 3, 2, 1, 1];
    const outHeight = Math.floor((inHeight + 2 - filterHeight) / stride) + 1, outWidth = Math.floor((inWidth + 2 - filterWidth) / stride) + 1;
    const size = batch * inHeight * inWidth * inChannels;
    const heap = heapWith(size + batch * outHeight * outWidth * filterHeight * filterWidth * inChannels, size, 4);
    const params = [0, size, batch, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, stride, stride, top, left];
    const whole = runShares('patches', heap, params, 1);
    expect(whole.subarray(size).every((v) => Number.isFinite(v))).toBe(true);
    expectSplitsAgree('patches', heap, params);
  });
});

describe('heapLoops as a helper receives it', () => {
  it('runs from its own source text, with nothing from outside', () => {
    const standalone = new Function(`return (${heapLoops.toString()})();`)() as ReturnType<typeof heapLoops>;
    const heap = Float32Array.from([1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0]);
    standalone.transposeMatrix(heap, Int32Array.from([0, 6, 2, 3]), 0, 1);
    expect(Array.from(heap.subarray(6))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
