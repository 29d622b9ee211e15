import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { PayloadOf } from '../../../src/lib/workers/protocol';
import { parseRequest } from '../../../src/lib/workers/protocol';
import { harness, memoryStore, storedWeights } from '../helpers/memory-store';
import { maxAbsDiff } from '../helpers/compare';

// The VAE through the generic worker handler: its custom step reports reconstruction and KL as
// separate terms, the record keeps where test images land, and a run continued from a checkpoint
// (weights and Adam's state) ends where an unbroken one does.
const START: PayloadOf<'vae'> = {
  task: 'vae', model: 'vae-dense', latent: 2, beta: 1, hyper: { learningRate: 0.003, batchSize: 32, epochs: 2 }, seed: 11, backend: 'cpu',
  data: { kind: 'synthetic', count: 128 }, baseUrl: '', test: { kind: 'synthetic', count: 32 }, saveKey: 'vae-test',
};

describe('VAE runs in the worker handler', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains with the custom step, reports both terms, stores the latents, frees every tensor', async () => {
    const { store, records } = memoryStore();
    const { handle, of } = harness(store);
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: { ...START, validationCount: 32 } });
    expect(of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const progress = of('progress').map((e) => e.payload);
    expect(Object.keys(progress[0]!.metrics).sort()).toEqual(['kl', 'reconstruction']);
    const epochs = of('epoch').map((e) => e.payload);
    expect(epochs[0]!.metrics).toHaveProperty('kl');
    expect(epochs[1]!.loss).toBeLessThan(epochs[0]!.loss);
    const done = of('done')[0]!.payload;
    expect(done.test!.loss).toBeCloseTo(done.test!.reconstruction! + done.test!.kl!, 3);
    const record = records.get('vae-test')!;
    expect(record).toMatchObject({ task: 'vae', latent: 2, beta: 1 });
    expect(record.latents.mu).toHaveLength(32 * 2);
  });

  it('continues a checkpoint to the same weights as an unbroken run (Adam state included)', async () => {
    const { store, records } = memoryStore();
    store.remove = async () => undefined; // keep the checkpoint written after epoch 1
    const straight = harness(store);
    await straight.handle({ type: 'start', payload: { ...START, saveKey: 'vae-straight', checkpointKey: 'vae-cp' } });
    expect(straight.of('error')).toEqual([]);
    expect(records.get('vae-cp')!.optimizerState!.length).toBeGreaterThan(1);
    const continued = harness(store);
    await continued.handle({ type: 'start', payload: { ...START, saveKey: 'vae-continued', initialWeights: { kind: 'store', key: 'vae-cp' }, startEpoch: 1 } });
    expect(continued.of('error')).toEqual([]);
    const weights = (key: string) => storedWeights(store, key);
    const a = await weights('vae-straight');
    const b = await weights('vae-continued');
    expect(Math.max(...a.map((w, i) => maxAbsDiff(w, b[i]!)))).toBeLessThan(1e-5);
  });

  it('validates latent size and β', () => {
    expect(parseRequest({ type: 'start', payload: START }).ok).toBe(true);
    expect(parseRequest({ type: 'start', payload: { ...START, latent: 0 } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...START, latent: 64 } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...START, beta: -1 } }).ok).toBe(false);
    expect(parseRequest({ type: 'start', payload: { ...START, model: 'dense-autoencoder' } }).ok).toBe(false);
  });
});
