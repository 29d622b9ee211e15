/**
 * The CNN the lesson's inspection widgets look into (feature maps, filter gallery): the reader's
 * own, when the training cell has stored one, else the shipped pretrained weights
 * (public/models/cnn-fashion/), shared through the page's model cache: the widgets hold one copy
 * between them and the last to unmount frees it. Runs on tfjs's CPU backend (model-cache.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { modelCache } from '../../lib/ml/model-cache';
import { describeRecord } from '../../lib/ml/record-text';
import { CNN_FIGURES_URL, CNN_STORE_KEY, PRETRAINED_CNN_URL, loadPretrainedFigures } from './lesson-figures';

export { CNN_STORE_KEY } from './lesson-figures';

export interface LessonModel {
  /** Shared with the page's other widgets: do not dispose; release() when done. */
  model: tf.LayersModel;
  source: 'trained' | 'pretrained';
  /** "trained on 60,000 Fashion-MNIST images, 2 epochs, test accuracy 90.1%". */
  label: string;
  release(): void;
}

/** The reader's CNN if stored, else the pretrained one, from the page's model cache (one copy for every widget). */
export async function loadLessonCnn(): Promise<LessonModel> {
  const lease = await modelCache.acquire({ storeKey: CNN_STORE_KEY, shippedUrl: PRETRAINED_CNN_URL });
  if (!lease) throw new Error('The pretrained CNN could not be loaded');
  if (lease.record) {
    const yours = lease.record.source === 'trained';
    return { model: lease.model, source: lease.record.source, label: `${yours ? 'your CNN' : 'the pretrained CNN'}: ${describeRecord(lease.record)}`, release: lease.release };
  }
  const figures = await loadPretrainedFigures(CNN_FIGURES_URL).catch(() => undefined);
  const label = figures
    ? describeRecord({ source: 'pretrained', dataset: 'fashion-mnist', trainExamples: figures.trainExamples, epochs: figures.epochs, testAccuracy: figures.testAccuracy })
    : 'pretrained weights';
  return { model: lease.model, source: 'pretrained', label: `the pretrained CNN: ${label}`, release: lease.release };
}
