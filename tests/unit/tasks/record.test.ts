import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../src/lib/tasks/record';
import { listRecords, readRecord, rejectedRecords, type MetaStore } from '../../../src/lib/ml/record-store';

// Records as the course stored them before tasks had modules (one shape for every kind of run,
// `task` absent or 'reconstruct'): a reader's trained models must survive the upgrade.
const common = {
  source: 'trained', dataset: 'mnist', trainExamples: 10000, epochs: 3, hyper: { learningRate: 0.001, batchSize: 64, epochs: 3 }, seed: 42,
  backend: 'wasm', testAccuracy: NaN, testLoss: 0.02, testExamples: 10000, trainAccuracy: NaN,
  history: [{ epoch: 1, loss: 0.05, accuracy: NaN, valLoss: 0.04, smoothing: { loss: { mean: 0.05, weight: 1 }, metrics: {} } }], savedAt: '2026-11-30T10:00:00Z',
};
const oldClassifier = { ...common, key: 'cls-dense', model: 'dense-784-128-10', dataset: 'fashion-mnist', testAccuracy: 0.87, trainAccuracy: 0.9, hiddenUnits: 128,
  predictions: { labels: new Uint8Array(3), predicted: new Uint8Array(3), probabilities: new Uint8Array(30) } };
const oldAutoencoder = { ...common, key: 'ae-dense', model: 'dense-autoencoder', task: 'reconstruct', bottleneck: 16, testMse: 0.015, testPsnr: 18.2 };
const oldDenoiser = { ...oldAutoencoder, key: 'dn-dense', corruption: { kind: 'gaussian', sigma: 0.5 } };
const oldDetector = { ...oldAutoencoder, key: 'anomaly-ae', testAuc: 0.93,
  anomaly: { scores: new Float32Array(2), kinds: new Uint8Array(2), labels: new Uint8Array(2), inputs: new Uint8Array(1568), outputs: new Uint8Array(1568),
    normalDataset: 'mnist', foreignDataset: 'fashion-mnist', corruption: { kind: 'salt-pepper', rate: 0.1 } } };
const oldCheckpoint = { ...common, key: 'ae-dense-checkpoint', model: 'dense-autoencoder', task: 'reconstruct', bottleneck: 16, totalEpochs: 3, epochs: 1 };

function metaOf(values: unknown[]): MetaStore {
  return {
    get: async (key) => values.find((v) => (v as { key: string }).key === key),
    put: async () => undefined, list: async () => values, delete: async () => undefined,
  };
}

describe('stored records', () => {
  it('migrates every old shape to its task, keeping what the reader trained', () => {
    const tasks = [oldClassifier, oldAutoencoder, oldDenoiser, oldDetector, oldCheckpoint].map((raw) => {
      const parsed = parseRecord(raw);
      if (!parsed.ok) throw new Error(`${(raw as { key: string }).key}: ${parsed.error}`);
      return parsed.value;
    });
    expect(tasks.map((r) => r.task)).toEqual(['classifier', 'autoencoder', 'denoiser', 'anomaly', 'autoencoder']);
    const [cls, ae, dn, an, cp] = tasks;
    expect(cls).toMatchObject({ testAccuracy: 0.87, hiddenUnits: 128 });
    expect(cls!.task === 'classifier' && cls!.predictions?.probabilities).toHaveLength(30);
    expect(ae).toMatchObject({ bottleneck: 16, testPsnr: 18.2 });
    expect(dn).toMatchObject({ corruption: { kind: 'gaussian', sigma: 0.5 } });
    expect(an).toMatchObject({ testAuc: 0.93 });
    expect(cp!.task === 'autoencoder' && Number.isNaN(cp!.testPsnr)).toBe(true); // a checkpoint had no test yet
    expect(cp!.history[0]!.smoothing).toEqual({ loss: { mean: 0.05, weight: 1 }, metrics: {} });
  });

  it('treats a damaged record as absent, says why, and lists the rest', async () => {
    const damaged = { ...oldAutoencoder, key: 'ae-conv', bottleneck: 'sixteen' };
    const notEvenAnObject = 'x';
    const meta = metaOf([oldClassifier, damaged, notEvenAnObject, oldDenoiser]);
    expect(await readRecord(meta, 'ae-conv')).toBeUndefined();
    expect(rejectedRecords.get('ae-conv')).toMatch(/bottleneck/);
    expect((await listRecords(meta)).map((r) => r.key).sort()).toEqual(['cls-dense', 'dn-dense']);
    expect((await readRecord(meta, 'dn-dense'))?.task).toBe('denoiser');
  });

  it('drops a damaged smoothing state, not the record', () => {
    const parsed = parseRecord({ ...oldAutoencoder, history: [{ epoch: 1, loss: 0.05, accuracy: NaN, smoothing: { loss: 'high' } }] });
    expect(parsed.ok && parsed.value.history[0]!.smoothing).toBeUndefined();
    expect(parsed.ok).toBe(true);
  });
});
