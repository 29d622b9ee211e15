/**
 * The autoencoder task's payload and record fields (tfjs-free); the denoiser and the anomaly
 * detector extend them.
 */
import { z } from '../zod';
import { AUTOENCODER_MODELS, MAX_BOTTLENECK } from '../../ml/model-info';
import { bytes, figure, floats } from '../schema-parts';

export const autoencoderPayloadFields = {
  model: z.enum(AUTOENCODER_MODELS),
  /** Numbers in the code. */
  bottleneck: z.number().int().min(1).max(MAX_BOTTLENECK),
};

export const autoencoderPayload = z.object({ task: z.literal('autoencoder'), ...autoencoderPayloadFields });

/** What an autoencoder did on the first test images: enough for galleries, scatters and sweeps without tfjs. */
export const storedReconstructions = z.object({
  /** How many of the first test images are kept below. */
  count: z.number().int().min(0),
  /** [count × 784] the inputs as the model saw them (corrupted, for a denoiser), 0…255. */
  inputs: bytes,
  /** [count × 784] the reconstructions, 0…255. */
  outputs: bytes,
  /** [count × codeSize] the codes (the bottleneck's values). */
  codes: floats,
  codeSize: z.number().int().min(1),
  /** [count] true classes (for colouring the code scatter). */
  labels: bytes,
  /** [count] mean squared error per image (reconstruction vs the clean image). */
  errors: floats,
});

export const autoencoderRecordFields = {
  model: z.enum(AUTOENCODER_MODELS),
  /** The code size, as measured on the model (shipped weights may differ from the cell's setting). */
  bottleneck: z.number().int().min(1),
  /** Mean squared error over every test pixel, and the PSNR it gives (dB). */
  testMse: figure,
  testPsnr: figure,
  reconstructions: storedReconstructions.optional(),
};

export const autoencoderRecord = z.object({ task: z.literal('autoencoder'), ...autoencoderRecordFields });
