/**
 * Conv2DBackpropInput for tfjs-backend-wasm, replacing its built-in kernel, a plain scalar
 * loop that took about half of each training step of the course CNN. The input gradient is a
 * convolution too, run on WASM's XNNPACK Conv2D:
 *
 *   dx[b, h, w, c] = Σ_{i, j, o} dy[b, p, q, o] · W[i, j, c, o]   where h = p·sh + i − top
 *
 * = Conv2D(dy with sh−1 zeros between rows and sw−1 between columns, W turned 180° and
 * transposed to [filterHeight, filterWidth, outChannels, inChannels]), stride 1, padded by
 * filterHeight−1−top above and filterWidth−1−left on the left. Padding combinations that
 * would need a negative pad fall back to the original kernel.
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropToSize, release, replacingKernelConfig, runWasmKernel, transpose, view, type ConvGradAttrs, type Shape4D } from './kernel-calls';

interface InputGradAttrs extends ConvGradAttrs {
  inputShape: Shape4D;
}

interface InputGradArgs { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: BackendWasm; attrs: InputGradAttrs }

/**
 * dy [batch, outHeight, outWidth, outChannels] with zeros inserted after every row and column:
 * [batch, outHeight·sh, outWidth·sw, outChannels] (trailing zeros included). Returns dy itself for stride 1.
 */
function spreadOut(backend: BackendWasm, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return dy;
  const [batch, rows, cols, channels] = dy.shape as Shape4D;
  const spaced = runWasmKernel('PadV2', backend, { x: view(dy, [batch, rows, 1, cols, 1, channels]) }, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  return view(spaced, [batch, rows * sh, cols * sw, channels]);
}

/**
 * dx for a 2-D convolution. Inputs dy [batch, outHeight, outWidth, outChannels] and filter
 * [filterHeight, filterWidth, inChannels, outChannels]; returns attrs.inputShape
 * [batch, inHeight, inWidth, inChannels]. `fallback` runs shapes this formulation cannot. A dy
 * larger than the forward output implies is read from its top-left part only.
 */
export function conv2dBackpropInputWasm(args: InputGradArgs, fallback?: KernelFunc): TensorInfo {
  const { inputs: { dy: givenDy, filter }, backend, attrs } = args;
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape, filter.shape as Shape4D, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const { batchSize, filterHeight, filterWidth, inChannels, inHeight, inWidth, strideHeight, strideWidth, padInfo } = info;
  const padTop = filterHeight - 1 - padInfo.top;
  const padLeft = filterWidth - 1 - padInfo.left;
  if (info.dataFormat !== 'channelsLast' || padTop < 0 || padLeft < 0) {
    if (!fallback) throw new Error('WASM Conv2DBackpropInput: unsupported data format or padding');
    return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  // A dy larger than the forward output is read from its top-left part only, as tfjs's CPU and WASM kernels do.
  const dy = cropToSize(backend, givenDy, [batchSize, info.outHeight, info.outWidth, info.outChannels]);
  const spread = spreadOut(backend, dy, strideHeight, strideWidth);
  // Rows the conv still needs below the spread-out dy; negative: it has surplus rows, cropped after.
  const padBottom = inHeight + padInfo.top - spread.shape[1]!;
  const padRight = inWidth + padInfo.left - spread.shape[2]!;
  const flipped = runWasmKernel('Reverse', backend, { x: filter }, { dims: [0, 1] });
  const turned = transpose(backend, flipped, [0, 1, 3, 2]);
  const conv = runWasmKernel('Conv2D', backend, { x: spread, filter: turned }, {
    strides: 1,
    dilations: 1,
    pad: [[0, 0], [padTop, Math.max(0, padBottom)], [padLeft, Math.max(0, padRight)], [0, 0]],
    dataFormat: 'NHWC',
  });
  const dx = cropToSize(backend, conv, [batchSize, inHeight, inWidth, inChannels]);
  release(backend, [spread, flipped, turned, conv, dy], [dx, givenDy]);
  return dx;
}

/** The kernel config; `original` (WASM's own kernel) handles what this one does not. */
export function conv2dBackpropInputWasmConfig(original?: KernelConfig): KernelConfig {
  return replacingKernelConfig('Conv2DBackpropInput', conv2dBackpropInputWasm, original);
}
