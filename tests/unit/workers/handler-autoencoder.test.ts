import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { PayloadOf, StartPayload } from '../../../src/lib/workers/protocol';
import { parseRequest } from '../../../src/lib/workers/protocol';
import { harness, memoryStore, storedWeights } from '../helpers/memory-store';
import { maxAbsDiff } from '../helpers/compare';

// Autoencoder runs in the worker handler with real tfjs on synthetic images: reconstruction
// error falls, the test PSNR and kept reconstructions reach the record, a denoiser is tested on
// noisy inputs against clean targets, and a checkpointed run continues exactly (optimizer state too).
const START: PayloadOf<'autoencoder'> = {
  task: 'autoencoder', model: 'dense-autoencoder', hyper: { learningRate: 0.003, batchSize: 32, epochs: 3 }, seed: 9, backend: 'cpu',
  data: { kind: 'synthetic', count: 360 }, baseUrl: '', bottleneck: 8,
  validationCount: 60, test: { kind: 'synthetic', count: 120 }, saveKey: 'ae-test',
};

describe('autoencoder runs in the worker handler', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lowers the reconstruction error, tests it, stores reconstructions and codes, frees every tensor', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const epochs = of('epoch').map((e) => e.payload);
    expect(epochs).toHaveLength(3);
    expect(epochs[0]!.accuracy).toBeNaN(); // no accuracy for a reconstruction
    const done = of('done')[0]!.payload;
    // An untrained sigmoid output sits near 0.5 (MSE ≈ 0.2); training brings the error well down.
    expect(done.batchLosses[0]!).toBeGreaterThan(0.1);
    expect(epochs[2]!.valLoss!).toBeLessThan(done.batchLosses[0]! / 4);
    expect(done.test!.mse!).toBeCloseTo(done.test!.loss, 10);
    expect(done.test!.psnr!).toBeCloseTo(10 * Math.log10(1 / done.test!.mse!), 6);
    const record = records.get('ae-test')!;
    expect(record.task).toBe('autoencoder');
    expect(record.bottleneck).toBe(8);
    expect(record.testPsnr).toBe(done.test!.psnr);
    const kept = record.reconstructions!;
    expect(kept.count).toBe(120);
    expect(kept.outputs).toHaveLength(120 * 784);
    expect(kept.codes).toHaveLength(120 * 8);
    expect(kept.codeSize).toBe(8);
    // The kept per-image errors average to the test MSE (all test images are kept here).
    const meanError = (kept.errors as Float32Array).reduce((a, b) => a + b, 0) / kept.count;
    expect(meanError).toBeCloseTo(done.test!.mse!, 5);
  });

  it('trains a denoiser on corrupted inputs and measures it against the clean images', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    await handle({ type: 'start', payload: { ...START, task: 'denoiser', corruption: { kind: 'gaussian', sigma: 0.4 }, saveKey: 'dn-test' } });
    expect(of('error')).toEqual([]);
    const kept = records.get('dn-test')!.reconstructions!;
    const record = records.get('dn-test')!;
    expect(record.corruption).toEqual({ kind: 'gaussian', sigma: 0.4 });
    // The stored inputs are the noisy ones: they differ from the reconstructions far more than
    // a clean autoencoder's inputs would (σ = 0.4 moves pixels by ~0.3 of 255 on average).
    let difference = 0;
    for (let i = 0; i < kept.count * 784; i++) difference += Math.abs(kept.inputs[i]! - kept.outputs[i]!);
    expect(difference / (kept.count * 784)).toBeGreaterThan(40);
    // Measured against the clean images, the denoised output beats the noisy input (PSNR ≈ 9 dB for σ = 0.4, clipped).
    expect(record.testPsnr!).toBeGreaterThan(12);
  });

  it('continues a checkpoint with the same weights and optimizer state as an uninterrupted run', async () => {
    const TWO = { ...START, hyper: { ...START.hyper, epochs: 2 } };
    delete (TWO as Partial<StartPayload>).validationCount;
    const { store, records } = memoryStore();
    // Keep the checkpoint written after epoch 1 (a finished run removes it).
    store.remove = async () => undefined;
    const straight = harness(store);
    await straight.handle({ type: 'start', payload: { ...TWO, saveKey: 'ae-straight', checkpointKey: 'ae-cp' } });
    expect(straight.of('error')).toEqual([]);
    const checkpoint = records.get('ae-cp')!;
    expect(checkpoint.epochs).toBe(1);
    expect(checkpoint.totalEpochs).toBe(2);
    // Adam's step count plus two moments per weight tensor (4 dense layers: 8 of them).
    expect(checkpoint.optimizerState!.length).toBe(1 + 2 * 8);

    const continued = harness(store);
    await continued.handle({ type: 'start', payload: { ...TWO, saveKey: 'ae-continued', initialWeights: { kind: 'store', key: 'ae-cp' }, startEpoch: 1 } });
    expect(continued.of('error')).toEqual([]);
    const weights = (key: string) => storedWeights(store, key);
    const a = await weights('ae-straight');
    const b = await weights('ae-continued');
    expect(Math.max(...a.map((w, i) => maxAbsDiff(w, b[i]!)))).toBeLessThan(1e-5);

    // The checkpoint keeps the smoothed curve's state, so the continued curve goes on where the
    // first run's was at that point, with no jump at the resume.
    expect(checkpoint.history[0]!.smoothing).toBeDefined();
    const straightCurve = straight.of('progress').map((e) => e.payload).filter((p) => p.epoch === 2);
    const continuedCurve = continued.of('progress').map((e) => e.payload);
    expect(continuedCurve).toHaveLength(straightCurve.length);
    continuedCurve.forEach((p, i) => expect(p.smoothedLoss).toBeCloseTo(straightCurve[i]!.smoothedLoss, 5));

    // Without the optimizer state the continued run goes elsewhere: the test can tell.
    records.set('ae-cp', { ...checkpoint, optimizerState: [] });
    const fresh = harness(store);
    await fresh.handle({ type: 'start', payload: { ...TWO, saveKey: 'ae-fresh-adam', initialWeights: { kind: 'store', key: 'ae-cp' }, startEpoch: 1 } });
    const c = await weights('ae-fresh-adam');
    expect(Math.max(...a.map((w, i) => maxAbsDiff(w, c[i]!)))).toBeGreaterThan(1e-3);
  });
});

describe('protocol', () => {
  it('validates bottleneck and corruption', () => {
    const base = { ...START } as Record<string, unknown>;
    expect(parseRequest({ type: 'start', payload: base }).ok).toBe(true);
    expect(parseRequest({ type: 'start', payload: { ...base, bottleneck: 0 } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...base, bottleneck: 1e9 } }).ok).toBe(false);
    const denoiser = { ...base, task: 'denoiser' };
    expect(parseRequest({ type: 'start', payload: denoiser }).ok).toBe(false); // a denoiser needs its corruption
    expect(parseRequest({ type: 'start', payload: { ...denoiser, corruption: { kind: 'gaussian', sigma: Number.POSITIVE_INFINITY } } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...denoiser, corruption: { kind: 'blur' } } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...denoiser, corruption: { kind: 'salt-pepper', rate: 0.2 } } }).ok).toBe(true);
    // A classifier model under an autoencoder task is refused: each task names its own models.
    expect(parseRequest({ type: 'start', payload: { ...base, model: 'dense-784-128-10' } }).ok).toBe(false);
  });
});
