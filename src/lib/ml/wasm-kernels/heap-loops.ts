/**
 * The inner loops of our WASM kernels, each able to run one share of its work (share k of n),
 * so heap-pool.ts can spread them over helper workers. They read and write the WASM heap seen
 * as one Float32Array; `p` holds their parameters as element offsets and sizes. Every share
 * writes its own part of the output and nothing else, and reads nothing any share writes, so
 * shares may run at the same time on different threads.
 *
 * heapLoops must stay self-contained (no reference to anything outside its body, no imports):
 * helpers receive it as source text.
 */
export type HeapLoop = (heap: Float32Array, p: Int32Array, share: number, shares: number) => void;

export function heapLoops() {
  /** Units [first, end) of `units` that share k of n takes. */
  function part(units: number, share: number, shares: number): [number, number] {
    return [Math.floor((units * share) / shares), Math.floor((units * (share + 1)) / shares)];
  }

  return {
    /** p = [source, target, rows, columns]: target[c, r] = source[r, c]; shares split the rows. */
    transposeMatrix(heap: Float32Array, p: Int32Array, share: number, shares: number): void {
      const source = p[0]!, target = p[1]!, rows = p[2]!, columns = p[3]!;
      const [first, end] = part(rows, share, shares);
      for (let r = first, from = source + first * columns; r < end; r++) {
        for (let c = 0, to = target + r; c < columns; c++, from++, to += rows) heap[to] = heap[from]!;
      }
    },

    /**
     * p = [x, dy, dx, batch, inHeight, inWidth, channels, outHeight, outWidth]: the gradient of a
     * 2×2 max pool with stride 2, every window inside x. Each window's gradient goes to its first
     * strictly largest input (none when no value beats −∞, as with NaNs), every other input gets 0.
     * Shares split the (batch, output row) pairs, each clearing and filling its own input rows.
     */
    maxPoolPairs(heap: Float32Array, p: Int32Array, share: number, shares: number): void {
      const x = p[0]!, dy = p[1]!, dx = p[2]!, inHeight = p[4]!, inWidth = p[5]!, channels = p[6]!, outHeight = p[7]!, outWidth = p[8]!;
      const rowStride = inWidth * channels;
      const [first, end] = part(p[3]! * outHeight, share, shares);
      for (let unit = first; unit < end; unit++) {
        const b = Math.floor(unit / outHeight);
        const yR = unit - b * outHeight;
        const rowStart = (b * inHeight + 2 * yR) * rowStride;
        // Its two input rows, and after the last window row any rows no window reaches.
        const clearEnd = yR === outHeight - 1 ? (b + 1) * inHeight * rowStride : rowStart + 2 * rowStride;
        heap.fill(0, dx + rowStart, dx + clearEnd);
        let gi = dy + unit * outWidth * channels;
        for (let yC = 0, topLeft = rowStart; yC < outWidth; yC++, topLeft += 2 * channels) {
          const topRight = topLeft + channels;
          const bottomLeft = topLeft + rowStride;
          const bottomRight = bottomLeft + channels;
          for (let d = 0; d < channels; d++, gi++) {
            let best = Number.NEGATIVE_INFINITY;
            let at = -1;
            let v = heap[x + topLeft + d]!;
            if (v > best) { best = v; at = topLeft + d; }
            v = heap[x + topRight + d]!;
            if (v > best) { best = v; at = topRight + d; }
            v = heap[x + bottomLeft + d]!;
            if (v > best) { best = v; at = bottomLeft + d; }
            v = heap[x + bottomRight + d]!;
            if (v > best) at = bottomRight + d;
            if (at >= 0) heap[dx + at] = heap[gi]!;
          }
        }
      }
    },

    /**
     * p = [x, out, outer, inner]: out[j] = Σ_i x[i, j], accumulated in float64 and rounded once.
     * Shares split the columns j, so no share needs another's partial sums; at least 16 columns
     * (a 64-byte cache line) each, or every share would read every line of x.
     */
    sumRows(heap: Float32Array, p: Int32Array, share: number, shares: number): void {
      const x = p[0]!, out = p[1]!, outer = p[2]!, inner = p[3]!;
      const chunks = Math.max(1, Math.min(shares, Math.ceil(inner / 16)));
      if (share >= chunks) return;
      const [first, end] = part(inner, share, chunks);
      const sums = new Float64Array(end - first);
      for (let i = 0, base = x + first; i < outer; i++, base += inner) {
        for (let j = 0; j < sums.length; j++) sums[j] = sums[j]! + heap[base + j]!;
      }
      for (let j = 0; j < sums.length; j++) heap[out + first + j] = sums[j]!;
    },

    /**
     * p = [x, target, batch, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight,
     * filterWidth, strideHeight, strideWidth, padTop, padLeft]: the patch matrix [positions, taps],
     * row (b, p, q) holding x[b, p·sh + i − top, q·sw + j − left, c] for every tap (i, j, c), 0
     * in the padding. Shares split the (batch, output row) pairs.
     */
    patches(heap: Float32Array, p: Int32Array, share: number, shares: number): void {
      const x = p[0]!, target = p[1]!, inHeight = p[3]!, inWidth = p[4]!, inChannels = p[5]!, outHeight = p[6]!, outWidth = p[7]!;
      const filterHeight = p[8]!, filterWidth = p[9]!, strideHeight = p[10]!, strideWidth = p[11]!, top = p[12]!, left = p[13]!;
      const taps = filterHeight * filterWidth * inChannels;
      const [first, end] = part(p[2]! * outHeight, share, shares);
      let at = target + first * outWidth * taps;
      for (let unit = first; unit < end; unit++) {
        const b = Math.floor(unit / outHeight);
        const row = unit - b * outHeight;
        for (let q = 0; q < outWidth; q++) {
          for (let i = 0; i < filterHeight; i++) {
            const h = row * strideHeight + i - top;
            for (let j = 0; j < filterWidth; j++, at += inChannels) {
              const w = q * strideWidth + j - left;
              if (h < 0 || h >= inHeight || w < 0 || w >= inWidth) {
                heap.fill(0, at, at + inChannels);
                continue;
              }
              const from = x + ((b * inHeight + h) * inWidth + w) * inChannels;
              for (let c = 0; c < inChannels; c++) heap[at + c] = heap[from + c]!;
            }
          }
        }
      }
    },
  } satisfies Record<string, HeapLoop>;
}

export type HeapLoopName = keyof ReturnType<typeof heapLoops>;
