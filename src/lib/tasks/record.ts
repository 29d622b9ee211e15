/**
 * What the model store keeps beside a model's weights: the fields every record has, and the
 * task's own part keyed by `task` (tfjs-free, validated by zod when read). Records written before
 * tasks had modules (a `task` of undefined or 'reconstruct') are migrated when read, so a reader's
 * trained models survive the upgrade.
 */
import { z } from './zod';
import { anomalyRecord } from './anomaly/schema';
import { autoencoderRecord } from './autoencoder/schema';
import { classifierRecord } from './classifier/schema';
import { denoiserRecord } from './denoiser/schema';
import { vaeRecord } from './vae/schema';
import { featuresRecord } from './features/schema';
import { superresRecord } from './superres/schema';
import { datasetName, describeIssues, epochStats, figure, hyperParameters, savedTensor, storeKey } from './schema-parts';

const common = z.object({
  key: storeKey,
  /** Trained by the reader in this browser, or loaded from the shipped weights. */
  source: z.enum(['trained', 'pretrained']),
  dataset: datasetName,
  trainExamples: z.number().int().min(0),
  /** Epochs trained (for a checkpoint: those done so far). */
  epochs: z.number().int().min(0),
  hyper: hyperParameters,
  seed: z.number().int().min(0),
  backend: z.string(),
  /** Test figures; accuracy is NaN for tasks without classes. */
  testAccuracy: figure,
  testLoss: figure,
  testExamples: z.number().int().min(0),
  /** Mean accuracy on the training data in the last epoch (NaN without classes). */
  trainAccuracy: figure,
  history: z.array(epochStats),
  /** ISO date. */
  savedAt: z.string(),
  /** A checkpoint of an unfinished run: the epochs the run was set to train. */
  totalEpochs: z.number().int().min(1).optional(),
  /** A checkpoint: the optimizer's state (Adam's step count and moments), so the continued run takes the same steps. */
  optimizerState: z.array(savedTensor).optional(),
});

const TASK_RECORDS = [classifierRecord, autoencoderRecord, denoiserRecord, anomalyRecord, vaeRecord, featuresRecord, superresRecord] as const;

export const modelRecord = z.discriminatedUnion('task', TASK_RECORDS.map((part) => common.extend(part.shape)) as unknown as [
  z.ZodObject<typeof common.shape & typeof classifierRecord.shape>,
  z.ZodObject<typeof common.shape & typeof autoencoderRecord.shape>,
  z.ZodObject<typeof common.shape & typeof denoiserRecord.shape>,
  z.ZodObject<typeof common.shape & typeof anomalyRecord.shape>,
  z.ZodObject<typeof common.shape & typeof vaeRecord.shape>,
  z.ZodObject<typeof common.shape & typeof featuresRecord.shape>,
  z.ZodObject<typeof common.shape & typeof superresRecord.shape>,
]);

export type ModelRecord = z.infer<typeof modelRecord>;
/** The task's own part of a record (what its module's test() returns). */
export type TaskRecordPart = z.infer<typeof TASK_RECORDS[number]>;
export type RecordOf<T extends ModelRecord['task']> = Extract<ModelRecord, { task: T }>;
export type EpochStats = z.infer<typeof epochStats>;
export type StoredPredictions = NonNullable<RecordOf<'classifier'>['predictions']>;
export type StoredReconstructions = NonNullable<RecordOf<'autoencoder'>['reconstructions']>;
export type StoredAnomalyScores = NonNullable<RecordOf<'anomaly'>['anomaly']>;
/** Records whose model reconstructs its input (autoencoder, denoiser, anomaly detector). */
export type ReconstructionRecord = RecordOf<'autoencoder' | 'denoiser' | 'anomaly'>;

export function isReconstructionRecord(record: ModelRecord | undefined | null): record is ReconstructionRecord {
  return record?.task === 'autoencoder' || record?.task === 'denoiser' || record?.task === 'anomaly';
}

/** The noise a denoiser was trained on; undefined for any other record. */
export function trainingCorruption(record: ModelRecord | null | undefined): RecordOf<'denoiser'>['corruption'] | undefined {
  return record?.task === 'denoiser' ? record.corruption : undefined;
}

/**
 * A record in the old single shape (no module per task) given its task: `task` absent meant a
 * classifier; 'reconstruct' an autoencoder, a denoiser when it had a corruption, an anomaly
 * detector when it had anomaly scores. Other values are returned as they are.
 */
export function migrateRecord(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = raw as Record<string, unknown>;
  if (r['task'] === undefined) return { ...r, task: 'classifier' };
  if (r['task'] !== 'reconstruct') return raw;
  // Checkpoints were stored before testing, without test figures.
  const tested = { testMse: r['testMse'] ?? NaN, testPsnr: r['testPsnr'] ?? NaN };
  const corruption = r['corruption'] as { kind?: unknown } | undefined;
  if (r['anomaly'] !== undefined || r['testAuc'] !== undefined) {
    const { corruption: _dropped, ...rest } = r;
    return { ...rest, ...tested, task: 'anomaly', testAuc: r['testAuc'] ?? NaN };
  }
  if (corruption && corruption.kind !== 'none') return { ...r, ...tested, task: 'denoiser' };
  const { corruption: _none, ...rest } = r;
  return { ...rest, ...tested, task: 'autoencoder' };
}

/** A stored record checked (after migration), or why it cannot be used. */
export function parseRecord(raw: unknown): { ok: true; value: ModelRecord } | { ok: false; error: string } {
  const result = modelRecord.safeParse(migrateRecord(raw));
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) };
}
