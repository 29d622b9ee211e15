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
import type { PayloadOf } from '../schema';
import type { TaskModule, Trainable } from '../task-module';

type Payload = PayloadOf<'classifier'>;

/** Compiles a classifier (fresh or loaded) with Adam, cross-entropy and accuracy. */
function trainable(model: tf.LayersModel, learningRate: number): Trainable {
  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer, step: kerasStep(model), metricNames: ['accuracy'] };
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
  async validate(_p, trained, data) {
    const v = await evaluateClassifier(trained.model, data);
    return { valLoss: v.loss, valAccuracy: v.accuracy };
  },
  async test(p, trained, data) {
    const e = await evaluateClassifier(trained.model, data);
    return {
      summary: { accuracy: e.accuracy, loss: e.loss, examples: e.labels.length },
      record: {
        task: 'classifier', model: p.model,
        ...(p.model === 'dense-784-128-10' ? { hiddenUnits: p.hiddenUnits ?? HIDDEN_UNITS } : {}),
        predictions: { labels: e.labels, predicted: e.predicted, probabilities: quantiseProbabilities(e.probabilities) },
      },
    };
  },
  untestedRecord: (p) => ({ task: 'classifier', model: p.model, ...(p.model === 'dense-784-128-10' ? { hiddenUnits: p.hiddenUnits ?? HIDDEN_UNITS } : {}) }),
  shippedFields: (meta) => (typeof meta['hiddenUnits'] === 'number' ? { hiddenUnits: meta['hiddenUnits'] } : {}),
};
