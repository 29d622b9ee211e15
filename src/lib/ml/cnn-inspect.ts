/**
 * Looking inside a trained CNN, for the lesson "Convolutional networks": a layer table read off
 * the real model (output shapes, parameter counts and the arithmetic behind them), the learned
 * first-layer filters as plain 3×3 kernels, and the feature maps of one image after every
 * conv and pool layer. Framework-free (no DOM), so unit tests run it in Node.
 */
import * as tf from '@tensorflow/tfjs';
import type { Kernel3x3 } from '../math/conv2d';

/** One row of the layer table. */
export interface LayerSummary {
  /** The layer's name in the model, e.g. "conv2d_1". */
  name: string;
  /** What the layer is, in words a reader knows: "Conv2D", "MaxPool 2×2", "Flatten", "Dense". */
  kind: string;
  /** Output shape without the batch dimension, e.g. [26, 26, 64]. */
  outputShape: number[];
  /** Trainable numbers in the layer (weights + biases), counted by tfjs. */
  parameters: number;
  /** How `parameters` comes about, e.g. "3·3·1·64 + 64"; empty for layers without weights. */
  formula: string;
  /** Conv and pool layers: how the side length comes about, e.g. "(28 − 3) / 1 + 1 = 26"; else empty. */
  sizeFormula: string;
}

/** Output size of a 'valid' window of size k moved with stride s over n pixels: ⌊(n − k) / s⌋ + 1. */
export function outputSize(n: number, k: number, stride = 1): number {
  return Math.floor((n - k) / stride) + 1;
}

function shapeOf(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape;
  const single = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  return single.slice(1).map((d) => d ?? 0);
}

function describeKind(layer: tf.layers.Layer): string {
  const config = layer.getConfig();
  switch (layer.getClassName()) {
    case 'Conv2D': {
      const [kh, kw] = config.kernelSize as number[];
      return `Conv2D ${String(config.filters)} × ${kh}×${kw}, ${String(config.activation)}`;
    }
    case 'MaxPooling2D': {
      const [ph, pw] = config.poolSize as number[];
      return `MaxPool ${ph}×${pw}`;
    }
    case 'Dense':
      return `Dense ${String(config.units)}, ${String(config.activation)}`;
    case 'Conv2DTranspose': {
      const [kh, kw] = config.kernelSize as number[];
      return `Conv2DTranspose ${String(config.filters)} × ${kh}×${kw}, stride ${(config.strides as number[])[0]}, ${String(config.activation)}`;
    }
    case 'UpSampling2D':
      return `UpSampling ×${(config.size as number[])[0]}, ${String(config.interpolation)}`;
    case 'Add':
      return 'Add (the two inputs, pixel by pixel)';
    default:
      return layer.getClassName();
  }
}

/** "3·3·1·64 + 64" for a kernel of shape [3, 3, 1, 64] with a bias of 64. */
function formulaOf(layer: tf.layers.Layer): string {
  const weights = layer.getWeights(false);
  if (weights.length === 0) return '';
  return weights.map((w) => w.shape.join('·')).join(' + ');
}

/** The layer table of a model, computed from the model itself. */
export function summariseLayers(model: tf.LayersModel): LayerSummary[] {
  // A functional model lists its input as a layer; the table has its own "Input image" row.
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer').map((layer) => ({
    name: layer.name,
    kind: describeKind(layer),
    outputShape: shapeOf(layer),
    parameters: layer.countParams(),
    formula: formulaOf(layer),
    sizeFormula: sizeFormulaOf(layer),
  }));
}

/** "(28 − 3) / 1 + 1 = 26" for a 'valid' conv or pool layer ("⌊(11 − 2) / 2⌋ + 1 = 5" when it rounds down); else empty. */
function sizeFormulaOf(layer: tf.layers.Layer): string {
  const config = layer.getConfig();
  const window = (config.kernelSize ?? config.poolSize) as number[] | undefined;
  const strides = (config.strides as number[] | undefined) ?? [1, 1];
  if (!window || config.padding !== 'valid') return '';
  const n = (layer.input as tf.SymbolicTensor).shape[1] ?? 0;
  const [k, s] = [window[0]!, strides[0]!];
  const quotient = (n - k) % s === 0 ? `(${n} − ${k}) / ${s}` : `⌊(${n} − ${k}) / ${s}⌋`;
  return `${quotient} + 1 = ${outputSize(n, k, s)}`;
}

/** Sum of the parameters column. */
export function totalParameters(rows: readonly LayerSummary[]): number {
  return rows.reduce((sum, row) => sum + row.parameters, 0);
}

/** One learned filter of the first conv layer. */
export interface LearnedFilter {
  /** Index of the filter (output channel), 0-based. */
  index: number;
  /** Its nine weights, row by row, in the order of Kernel3x3. */
  kernel: Kernel3x3;
  bias: number;
}

function firstConv(model: tf.LayersModel): tf.layers.Layer {
  const layer = model.layers.find((l) => l.getClassName() === 'Conv2D');
  if (!layer) throw new Error('The model has no Conv2D layer');
  return layer;
}

/**
 * The first conv layer's filters. Its kernel has shape [3, 3, 1, filters]: filter f's value at
 * row r, column c sits at ((r·3 + c)·1 + 0)·filters + f. Requires a single input channel.
 */
export async function firstLayerFilters(model: tf.LayersModel): Promise<LearnedFilter[]> {
  const [kernel, bias] = firstConv(model).getWeights();
  if (!kernel || kernel.shape[0] !== 3 || kernel.shape[1] !== 3 || kernel.shape[2] !== 1) {
    throw new Error(`Expected a first-layer kernel of shape [3, 3, 1, n], got [${kernel?.shape.join(', ') ?? ''}]`);
  }
  const filters = kernel.shape[3]!;
  const k = await kernel.data();
  const b = bias ? await bias.data() : new Float32Array(filters);
  return Array.from({ length: filters }, (_, f) => ({
    index: f,
    kernel: Array.from({ length: 9 }, (_, i) => k[i * filters + f]!) as unknown as Kernel3x3,
    bias: b[f]!,
  }));
}

/** The feature maps of one image after one layer. */
export interface FeatureMapStack {
  layerName: string;
  kind: string;
  height: number;
  width: number;
  channels: number;
  /** height × width × channels values, channel last (as tfjs stores them): value(y, x, c) = data[(y·width + x)·channels + c]. */
  data: Float32Array;
}

export interface FeatureMapResult {
  /** One stack per Conv2D and MaxPooling2D layer, in model order. */
  stacks: FeatureMapStack[];
  /** The model's output for the image: [10] class probabilities. */
  probabilities: Float32Array;
}

/** One channel of a stack as a row-major height × width array (for drawing). */
export function channelOf(stack: FeatureMapStack, channel: number): Float32Array {
  const out = new Float32Array(stack.height * stack.width);
  for (let i = 0; i < out.length; i++) out[i] = stack.data[i * stack.channels + channel]!;
  return out;
}

/**
 * Runs one image through the model, keeping every conv and pool layer's output.
 * `pixels`: 784 grey levels 0…255 (row-major 28×28), scaled to [0, 1] here as in training.
 * Builds a throwaway sub-model [1, 28, 28, 1] → [each spatial layer's output, final output]
 * that shares the trained layers (no weights are copied) and disposes every tensor it makes.
 */
export async function featureMaps(model: tf.LayersModel, pixels: ArrayLike<number>): Promise<FeatureMapResult> {
  const [h, w] = [model.inputs[0]!.shape[1] ?? 28, model.inputs[0]!.shape[2] ?? 28];
  if (pixels.length !== h * w) throw new Error(`Expected ${h * w} pixels, got ${pixels.length}`);
  const spatial = model.layers.filter((l) => l.getClassName() === 'Conv2D' || l.getClassName() === 'MaxPooling2D');
  const probe = tf.model({ inputs: model.inputs, outputs: [...spatial.map((l) => l.output as tf.SymbolicTensor), model.outputs[0]!] });
  const outputs = tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(pixels, (v) => v / 255), [1, h, w, 1]);
    return probe.predict(x) as tf.Tensor[];
  });
  try {
    const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
    const stacks = spatial.map((layer, i) => {
      const [, height, width, channels] = outputs[i]!.shape as [number, number, number, number];
      return { layerName: layer.name, kind: describeKind(layer), height, width, channels, data: values[i]! };
    });
    return { stacks, probabilities: values[values.length - 1]! };
  } finally {
    tf.dispose(outputs);
  }
}

/**
 * float32 → IEEE 754 half precision (round to nearest even), as tfjs's float16 weight
 * quantisation expects. Halves the size of the shipped weights at no measurable accuracy cost.
 */
export function encodeFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0); // Inf or NaN
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00; // too big: Inf
    } else if (e <= 0) {
      if (e < -10) {
        out[i] = sign; // too small: ±0
        continue;
      }
      mant |= 0x800000; // subnormal half: shift the implicit 1 in
      const shift = 14 - e;
      let half = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && (half & 1))) half += 1;
      out[i] = sign | half;
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rest = mant & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half += 1; // may carry into the exponent: correct
      out[i] = sign | half;
    }
  }
  return out;
}

/**
 * Defaults of the lesson's CNN training cell (the rest are the cell's own): as many images as
 * the dense network's cell uses, three epochs: about three minutes on WASM without a GPU, and
 * better than the dense network's five epochs on the same images.
 * scripts/pretrain-cnn.ts --reference trains exactly these for the cell's reference curve.
 */
export const CNN_CELL_DEFAULTS = { epochs: 3, trainSize: 20000 } as const;
