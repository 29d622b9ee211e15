/**
 * What lesson 4's widgets know about its models without loading tfjs: store keys, where the
 * shipped CNN and its figures are, and the figures' shape (scripts/pretrain-cnn.ts writes them).
 */
export { storedRecord } from '../../lib/ml/record-store';

/** Store key of the CNN trained in the lesson's training cell. */
export const CNN_STORE_KEY = 'cnn-course';
/** Store key of lesson 1's dense network (content/lessons/01-classification). */
export const DENSE_STORE_KEY = 'cls-dense';

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
export const PRETRAINED_CNN_URL = `${BASE}models/cnn-fashion/`;
/** Figures of the pretrained CNN (scripts/pretrain-cnn.ts). */
export const CNN_FIGURES_URL = `${PRETRAINED_CNN_URL}training.json`;
/** Lesson 1's dense network trained under the same conditions as the CNN (figures only). */
export const DENSE_BASELINE_URL = `${PRETRAINED_CNN_URL}dense-baseline.json`;

/** Figures written by scripts/pretrain-cnn.ts (training.json, dense-baseline.json). */
export interface PretrainedFigures {
  model: string;
  trainExamples: number;
  epochs: number;
  secondsPerEpoch: number[];
  examplesPerSecond: number;
  trainAccuracy: number;
  testAccuracy: number;
  testExamples: number;
  parameters: number;
}

export async function loadPretrainedFigures(url: string): Promise<PretrainedFigures> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return (await response.json()) as PretrainedFigures;
}

