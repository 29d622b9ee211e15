/**
 * The CNN the lesson's inspection widgets look into (feature maps, filter gallery): the reader's
 * own, when the training cell has stored one, else the shipped pretrained weights
 * (public/models/cnn-fashion/). Each widget loads its own copy and disposes it on unmount, so
 * mounting and unmounting leaves no tensors behind. Runs on tfjs's CPU backend: one image at a
 * time is a few milliseconds there, and it leaves the GPU (or a software stand-in) alone.
 */
import * as tf from '@tensorflow/tfjs';
import { browserModelStore, type ModelRecord } from '../../lib/ml/model-store';
import { describeRecord } from '../../lib/ml/model-store';

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

export interface LessonModel {
  model: tf.LayersModel;
  source: 'trained' | 'pretrained';
  /** "trained on 60,000 Fashion-MNIST images, 2 epochs, test accuracy 90.1%". */
  label: string;
}

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

async function useCpu(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
}

export async function loadPretrainedFigures(url: string): Promise<PretrainedFigures> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return (await response.json()) as PretrainedFigures;
}

/** The reader's stored record under `key`, or undefined (also when IndexedDB is unavailable). */
export async function storedRecord(key: string): Promise<ModelRecord | undefined> {
  try {
    return await browserModelStore()?.get(key);
  } catch {
    return undefined;
  }
}

/** Loads the reader's CNN if stored, else the pretrained one. The caller disposes `model`. */
export async function loadLessonCnn(preferStored = true): Promise<LessonModel> {
  await useCpu();
  if (preferStored) {
    try {
      const loaded = await browserModelStore()?.load(CNN_STORE_KEY);
      if (loaded) {
        const yours = loaded.record.source === 'trained';
        return { model: loaded.model, source: loaded.record.source, label: `${yours ? 'your CNN' : 'the pretrained CNN'}: ${describeRecord(loaded.record)}` };
      }
    } catch {
      // Damaged or half-written weights: fall through to the shipped ones.
    }
  }
  const [model, figures] = await Promise.all([tf.loadLayersModel(`${PRETRAINED_CNN_URL}model.json`), loadPretrainedFigures(CNN_FIGURES_URL).catch(() => undefined)]);
  const label = figures
    ? describeRecord({ source: 'pretrained', dataset: 'fashion-mnist', trainExamples: figures.trainExamples, epochs: figures.epochs, testAccuracy: figures.testAccuracy })
    : 'pretrained weights';
  return { model, source: 'pretrained', label: `the pretrained CNN: ${label}` };
}
