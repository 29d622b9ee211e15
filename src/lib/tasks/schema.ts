/**
 * The worker's start payload: the fields every run has, and one variant per task keyed by `task`
 * (a discriminated union validated by zod, tfjs-free). A task adds its payload schema here and its
 * module in registry.ts; nothing else in the runtime names tasks.
 */
import { z } from './zod';
import type { ProbeReport } from '../ml/backends';
import { anomalyPayload } from './anomaly/schema';
import { autoencoderPayload } from './autoencoder/schema';
import { classifierPayload } from './classifier/schema';
import { denoiserPayload } from './denoiser/schema';
import { vaePayload } from './vae/schema';
import { featuresPayload } from './features/schema';
import { superresPayload } from './superres/schema';
import { backendName, dataSource, describeIssues, hyperParameters, storeKey } from './schema-parts';

export { MAX_EXAMPLES } from './schema-parts';

/** Fields of every start payload, whatever the task. */
const common = z.object({
  hyper: hyperParameters,
  seed: z.number().int().min(0).max(0xffffffff),
  /** 'auto' = the measured choice for the model's kind of work; a name forces that backend. */
  backend: z.union([z.literal('auto'), backendName]),
  data: dataSource,
  /** Stop (outcome 'time-limit') after this many seconds of training. */
  maxSeconds: z.number().positive().optional(),
  /** A probe report the page already has (its cache), so the worker need not measure again. */
  probe: z.custom<ProbeReport>((v) => typeof v === 'object' && v !== null && Array.isArray((v as ProbeReport).probes)).optional(),
  /** Site base path without trailing slash, for the WASM binaries and data ('' at the root). */
  baseUrl: z.string(),
  /** Hold out this many loaded training examples (the last ones) for per-epoch validation; a 'dataset' source loads them on top of `limit`. */
  validationCount: z.number().int().min(1).max(70_000).optional(),
  /** Held-out test data, evaluated once training completes. */
  test: dataSource.optional(),
  /** Keep the trained model in the browser's model store under this key. */
  saveKey: storeKey.optional(),
  /** Start from shipped weights (a URL under the site) or a stored model instead of fresh seeded ones. */
  initialWeights: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('url'), url: z.string() }),
    z.object({ kind: z.literal('store'), key: storeKey }),
  ]).optional(),
  /** Do not train: evaluate `initialWeights` on `test` and store them. `data` names the record's data set only. */
  evaluateOnly: z.boolean().optional(),
  /** After every epoch but the last, store the weights (and optimizer state) here, so a reload can continue. */
  checkpointKey: storeKey.optional(),
  /** 0-based epoch to start at, when continuing a checkpoint. */
  startEpoch: z.number().int().min(0).optional(),
});

const TASK_PAYLOADS = [classifierPayload, autoencoderPayload, denoiserPayload, anomalyPayload, vaePayload, featuresPayload, superresPayload] as const;

export const startPayload = z.discriminatedUnion('task', TASK_PAYLOADS.map((task) => common.extend(task.shape)) as unknown as [
  z.ZodObject<typeof common.shape & typeof classifierPayload.shape>,
  z.ZodObject<typeof common.shape & typeof autoencoderPayload.shape>,
  z.ZodObject<typeof common.shape & typeof denoiserPayload.shape>,
  z.ZodObject<typeof common.shape & typeof anomalyPayload.shape>,
  z.ZodObject<typeof common.shape & typeof vaePayload.shape>,
  z.ZodObject<typeof common.shape & typeof featuresPayload.shape>,
  z.ZodObject<typeof common.shape & typeof superresPayload.shape>,
]).refine((p) => !p.evaluateOnly || (p.initialWeights !== undefined && p.test !== undefined), { message: 'evaluateOnly needs initialWeights and test' });

export type StartPayload = z.infer<typeof startPayload>;
export type TaskName = StartPayload['task'];
/** What a page asks for: a start payload without what the client adds (base URL, cached probe). */
export type StartRequest = StartPayload extends infer P ? (P extends unknown ? Omit<P, 'baseUrl' | 'probe'> : never) : never;
export type DataSource = z.infer<typeof dataSource>;
export type DatasetName = DataSource extends infer D ? D extends { dataset: infer N } ? N : never : never;
export type PayloadOf<T extends TaskName> = Extract<StartPayload, { task: T }>;
export type AnomalyTest = z.infer<typeof anomalyPayload.shape.anomalyTest>;

export const TASK_NAMES: readonly TaskName[] = TASK_PAYLOADS.map((t) => t.shape.task.value);

/** A start payload, or why not ("hyper.batchSize: Too big: expected number to be <=4096"). */
export function parseStartPayload(value: unknown): { ok: true; value: StartPayload } | { ok: false; error: string } {
  const result = startPayload.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) };
}

/** The test evaluation sent to the page in 'done'. Classifiers: accuracy and cross-entropy; reconstructing tasks: loss = mse and its PSNR. */
export interface TestSummary {
  accuracy: number;
  loss: number;
  examples: number;
  mse?: number;
  psnr?: number;
  auc?: number;
  /** A VAE's terms per image (nats): reconstruction and KL; loss = reconstruction + β·KL. */
  reconstruction?: number;
  kl?: number;
}
