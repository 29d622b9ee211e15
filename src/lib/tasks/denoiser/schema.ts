/** The denoiser: an autoencoder trained on corrupted inputs with clean targets (tfjs-free). */
import { z } from '../zod';
import { autoencoderPayloadFields, autoencoderRecordFields } from '../autoencoder/schema';
import { corruptionSpec } from '../schema-parts';

export const denoiserPayload = z.object({
  task: z.literal('denoiser'), ...autoencoderPayloadFields,
  /** Applied to the inputs while training and testing; targets stay clean. */
  corruption: corruptionSpec,
});

export const denoiserRecord = z.object({ task: z.literal('denoiser'), ...autoencoderRecordFields, corruption: corruptionSpec });
