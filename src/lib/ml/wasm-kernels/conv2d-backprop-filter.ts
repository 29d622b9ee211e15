/**
 * Conv2DBackpropFilter for tfjs-backend-wasm (4.22 has none, so conv nets could not train on
 * WASM). The filter gradient is itself a convolution, run on WASM's fast XNNPACK Conv2D:
 *
 *   dW[i, j, c, o] = Σ_{b, p, q} x[b, p·sh + i − top, q·sw + j − left, c] · dy[b, p, q, o]
 *
 * Read c as a batch index, b as an input channel and (p, q) as filter taps spaced sh, sw
 * apart: that is Conv2D(xᵀ, dyᵀ) with dilation = the forward stride and stride 1, where
 *   xᵀ  = transpose(x,  [3, 1, 2, 0])  [inChannels, inHeight, inWidth, batch]
 *   dyᵀ = transpose(dy, [1, 2, 0, 3])  [outHeight, outWidth, batch, outChannels]
 * giving [inChannels, ≥filterHeight, ≥filterWidth, outChannels], cropped and transposed
 * back to the filter's [filterHeight, filterWidth, inChannels, outChannels].
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropToSize, release, runWasmKernel, transpose, type ConvGradAttrs, type Shape4D } from './kernel-calls';

interface FilterGradAttrs extends ConvGradAttrs {
  filterShape: Shape4D;
}

/**
 * dW for a 2-D convolution. Inputs x [batch, inHeight, inWidth, inChannels] and
 * dy [batch, outHeight, outWidth, outChannels]; returns [filterHeight, filterWidth, inChannels, outChannels].
 */
export function conv2dBackpropFilterWasm(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: FilterGradAttrs }): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4D, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') throw new Error("WASM Conv2DBackpropFilter supports dataFormat 'NHWC' only");
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

export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm as unknown as KernelFunc,
};
