/**
 * The training cell's settings: choices offered per control and the reader's values,
 * parsed from strings (selects) with clear limits. Framework-free.
 */
import { BOTTLENECK } from '../../lib/ml/model-info';
import type { CellDataset, CellSettings, NoiseKind } from '../../lib/tasks/cell';
import type { FeatureLayer } from '../../lib/tasks/features/schema';
import { corruptionAt, type CorruptionSpec } from '../../lib/math/corruption';

export type { CellDataset, CellSettings, NoiseKind } from '../../lib/tasks/cell';

export const EPOCH_CHOICES = [1, 2, 3, 5, 8, 10, 15, 20, 30, 50];
export const BATCH_CHOICES = [16, 32, 64, 128, 256, 512];
export const LEARNING_RATE_CHOICES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
export const HIDDEN_UNIT_CHOICES = [8, 16, 32, 64, 128, 256, 512];
export const TRAIN_SIZE_CHOICES = [250, 500, 1000, 2000, 5000, 10000, 20000, 30000, 55000];
/** VAEs: latent sizes (2 can be drawn as a plane) and weights β of the KL term (0 switches it off, 1 is the VAE proper). */
export const LATENT_CHOICES = [2, 4, 8, 16, 32];
export const BETA_CHOICES = [0, 0.5, 1, 2, 4];
/** Lesson 6: labelled training images per class (the few-labels experiment's steps). */
export const LABELS_PER_CLASS_CHOICES = [1, 10, 100, 1000];
export const FEATURE_LABELS: Record<FeatureLayer, string> = {
  pixels: 'Raw pixels (784)',
  'cnn-dense': 'CNN dense layer (128)',
  'cnn-flatten': 'CNN conv output (1,600)',
  'autoencoder-code': 'Autoencoder code',
};

/** Training examples are loaded on top of these, held out to draw the validation curve. */
export const VALIDATION_COUNT = 5000;
/** The whole Fashion-MNIST test split. */
export const TEST_COUNT = 10000;

export const DEFAULT_SETTINGS: CellSettings = {
  epochs: 5, batchSize: 64, learningRate: 0.001, trainSize: 20000, hiddenUnits: 128, bottleneck: BOTTLENECK, latent: 2, beta: 1, dataset: 'fashion-mnist', noiseKind: 'gaussian', noiseLevel: 0.5,
  features: 'cnn-dense', labelsPerClass: 100, scale: 2, seed: 42,
};

export const NOISE_LABELS: Record<NoiseKind, string> = { gaussian: 'Gaussian noise (σ)', 'salt-pepper': 'Salt and pepper (rate)', mask: 'Masked square (area)' };
export const NOISE_LEVEL_CHOICES: Record<NoiseKind, number[]> = {
  gaussian: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8],
  'salt-pepper': [0.05, 0.1, 0.2, 0.3, 0.4, 0.5],
  mask: [0.1, 0.2, 0.3, 0.4, 0.5],
};

/** The corruption of a denoiser's settings. */
export function corruptionOf(s: Pick<CellSettings, 'noiseKind' | 'noiseLevel'>): CorruptionSpec {
  return corruptionAt(s.noiseKind, s.noiseLevel);
}

export { noiseSettings } from '../../lib/tasks/denoiser/cell';

export const DATASET_LABELS: Record<CellDataset, string> = { mnist: 'MNIST digits', 'fashion-mnist': 'Fashion-MNIST' };

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 1) return '< 1 s';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return `${minutes} min ${rest.toString().padStart(2, '0')} s`;
}

/** Largest seed the cell accepts: six digits are plenty of different starts, and easy to copy. */
export const MAX_SEED = 999_999;
export const SEED_HINT = `Type a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}: each one gives a different, repeatable start.`;

/** The Seed field's text as a seed, or why not, in words for the reader (never reaches the worker). */
export function parseSeed(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: false, reason: `Empty. ${SEED_HINT}` };
  if (t.length > 12 || !/^[0-9]+$/.test(t) || Number(t) > MAX_SEED) return { ok: false, reason: `“${t.length > 12 ? `${t.slice(0, 12)}…` : t}” is not a seed. ${SEED_HINT}` };
  return { ok: true, value: Number(t) };
}

export const percent = (fraction: number, digits = 1): string => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '–');
export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Seconds a run takes at `examplesPerSecond` (training only; loading and testing add a few). */
export function estimateSeconds(examplesPerSecond: number, s: Pick<CellSettings, 'epochs' | 'trainSize'>): number {
  return (s.epochs * s.trainSize) / examplesPerSecond;
}

/** Time a default run should take at most: long enough to learn, short enough to wait for. */
export const DEFAULT_RUN_SECONDS = 60;

/** The largest offered training-set size, up to the lesson's default, that trains within DEFAULT_RUN_SECONDS. */
export function pickTrainSize(examplesPerSecond: number, s: Pick<CellSettings, 'epochs' | 'trainSize'>): number {
  const fitting = TRAIN_SIZE_CHOICES.filter((n) => n <= s.trainSize && estimateSeconds(examplesPerSecond, { epochs: s.epochs, trainSize: n }) <= DEFAULT_RUN_SECONDS);
  return fitting.at(-1) ?? TRAIN_SIZE_CHOICES[0]!;
}
