/**
 * The deep-features task: a frozen network turns images into feature rows (extract.ts), and
 * softmax regression (one Dense layer, softmax, cross-entropy, trainOnBatch) learns ten classes
 * from them. Raw pixels are the baseline. Lesson 6.
 */
import * as tf from '@tensorflow/tfjs';
import { classTest, classValidation, trainable } from '../classifier';
import { firstPerClass } from '../../math/per-class';
import { NUM_CLASSES } from '../../ml/model-info';
import { classificationBatches } from '../../ml/train-loop';
import type { TrainingTensors } from '../../ml/train-loop';
import type { PayloadOf } from '../schema';
import type { TaskModule } from '../task-module';
import { featureTensors, loadedSetName, openExtractor } from './extract';
import { buildSoftmaxRegression } from './model';

type Payload = PayloadOf<'features'>;

function dimsOf(p: Payload): number {
  if (!p.extracted) throw new Error('The features have not been computed yet (prepareData runs before the model is built).');
  return p.extracted.dims;
}

/** The training images to use: all loaded, or the first n of each class. */
async function labelled(p: Payload, train: TrainingTensors): Promise<TrainingTensors> {
  if (p.labelsPerClass === undefined) return tf.tidy(() => ({ xs: train.xs.clone(), labels: train.labels.clone() }));
  const picked = firstPerClass(await train.labels.data(), p.labelsPerClass, NUM_CLASSES);
  return tf.tidy(() => {
    const idx = tf.tensor1d(picked, 'int32');
    return { xs: tf.gather(train.xs, idx), labels: tf.gather(train.labels, idx) };
  });
}

/**
 * One factor that brings the training rows to unit root-mean-square. ReLU features run large
 * (tens), pixels small (0…1): with one scale for all, a learning rate that suits one suits the
 * other. Every set gets the training rows' factor, as a model deployed later would.
 */
function rmsScale(train: TrainingTensors): number {
  const meanSquare = tf.tidy(() => train.xs.square().mean().dataSync()[0]!);
  return meanSquare > 0 ? 1 / Math.sqrt(meanSquare) : 1;
}

/** The rows times `scale`, in place of the originals (disposed). */
function scaled(set: TrainingTensors, scale: number): TrainingTensors {
  const xs = tf.tidy(() => set.xs.mul(scale)) as TrainingTensors['xs'];
  set.xs.dispose();
  return { xs, labels: set.labels };
}

/**
 * Names a set of the run's images for the feature cache. The training and validation images are
 * the two ends of one loaded source (the validation count held out of its end); the test set is
 * named as the source alone, so the retrieval index of the same images shares its rows.
 */
function setName(p: Payload, part: 'train' | 'validation' | 'test'): string | null {
  if (part === 'test') return p.test ? loadedSetName(p.test, p.seed + 1) : null; // run-parts loads the test set with seed + 1
  const loaded = loadedSetName(p.data, p.seed);
  if (loaded === null) return null;
  const split = `${loaded}+${p.validationCount ?? 0} held out`;
  return part === 'validation' ? `validation|${split}` : `train|${split}|per-class ${p.labelsPerClass ?? 'all'}`;
}

export const featuresTask: TaskModule<'features'> = {
  task: 'features',
  workKind: () => 'dense-training',
  async prepareData(p, sets, tools) {
    const extractor = await openExtractor(p.features, p.preferStored !== false, p.baseUrl, tools.store);
    const made: TrainingTensors[] = [];
    try {
      const rows = async (set: TrainingTensors, part: 'train' | 'validation' | 'test', stage: string): Promise<TrainingTensors> => {
        const out = await featureTensors(extractor, set, setName(p, part), (done, total) => tools.progress(stage, done, total), tools.rows);
        made.push(out);
        return out;
      };
      const what = p.features === 'pixels' ? 'Reading the pixels of' : 'Computing deep features of';
      const subset = await labelled(p, sets.train);
      let train: TrainingTensors;
      try {
        train = await rows(subset, 'train', `${what} the training images`);
      } finally {
        subset.xs.dispose();
        subset.labels.dispose();
      }
      const validation = sets.validation ? await rows(sets.validation, 'validation', `${what} the validation images`) : null;
      const test = sets.test ? await rows(sets.test, 'test', `${what} the test images`) : null;
      const dims = train.xs.shape[1]!;
      const extracted = { dims, origin: extractor.origin, ...(extractor.note ? { note: extractor.note } : {}) };
      const scale = rmsScale(train);
      return { payload: { ...p, extracted }, sets: { train: scaled(train, scale), validation: validation && scaled(validation, scale), test: test && scaled(test, scale) } };
    } catch (error) {
      made.forEach((t) => { t.xs.dispose(); t.labels.dispose(); });
      throw error;
    } finally {
      extractor.dispose();
    }
  },
  build: (p) => trainable(buildSoftmaxRegression(dimsOf(p), p.seed), p.hyper.learningRate),
  prepare: (p, model) => {
    const expected = dimsOf(p);
    const got = (model.inputs[0]!.shape as number[]).at(-1);
    if (got !== expected) throw new Error(`These stored weights take ${got} features per image, but the chosen features have ${expected}.`);
    return trainable(model, p.hyper.learningRate);
  },
  makeBatches: (_p, data) => classificationBatches(data),
  validate: (_p, trained, data) => classValidation(trained, data),
  async test(p, trained, data) {
    const { summary, predictions } = await classTest(trained, data);
    return { summary, record: { ...recordPart(p), predictions } };
  },
  untestedRecord: (p) => recordPart(p),
};

function recordPart(p: Payload) {
  const x = p.extracted;
  return {
    task: 'features' as const, model: p.model, features: p.features, dims: x?.dims ?? 1, extractor: x?.origin ?? 'none',
    ...(p.labelsPerClass !== undefined ? { labelsPerClass: p.labelsPerClass } : {}), ...(x?.note ? { extractorNote: x.note } : {}),
  };
}

