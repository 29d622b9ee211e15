/** The super-resolution task's payload and record fields (tfjs-free). Lesson 10. */
import { z } from '../zod';
import { SUPERRES_MODELS } from '../../ml/model-info';
import { bytes, figure, floats } from '../schema-parts';

/** How much smaller the input is: 28 → 14, or 28 → 7 (lesson 3's average pooling). */
export const superresScale = z.union([z.literal(2), z.literal(4)]);

export const superresPayload = z.object({
  task: z.literal('superres'),
  model: z.enum(SUPERRES_MODELS),
  scale: superresScale,
});

/** The first test images as the network saw and made them, for the lesson's explorer. */
export const storedUpscales = z.object({
  count: z.number().int().min(0),
  scale: superresScale,
  /** [count × (28 / scale)²] the low-resolution inputs, 0…255. */
  inputs: bytes,
  /** [count × 784] the network's outputs, 0…255. */
  outputs: bytes,
  labels: bytes,
  /** [count] mean squared error per image against the original. */
  errors: floats,
});

export const superresRecord = z.object({
  task: z.literal('superres'),
  model: z.enum(SUPERRES_MODELS),
  scale: superresScale,
  testMse: figure,
  testPsnr: figure,
  upscales: storedUpscales.optional(),
});
