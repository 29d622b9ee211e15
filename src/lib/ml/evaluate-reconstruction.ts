/**
 * Evaluates an autoencoder on held-out images in batches: the mean squared error over every
 * pixel (and the PSNR it gives), the error of every image, and the first few inputs, codes and
 * reconstructions as bytes for the lesson's galleries. Leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { corrupt, type CorruptionSpec } from '../math/corruption';
import { perImageMse, psnrFromMse } from '../math/reconstruction';
import { decoderOf, encoderOf } from './models-autoencoder';
import { quantiseProbabilities } from './evaluate';
import { deriveSeed, mulberry32 } from './random';
import type { TrainingTensors } from './train-loop';
import type { StoredReconstructions } from './model-store';

const PIXELS = 784;

export interface ReconstructionEvaluation {
  /** Mean squared error over every pixel of every test image (pixels in [0, 1]). */
  mse: number;
  /** 10·log10(1 / mse), in dB. */
  psnr: number;
  count: number;
  /** What is kept for display: the first `keep` images. */
  kept: StoredReconstructions;
}

export interface ReconstructionOptions {
  /** Corrupt the inputs with this (a denoiser's test); the error is still measured against the clean image. */
  corruption?: CorruptionSpec;
  /** Seed of the test corruption, so every evaluation sees the same noisy images. */
  seed?: number;
  /** How many of the first images to keep as bytes (default 0). */
  keep?: number;
  batchSize?: number;
}


/** The seeded noise of one batch of a run: the same (seed, epoch, batch) always gives the same noise. */
export function batchNoise(seed: number, epoch: number, batch: number): () => number {
  return mulberry32(deriveSeed(seed, 'noise', epoch, batch));
}

/** Corrupts a batch of [n, 28, 28, 1] images on the CPU; returns a new tensor of the same shape. */
export async function corruptBatch(clean: tf.Tensor, spec: CorruptionSpec, rng: () => number): Promise<tf.Tensor> {
  const noisy = corrupt(await clean.data(), 28, 28, spec, rng);
  return tf.tensor(noisy, clean.shape, 'float32');
}

export async function evaluateReconstruction(model: tf.LayersModel, data: TrainingTensors, options: ReconstructionOptions = {}): Promise<ReconstructionEvaluation> {
  const encoder = encoderOf(model);
  const decoder = decoderOf(model);
  try {
    return await evaluateWith(encoder, decoder, data, options);
  } finally {
    decoder.dispose(); // see decoderOf: without this the autoencoder's decoder weights outlive it
  }
}

async function evaluateWith(encoder: tf.LayersModel, decoder: tf.LayersModel, data: TrainingTensors, options: ReconstructionOptions): Promise<ReconstructionEvaluation> {
  const count = data.xs.shape[0];
  const keep = Math.min(count, options.keep ?? 0);
  const batchSize = options.batchSize ?? 250;
  const codeSize = (encoder.outputs[0]!.shape as number[])[1]!;
  const noisy = options.corruption && options.corruption.kind !== 'none' ? options.corruption : null;
  const rng = mulberry32(deriveSeed(options.seed ?? 0, 'test-noise'));
  const kept: StoredReconstructions = {
    count: keep, codeSize, inputs: new Uint8Array(keep * PIXELS), outputs: new Uint8Array(keep * PIXELS),
    codes: new Float32Array(keep * codeSize), labels: Uint8Array.from((await data.labels.data()).subarray(0, keep)), errors: new Float32Array(keep),
  };
  let squaredSum = 0;
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const clean = data.xs.slice([start, 0, 0, 0], [size, -1, -1, -1]);
    const input = noisy ? await corruptBatch(clean, noisy, rng) : clean;
    const code = encoder.predict(input) as tf.Tensor;
    const output = decoder.predict(code) as tf.Tensor;
    try {
      const [cleanValues, inputValues, codeValues, outputValues] = await Promise.all([clean.data(), input.data(), code.data(), output.data()]);
      const errors = perImageMse(outputValues, cleanValues, PIXELS);
      for (const e of errors) squaredSum += e * PIXELS;
      const shown = Math.max(0, Math.min(size, keep - start));
      if (shown > 0) {
        kept.inputs.set(quantiseProbabilities(inputValues.subarray(0, shown * PIXELS)), start * PIXELS);
        kept.outputs.set(quantiseProbabilities(outputValues.subarray(0, shown * PIXELS)), start * PIXELS);
        kept.codes.set(codeValues.subarray(0, shown * codeSize), start * codeSize);
        kept.errors.set(errors.subarray(0, shown), start);
      }
    } finally {
      tf.dispose([clean, input, code, output]);
    }
  }
  const mse = squaredSum / (count * PIXELS);
  return { mse, psnr: psnrFromMse(mse), count, kept };
}
