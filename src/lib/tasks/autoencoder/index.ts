/**
 * The autoencoder task: the image back through a k-number code, trained with mean squared
 * error (trainOnBatch). Lesson 5; the denoiser and the anomaly detector are built from the same
 * parts (reconstructionParts) with their own inputs and tests.
 */
import * as tf from '@tensorflow/tfjs';
import type { CorruptionSpec } from '../../math/corruption';
import { batchNoise, corruptBatch, evaluateReconstruction, type ReconstructionEvaluation } from '../../ml/evaluate-reconstruction';
import { MODEL_INFO } from '../../ml/model-info';
import { buildConvAutoencoder, buildDenseAutoencoder } from '../../ml/models-autoencoder';
import { kerasStep, type BatchMaker, type TrainingTensors } from '../../ml/train-loop';
import type { PayloadOf, TestSummary } from '../schema';
import type { TaskModule, Trainable } from '../task-module';

/** Test images kept per record for the lessons' galleries and code scatter. */
export const KEPT_RECONSTRUCTIONS = 1000;

type ReconstructionPayload = PayloadOf<'autoencoder' | 'denoiser' | 'anomaly'>;

/** Compiles a model that outputs images (autoencoders, super-resolution) with Adam on the mean squared error. */
export function imageTrainable(model: tf.LayersModel, learningRate: number): Trainable {
  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return { model, optimizer, step: kerasStep(model), metricNames: [] };
}

/** Batches x = y = the images, or x corrupted by seeded noise (a denoiser) with clean targets y. */
// #region batch-maker
export function reconstructionBatches(data: TrainingTensors, noise: CorruptionSpec | null, seed: number): BatchMaker {
  return async (indices, epoch, batch) => {
    const clean = tf.tidy(() => tf.gather(data.xs, tf.tensor1d(indices, 'int32')));
    if (!noise) return { x: clean, y: clean };
    try {
      return { x: await corruptBatch(clean, noise, batchNoise(seed, epoch, batch)), y: clean };
    } catch (error) {
      clean.dispose();
      throw error;
    }
  };
}
// #endregion

/** The parts every reconstructing task shares; `corruption` is what its inputs get (none for a plain autoencoder). */
export function reconstructionParts<P extends ReconstructionPayload>(corruptionOf: (p: P) => CorruptionSpec | null) {
  const evaluate = (p: P, model: tf.LayersModel, data: TrainingTensors, keep = 0): Promise<ReconstructionEvaluation> => {
    const corruption = corruptionOf(p);
    return evaluateReconstruction(model, data, { ...(corruption ? { corruption } : {}), seed: p.seed, keep });
  };
  return {
    workKind: (p: P) => MODEL_INFO[p.model].kind,
    build(p: P): Trainable {
      const model = p.model === 'dense-autoencoder' ? buildDenseAutoencoder(p.seed, p.hyper, p.bottleneck) : buildConvAutoencoder(p.seed, p.hyper, p.bottleneck);
      model.optimizer?.dispose(); // the builder's: imageTrainable() makes the one the run owns
      return imageTrainable(model, p.hyper.learningRate);
    },
    prepare: (p: P, model: tf.LayersModel): Trainable => imageTrainable(model, p.hyper.learningRate),
    makeBatches: (p: P, data: TrainingTensors): BatchMaker => {
      const noise = corruptionOf(p);
      return reconstructionBatches(data, noise && noise.kind !== 'none' ? noise : null, p.seed);
    },
    async validate(p: P, trained: Trainable, data: TrainingTensors) {
      return { valLoss: (await evaluate(p, trained.model, data)).mse };
    },
    untestedFields: (p: P) => ({ model: p.model, bottleneck: p.bottleneck, testMse: NaN, testPsnr: NaN }),
    /** The test figures and the record fields every reconstructing task stores. */
    async testFields(p: P, trained: Trainable, data: TrainingTensors) {
      const e = await evaluate(p, trained.model, data, KEPT_RECONSTRUCTIONS);
      const summary: TestSummary = { accuracy: NaN, loss: e.mse, examples: e.count, mse: e.mse, psnr: e.psnr };
      // The code size as measured on the model itself: shipped weights may differ from the cell's setting.
      return { summary, fields: { model: p.model, bottleneck: e.kept.codeSize, testMse: e.mse, testPsnr: e.psnr, reconstructions: e.kept } };
    },
  };
}

const parts = reconstructionParts<PayloadOf<'autoencoder'>>(() => null);

export const autoencoderTask: TaskModule<'autoencoder'> = {
  task: 'autoencoder',
  ...parts,
  async test(p, trained, data) {
    const { summary, fields } = await parts.testFields(p, trained, data);
    return { summary, record: { task: 'autoencoder', ...fields } };
  },
  untestedRecord: (p) => ({ task: 'autoencoder', ...parts.untestedFields(p) }),
};
