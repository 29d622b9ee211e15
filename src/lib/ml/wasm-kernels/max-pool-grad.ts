/**
 * MaxPoolGrad for tfjs-backend-wasm, replacing its built-in kernel, which took about a quarter
 * of each training step of the course CNN (44 of ~160 ms at batch 64). A plain loop over the
 * WASM heap: per pooling window, the first strictly largest input receives the window's
 * gradient (the CPU backend's rule, ties included), gradients of overlapping windows add up.
 * Channels run innermost, so every read and write is sequential in NHWC memory.
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { floatOffset, replacingKernelConfig, runLoop, type Shape4D } from './kernel-calls';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface MaxPoolGradArgs { inputs: { dy: TensorInfo; input: TensorInfo }; backend: BackendWasm; attrs: MaxPoolGradAttrs }

/**
 * dx for max pooling. Inputs dy [batch, outHeight, outWidth, channels] and the pool's input
 * [batch, inHeight, inWidth, channels]; returns dx shaped like the input. `fallback` (WASM's
 * own kernel) runs other dtypes.
 */
export function maxPoolGradWasm(args: MaxPoolGradArgs, fallback?: KernelFunc): TensorInfo {
  const { inputs: { dy, input }, backend, attrs } = args;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') {
    if (!fallback) throw new Error('WASM MaxPoolGrad: float32 only');
    return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const info = backend_util.computePool2DInfo(input.shape as Shape4D, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth, padInfo } = info;
  const dx = backend.makeOutput(input.shape, 'float32');
  if (effectiveFilterHeight === 2 && effectiveFilterWidth === 2 && strideHeight === 2 && strideWidth === 2
    && padInfo.top === 0 && padInfo.left === 0 && outHeight > 0 && outWidth > 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth) {
    // The common 2×2 pool with stride 2, every window inside the input: windows do not overlap,
    // so each gradient goes to one input and nothing accumulates (heap-loops.ts, on every core).
    const params = [floatOffset(backend, input), floatOffset(backend, dy), floatOffset(backend, dx), batchSize, inHeight, inWidth, channels, outHeight, outWidth];
    runLoop(backend, 'maxPoolPairs', params, 2 * batchSize * inHeight * inWidth * channels);
    return dx;
  }
  // Views only after every allocation: growing WASM memory replaces the buffer under older views.
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  const rowStride = inWidth * channels;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const batchBase = b * inHeight * rowStride;
    for (let yR = 0; yR < outHeight; yR++) {
      const rCorner = yR * strideHeight - padInfo.top;
      const rMin = Math.max(0, rCorner);
      const rMax = Math.min(inHeight, rCorner + effectiveFilterHeight);
      for (let yC = 0; yC < outWidth; yC++, gi += channels) {
        const cCorner = yC * strideWidth - padInfo.left;
        const cMin = Math.max(0, cCorner);
        const cMax = Math.min(inWidth, cCorner + effectiveFilterWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const base = batchBase + r * rowStride + c * channels;
            for (let d = 0; d < channels; d++) {
              const v = x[base + d]!;
              if (v > best[d]!) {
                best[d] = v;
                at[d] = base + d;
              }
            }
          }
        }
        for (let d = 0; d < channels; d++) {
          const p = at[d]!;
          if (p >= 0) out[p] = out[p]! + g[gi + d]!; // -1: a window of NaNs or padding only gets nothing
        }
      }
    }
  }
  return dx;
}

/** The kernel config; `original` (WASM's own kernel) handles what this one does not. */
export function maxPoolGradWasmConfig(original?: KernelConfig): KernelConfig {
  return replacingKernelConfig('MaxPoolGrad', maxPoolGradWasm, original);
}
