/**
 * The variational autoencoder's payload and record fields (tfjs-free). Lesson 8.
 */
import { z } from '../zod';
import { VAE_MODELS } from '../../ml/model-info';
import { bytes, figure, floats } from '../schema-parts';

/** Latent sizes the course allows (2 draws as a plane; 32 is plenty for MNIST); model.ts builds with it. */
export const MAX_LATENT = 32;
/** β above this only blurs every digit into the same one: refuse it as a typo. */
export const MAX_BETA = 16;

export const vaePayload = z.object({
  task: z.literal('vae'),
  model: z.enum(VAE_MODELS),
  /** Numbers in the latent code z. */
  latent: z.number().int().min(1).max(MAX_LATENT),
  /** Weight of the KL term: 1 is the VAE, 0 a plain (noisy) autoencoder, more pulls codes harder towards N(0, I). */
  beta: z.number().min(0).max(MAX_BETA),
});

/** Where the first test images land: their μ, for the explorer's scatter. */
export const storedLatents = z.object({
  count: z.number().int().min(0),
  latent: z.number().int().min(1),
  /** [count × latent] μ of each image. */
  mu: floats,
  /** [count] classes, for colouring the scatter. */
  labels: bytes,
});

export const vaeRecord = z.object({
  task: z.literal('vae'),
  model: z.enum(VAE_MODELS),
  latent: z.number().int().min(1),
  beta: z.number().min(0),
  /** Test figures per image, in nats: reconstruction (binary cross-entropy over 784 pixels) and KL. */
  testReconstruction: figure,
  testKl: figure,
  latents: storedLatents.optional(),
});
