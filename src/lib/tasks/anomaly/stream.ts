/**
 * The anomaly-detection test of an autoencoder trained on "normal" images: a mixed stream of
 * held-out normal images, images of the other data set and corrupted normal images, each scored by
 * how badly the autoencoder reconstructs it (the image as given: a detector never sees a clean
 * original). A good detector scores the anomalies higher: the AUC says how often.
 */
import * as tf from '@tensorflow/tfjs';
import { auc } from '../../math/detection';
import { corruptBatch, evaluateReconstruction } from '../../ml/evaluate-reconstruction';
import { deriveSeed, mulberry32 } from '../../ml/random';
import type { StoredAnomalyScores } from '../record';
import type { TrainingTensors } from '../../ml/train-loop';
import type { AnomalyTest, DataSource, DatasetName } from '../schema';

export const NORMAL = 0;
export const FOREIGN = 1;
export const CORRUPTED = 2;

type Load = (source: DataSource) => Promise<TrainingTensors>;

const other = (d: DatasetName): DatasetName => (d === 'mnist' ? 'fashion-mnist' : 'mnist');

/** Scores the stream; the caller owns nothing new (every tensor made here is disposed). */
export async function scoreAnomalyStream(model: tf.LayersModel, normalDataset: DatasetName, spec: AnomalyTest, seed: number, load: Load): Promise<{ scores: StoredAnomalyScores; auc: number }> {
  const parts: Array<{ kind: number; data: TrainingTensors }> = [];
  try {
    // One load covers the normal images and, after them, the ones to corrupt.
    const normal = await load({ kind: 'dataset', dataset: normalDataset, split: 'test', limit: spec.normal + spec.corrupted });
    const count = Math.min(spec.normal, normal.labels.shape[0]);
    const slice = (from: number, n: number): TrainingTensors => ({
      xs: normal.xs.slice([from, 0, 0, 0], [n, -1, -1, -1]), labels: normal.labels.slice([from], [n]),
    });
    try {
      parts.push({ kind: NORMAL, data: slice(0, count) });
      const rest = normal.labels.shape[0] - count;
      if (spec.corrupted > 0 && rest > 0) {
        const toCorrupt = slice(count, rest);
        const xs = await corruptBatch(toCorrupt.xs, spec.corruption, mulberry32(deriveSeed(seed, 'anomaly-corruption'))).finally(() => toCorrupt.xs.dispose());
        parts.push({ kind: CORRUPTED, data: { xs: xs as tf.Tensor4D, labels: toCorrupt.labels } });
      }
    } finally {
      normal.xs.dispose();
      normal.labels.dispose();
    }
    if (spec.foreign > 0) parts.push({ kind: FOREIGN, data: await load({ kind: 'dataset', dataset: other(normalDataset), split: 'test', limit: spec.foreign }) });

    const total = parts.reduce((n, part) => n + part.data.labels.shape[0], 0);
    const out: StoredAnomalyScores = {
      scores: new Float32Array(total), kinds: new Uint8Array(total), labels: new Uint8Array(total),
      inputs: new Uint8Array(total * 784), outputs: new Uint8Array(total * 784),
      normalDataset, foreignDataset: other(normalDataset), corruption: spec.corruption,
    };
    let at = 0;
    for (const part of parts) {
      const n = part.data.labels.shape[0];
      const e = await evaluateReconstruction(model, part.data, { keep: n });
      out.scores.set(e.kept.errors, at);
      out.kinds.fill(part.kind, at, at + n);
      out.labels.set(e.kept.labels, at);
      out.inputs.set(e.kept.inputs, at * 784);
      out.outputs.set(e.kept.outputs, at * 784);
      at += n;
    }
    return { scores: out, auc: auc(out.scores, Array.from(out.kinds, (k) => k !== NORMAL)) };
  } finally {
    for (const part of parts) {
      part.data.xs.dispose();
      part.data.labels.dispose();
    }
  }
}
