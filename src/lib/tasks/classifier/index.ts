/**
 * The classifier task: images in, one of ten classes out, trained with cross-entropy
 * (trainOnBatch). Lessons 1, 3 and 4.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluateClassifier, quantiseProbabilities } from '../../ml/evaluate';
import { HIDDEN_UNITS, MODEL_INFO } from '../../ml/model-info';
import { MODELS } from '../../ml/models';
import { buildDenseClassifier } from '../../ml/models-classification';
import { classificationBatches, kerasStep } from '../../ml/train-loop';
import type { TrainingTensors } from '../../ml/train-loop';
import type { StoredPredictions } from '../record';
import type { PayloadOf, TestSummary } from '../schema';
import type { TaskModule, Trainable, ValidationFigures } from '../task-module';

type Payload = PayloadOf<'classifier'>;

/** Compiles a classifier (fresh or loaded, softmax regression too) with Adam, cross-entropy and accuracy. */
export function trainable(model: tf.LayersModel, learningRate: number): Trainable {
  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer, step: kerasStep(model), metricNames: ['accuracy'] };
}

/** Validation figures of any model that predicts the ten classes (the classifiers, softmax regression). */
export async function classValidation(trained: Trainable, data: TrainingTensors): Promise<ValidationFigures> {
  const v = await evaluateClassifier(trained.model, data);
  return { valLoss: v.loss, valAccuracy: v.accuracy };
}

/** The test summary and the stored predictions of a model that predicts the ten classes. */
export async function classTest(trained: Trainable, data: TrainingTensors): Promise<{ summary: TestSummary; predictions: StoredPredictions }> {
  const e = await evaluateClassifier(trained.model, data);
  return {
    summary: { accuracy: e.accuracy, loss: e.loss, examples: e.labels.length },
    predictions: { labels: e.labels, predicted: e.predicted, probabilities: quantiseProbabilities(e.probabilities) },
  };
}

export const classifierTask: TaskModule<'classifier'> = {
  task: 'classifier',
  workKind: (p) => MODEL_INFO[p.model].kind,
  build(p: Payload) {
    const model = p.model === 'dense-784-128-10'
      ? buildDenseClassifier(p.seed, p.hyper, p.hiddenUnits ?? HIDDEN_UNITS)
      : MODELS[p.model].build(p.seed, p.hyper);
    model.optimizer?.dispose(); // the builder's optimizer: trainable() gives it a fresh one it owns
    return trainable(model, p.hyper.learningRate);
  },
  prepare: (p, model) => trainable(model, p.hyper.learningRate),
  makeBatches: (_p, data) => classificationBatches(data),
  validate: (_p, trained, data) => classValidation(trained, data),
  async test(p, trained, data) {
    const { summary, predictions } = await classTest(trained, data);
    return { summary, record: { task: 'classifier', model: p.model, ...(p.model === 'dense-784-128-10' ? { hiddenUnits: p.hiddenUnits ?? HIDDEN_UNITS } : {}), predictions } };
  },
  untestedRecord: (p) => ({ task: 'classifier', model: p.model, ...(p.model === 'dense-784-128-10' ? { hiddenUnits: p.hiddenUnits ?? HIDDEN_UNITS } : {}) }),
  shippedFields: (meta) => (typeof meta['hiddenUnits'] === 'number' ? { hiddenUnits: meta['hiddenUnits'] } : {}),
};
