/**
 * The variational autoencoder task (lesson 8): a custom step (reconstruction + β·KL through
 * optimizer.minimize, reported as separate terms), batches of images that are their own
 * targets, and a test that keeps where each test image lands in the latent space.
 */
import * as tf from '@tensorflow/tfjs';
import { MODEL_INFO } from '../../ml/model-info';
import type { TaskModule, Trainable } from '../task-module';
import type { PayloadOf } from '../schema';
import { evaluateVae } from './evaluate';
import { VAE_METRIC_NAMES, vaeBatches, vaeStep } from './loss';
import { buildVae, latentOf, vaeParts } from './model';

type Payload = PayloadOf<'vae'>;

/** Test images whose μ the record keeps, for the explorer's scatter. */
export const KEPT_LATENTS = 1000;

function trainable(p: Payload, model: tf.LayersModel): Trainable {
  const parts = vaeParts(model);
  const optimizer = tf.train.adam(p.hyper.learningRate);
  return { model, optimizer, step: vaeStep(parts, optimizer, p.beta, p.seed), metricNames: [...VAE_METRIC_NAMES] };
}

export const vaeTask: TaskModule<'vae'> = {
  task: 'vae',
  workKind: (p) => MODEL_INFO[p.model].kind,
  build: (p) => trainable(p, buildVae(p.seed, p.latent)),
  prepare: (p, model) => trainable(p, model),
  makeBatches: (_p, data) => vaeBatches(data),
  async validate(p, trained, data) {
    const e = await evaluateVae(vaeParts(trained.model), data, p.beta, p.seed);
    return { valLoss: e.total };
  },
  async test(p, trained, data) {
    const e = await evaluateVae(vaeParts(trained.model), data, p.beta, p.seed);
    const count = Math.min(KEPT_LATENTS, e.count);
    const labels = Uint8Array.from((await data.labels.data()).subarray(0, count));
    return {
      summary: { accuracy: NaN, loss: e.total, examples: e.count, reconstruction: e.reconstruction, kl: e.kl },
      record: {
        task: 'vae', model: p.model, latent: latentOf(trained.model), beta: p.beta, testReconstruction: e.reconstruction, testKl: e.kl,
        latents: { count, latent: e.latent, mu: e.mu.slice(0, count * e.latent), labels },
      },
    };
  },
  untestedRecord: (p) => ({ task: 'vae', model: p.model, latent: p.latent, beta: p.beta, testReconstruction: NaN, testKl: NaN }),
  shippedFields: (meta) => (typeof meta['beta'] === 'number' ? { beta: meta['beta'] } : {}),
};
