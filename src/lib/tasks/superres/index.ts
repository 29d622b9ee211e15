/**
 * The super-resolution task: each image shrunk by the scale (average pooling, lesson 3) is the
 * input, the original is the target, trained with mean squared error (trainOnBatch). Lesson 10.
 */
import * as tf from '@tensorflow/tfjs';
import { quantiseProbabilities } from '../../ml/evaluate';
import { perImageMse, psnrFromMse } from '../../math/reconstruction';
import type { BatchMaker, TrainingTensors } from '../../ml/train-loop';
import type { RecordOf, TaskRecordPart } from '../record';
import type { PayloadOf } from '../schema';
import type { TaskModule } from '../task-module';
import { buildSuperres } from './model';
import { imageTrainable } from '../autoencoder';

type Payload = PayloadOf<'superres'>;
type StoredUpscales = NonNullable<RecordOf<'superres'>['upscales']>;

/** Test images kept per record for the lesson's explorer. */
export const KEPT_UPSCALES = 200;
const PIXELS = 784;

// #region shrink
/** The low-resolution images: every scale × scale block averaged into one pixel. */
export function shrink(images: tf.Tensor, scale: number): tf.Tensor4D {
  return tf.avgPool(images as tf.Tensor4D, scale, scale, 'valid');
}
// #endregion

function superresBatches(data: TrainingTensors, scale: number): BatchMaker {
  return (indices) => tf.tidy(() => {
    const y = tf.gather(data.xs, tf.tensor1d(indices, 'int32'));
    return { x: shrink(y, scale), y };
  });
}

interface Evaluation { mse: number; psnr: number; count: number; kept: StoredUpscales }

/** Test figures: outputs clipped to 0…1 (a residual can overshoot), the error per pixel, the first `keep` images as bytes. */
export async function evaluateSuperres(model: tf.LayersModel, data: TrainingTensors, scale: 2 | 4, keep: number): Promise<Evaluation> {
  const count = data.labels.shape[0];
  const shown = Math.min(keep, count);
  const small = PIXELS / (scale * scale);
  const kept = { count: shown, scale, inputs: new Uint8Array(shown * small), outputs: new Uint8Array(shown * PIXELS), labels: Uint8Array.from((await data.labels.data()).subarray(0, shown)), errors: new Float32Array(shown) };
  let squared = 0;
  for (let start = 0; start < count; start += 250) {
    const size = Math.min(250, count - start);
    const [target, input, output] = tf.tidy(() => {
      const y = data.xs.slice(start, size);
      const x = shrink(y, scale);
      return [y, x, (model.predict(x) as tf.Tensor).clipByValue(0, 1)];
    });
    try {
      const [t, i, o] = await Promise.all([target.data(), input.data(), output.data()]);
      const errors = perImageMse(o, t, PIXELS);
      for (const e of errors) squared += e * PIXELS;
      const n = Math.max(0, Math.min(size, shown - start));
      if (n > 0) {
        kept.inputs.set(quantiseProbabilities(i.subarray(0, n * small)), start * small);
        kept.outputs.set(quantiseProbabilities(o.subarray(0, n * PIXELS)), start * PIXELS);
        kept.errors.set(errors.subarray(0, n), start);
      }
    } finally {
      tf.dispose([target, input, output]);
    }
  }
  const mse = squared / (count * PIXELS);
  return { mse, psnr: psnrFromMse(mse), count, kept };
}

function recordOf(p: Payload, e: Evaluation | null): Extract<TaskRecordPart, { task: 'superres' }> {
  return { task: 'superres' as const, model: p.model, scale: p.scale, testMse: e?.mse ?? NaN, testPsnr: e?.psnr ?? NaN, ...(e ? { upscales: e.kept } : {}) };
}

export const superresTask: TaskModule<'superres'> = {
  task: 'superres',
  workKind: () => 'conv-training',
  build: (p) => imageTrainable(buildSuperres(p.model, p.scale, p.seed), p.hyper.learningRate),
  prepare: (p, model) => {
    const side = (model.inputs[0]!.shape as number[])[1];
    if (side !== 28 / p.scale) throw new Error(`These weights take ${side} × ${side} images, so they are for another scale than ×${p.scale}.`);
    return imageTrainable(model, p.hyper.learningRate);
  },
  makeBatches: (p, data) => superresBatches(data, p.scale),
  async validate(p, trained, data) {
    return { valLoss: (await evaluateSuperres(trained.model, data, p.scale, 0)).mse };
  },
  async test(p, trained, data) {
    const e = await evaluateSuperres(trained.model, data, p.scale, KEPT_UPSCALES);
    return { summary: { accuracy: NaN, loss: e.mse, examples: e.count, mse: e.mse, psnr: e.psnr }, record: recordOf(p, e) };
  },
  untestedRecord: (p) => recordOf(p, null),
};
