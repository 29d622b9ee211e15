/**
 * One row per model for the comparison table, from the reader's stored record when there is one,
 * else from the figures shipped with the pretrained weights (training.json). Pure, no tfjs.
 */
import type { ModelRecord } from '../../lib/tasks/record';
import type { PretrainedFigures } from '../feature-maps/lesson-figures';

export interface ComparisonRow {
  name: string;
  source: 'yours' | 'pretrained';
  parameters: number;
  trainExamples: number;
  epochs: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Seconds per epoch over 60,000 images, measured when pretraining (the store keeps no timings). */
  secondsPerEpoch: number | null;
}

/** Seconds one epoch of `examples` images took in the pretraining run, scaled to 60,000 images. */
export function epochSecondsFor60k(figures: PretrainedFigures | undefined): number | null {
  if (!figures || !(figures.examplesPerSecond > 0)) return null;
  return 60000 / figures.examplesPerSecond;
}

export function comparisonRow(name: string, record: ModelRecord | undefined, figures: PretrainedFigures | undefined, parameters: number): ComparisonRow | null {
  const secondsPerEpoch = epochSecondsFor60k(figures);
  if (record) {
    return { name, source: record.source === 'trained' ? 'yours' : 'pretrained', parameters, trainExamples: record.trainExamples, epochs: record.epochs, trainAccuracy: record.trainAccuracy, testAccuracy: record.testAccuracy, secondsPerEpoch };
  }
  if (!figures) return null;
  return { name, source: 'pretrained', parameters, trainExamples: figures.trainExamples, epochs: figures.epochs, trainAccuracy: figures.trainAccuracy, testAccuracy: figures.testAccuracy, secondsPerEpoch };
}

/** "3 min 2 s", "45 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
