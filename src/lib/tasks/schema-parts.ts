/**
 * Zod pieces shared by the tasks' payload and record schemas (tfjs-free). Numbers that may be
 * NaN (a metric a task does not have) say so: zod's number() refuses NaN and ±Infinity.
 */
import { z } from './zod';
import { BACKEND_NAMES } from '../ml/backends';
import { isSmoothingState, type SmoothingState } from '../math/smoothed-curve';

/** Upper bound for a 'bytes' or 'dataset' run: all 70,000 images of a data set. */
export const MAX_EXAMPLES = 70_000;
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Typed arrays (any backing buffer: z.instanceof would demand an ArrayBuffer one). */
export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be a Uint8Array');
export const floats = z.custom<Float32Array>((v) => v instanceof Float32Array, 'must be a Float32Array');

/** A finite number, or NaN where a figure does not apply. */
export const figure = z.union([z.number(), z.nan()]);
export const storeKey = z.string().regex(KEY_PATTERN, '1–64 lowercase letters, digits or hyphens');
export const datasetName = z.enum(['mnist', 'fashion-mnist']);
export const backendName = z.enum(BACKEND_NAMES);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const hyperParameters = z.object({
  learningRate: z.number().gt(0).max(10),
  batchSize: whole(1, 4096),
  epochs: whole(1, 1000),
});

export const corruptionSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('gaussian'), sigma: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('salt-pepper'), rate: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('mask'), fraction: z.number().min(0).max(1) }),
]);

export const dataSource = z.discriminatedUnion('kind', [
  /** count × 28 × 28 uint8 pixels and count uint8 labels; sent as transferables. */
  z.object({ kind: z.literal('bytes'), images: bytes, labels: bytes })
    .refine((d) => d.labels.length >= 1 && d.labels.length <= MAX_EXAMPLES, { message: `must hold 1 to ${MAX_EXAMPLES} labels`, path: ['labels'] })
    .refine((d) => d.images.length === d.labels.length * 784, { message: 'must hold 784 bytes per label', path: ['images'] }),
  /** Loaded inside the worker (src/lib/data/loader.ts), the first `limit` examples. */
  z.object({ kind: z.literal('dataset'), dataset: datasetName, split: z.enum(['train', 'test']), limit: whole(1, MAX_EXAMPLES) }),
  /** Generated, learnable stand-in data (ml/synthetic.ts), for probes and tests. */
  z.object({ kind: z.literal('synthetic'), count: whole(1, MAX_EXAMPLES) }),
]);

export const bottleneckSize = (max: number) => whole(1, max);

/** One finished epoch as stored in a record's history. */
export const epochStats = z.object({
  epoch: whole(0, 1_000_000),
  loss: figure,
  accuracy: figure,
  valLoss: figure.optional(),
  valAccuracy: figure.optional(),
  /** Per-epoch means of the task's other terms (a VAE's reconstruction and KL). */
  metrics: z.record(z.string(), figure).optional(),
  /** The smoothed curve's state at the epoch's end; a damaged one is dropped (the curve then restarts its average), not the record. */
  smoothing: z.custom<SmoothingState>((v) => isSmoothingState(v)).optional().catch(undefined),
});

export const savedTensor = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32']),
  values: floats,
});

/** "at path: message" for the first few issues, for error replies a reader or developer can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.length ? issue.path.join('.') : 'message'}: ${issue.message}`).join('; ');
}
