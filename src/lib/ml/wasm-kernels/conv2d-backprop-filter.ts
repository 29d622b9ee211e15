/**
 * Conv2DBackpropFilter for tfjs-backend-wasm (4.22 has none, so conv nets could not train on
 * WASM), two ways, each fastest for some layers:
 *
 *   dW[i, j, c, o] = Σ_{b, p, q} x[b, p·sh + i − top, q·sw + j − left, c] · dy[b, p, q, o]
 *
 * For few filter taps (a first layer on grey pixels: 3·3·1), a matrix product: copy x's
 * patches into a [positions, taps] matrix P, then dWᵀ = dyᵀ · P with dy seen as [positions, outChannels]
 * (for the course CNN's first layer 43,264 positions × 9 taps: about 12 ms, where the
 * convolution below took 18).
 *
 * For many taps, a convolution on WASM's XNNPACK Conv2D, which runs on its thread pool.
 * Read c as a batch index, b as an input channel and (p, q) as filter taps spaced sh, sw
 * apart: that is Conv2D(xᵀ, dyᵀ) with dilation = the forward stride and stride 1, where
 *   xᵀ  = transpose(x,  [3, 1, 2, 0])  [inChannels, inHeight, inWidth, batch]
 *   dyᵀ = transpose(dy, [1, 2, 0, 3])  [outHeight, outWidth, batch, outChannels]
 * giving [inChannels, ≥filterHeight, ≥filterWidth, outChannels], cropped and transposed
 * back to the filter's [filterHeight, filterWidth, inChannels, outChannels].
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropToSize, floatOffset, release, runLoop, runWasmKernel, transpose, transposeMatrix, view, type ConvGradAttrs, type Shape4D } from './kernel-calls';

interface FilterGradAttrs extends ConvGradAttrs {
  filterShape: Shape4D;
}

/** How the filter gradient is computed (see the file's comment); tests and the bench pick one. */
export type FilterGradMethod = 'im2col' | 'conv';

/**
 * Above this many filter taps (filterHeight · filterWidth · inChannels) the convolution is
 * faster. Medians in Node on one thread, batch 64, 3×3 'valid' (.stress-style kernel bench):
 * 9 taps (28×28×1 → 64) 11.6 ms by patches, 18.2 by convolution; 27 taps (28×28×3 → 32)
 * 13–18 against 11–20, a draw, and the convolution also runs on WASM's thread pool; 72 taps
 * 6–7 against 2–3; 576 taps (the course CNN's second layer) 77 against 30.
 */
export const IM2COL_MAX_TAPS = 16;

/** The patches of x as one matrix [positions, taps] (heap-loops.ts: patches, on every core). */
function patchMatrix(backend: BackendWasm, x: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, filterHeight, filterWidth, inChannels, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
  const taps = filterHeight * filterWidth * inChannels;
  const patches = backend.makeOutput([batchSize * outHeight * outWidth, taps], 'float32');
  runLoop(backend, 'patches', [
    floatOffset(backend, x), floatOffset(backend, patches), batchSize, inHeight, inWidth, inChannels, outHeight, outWidth,
    filterHeight, filterWidth, strideHeight, strideWidth, padInfo.top, padInfo.left,
  ], batchSize * outHeight * outWidth * taps);
  return patches;
}

/**
 * dWᵀ = dyᵀ · patches, then transposed back. XNNPACK packs the right-hand matrix on every call,
 * so the small one goes there: patches [positions, taps], not dy [positions, outChannels].
 */
function filterGradByPatches(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { filterHeight, filterWidth, inChannels, outChannels, batchSize, outHeight, outWidth } = info;
  const patches = patchMatrix(backend, x, info);
  const dyT = transposeMatrix(backend, dy, batchSize * outHeight * outWidth, outChannels);
  const dWT = runWasmKernel('BatchMatMul', backend, { a: dyT, b: patches }, { transposeA: false, transposeB: false });
  const dW = transpose(backend, view(dWT, [outChannels, filterHeight * filterWidth * inChannels]), [1, 0]);
  release(backend, [patches, dyT, dWT]);
  return view(dW, [filterHeight, filterWidth, inChannels, outChannels]);
}

function filterGradByConv(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { filterHeight, filterWidth, inChannels, outChannels, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
  // Rows of padded x the dilated dy covers, beyond the filter height: negative means the forward
  // conv never reached the last rows ('valid' with a stride that does not divide evenly), so
  // nothing is padded and the conv's surplus output rows are cropped off below.
  const padBottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - padInfo.top;
  const padRight = filterWidth + (outWidth - 1) * strideWidth - inWidth - padInfo.left;
  const xT = transpose(backend, x, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  const conv = runWasmKernel('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: 1,
    dilations: [strideHeight, strideWidth],
    pad: [[0, 0], [padInfo.top, Math.max(0, padBottom)], [padInfo.left, Math.max(0, padRight)], [0, 0]],
    dataFormat: 'NHWC',
  });
  const cropped = cropToSize(backend, conv, [inChannels, filterHeight, filterWidth, outChannels]);
  const dW = transpose(backend, cropped, [1, 2, 0, 3]);
  release(backend, [xT, dyT, conv, cropped]);
  return dW;
}

/**
 * dW for a 2-D convolution. Inputs x [batch, inHeight, inWidth, inChannels] and
 * dy [batch, outHeight, outWidth, outChannels]; returns [filterHeight, filterWidth, inChannels, outChannels].
 * A dy larger than the forward output is read from its top-left part only, as tfjs's CPU kernel does.
 */
export function conv2dBackpropFilterWasm(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: FilterGradAttrs }, method?: FilterGradMethod): TensorInfo {
  const { inputs: { x, dy: givenDy }, backend, attrs } = args;
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4D, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') throw new Error("WASM Conv2DBackpropFilter supports dataFormat 'NHWC' only");
  const dy = cropToSize(backend, givenDy, [info.batchSize, info.outHeight, info.outWidth, info.outChannels]);
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const byPatches = (method ?? (taps <= IM2COL_MAX_TAPS ? 'im2col' : 'conv')) === 'im2col';
  const dW = byPatches ? filterGradByPatches(backend, x, dy, info) : filterGradByConv(backend, x, dy, info);
  release(backend, [dy], [givenDy]);
  return dW;
}

/** The kernel config; `method` fixes one way for every shape (tests and the bench compare them). */
export function conv2dBackpropFilterWasmConfigUsing(method?: FilterGradMethod): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ((args: Parameters<typeof conv2dBackpropFilterWasm>[0]) => conv2dBackpropFilterWasm(args, method)) as unknown as KernelFunc,
  };
}

export const conv2dBackpropFilterWasmConfig = conv2dBackpropFilterWasmConfigUsing();
