import { describe, expect, it } from 'vitest';
import { pretrainedFolder, pretrainedRequest, runSummary, trainRequest } from '../../../../src/widgets/training-cell/run-payload';
import { DEFAULT_SETTINGS, corruptionOf, noiseSettings } from '../../../../src/widgets/training-cell/settings';
import { parseRequest, type DonePayload } from '../../../../src/lib/workers/protocol';
import type { CellOptions } from '../../../../src/widgets/training-cell/types';

const denoiser: CellOptions = { model: 'dense-autoencoder', dataset: 'mnist', storeKey: 'dn-dense', baseUrl: '', corruption: { kind: 'gaussian', sigma: 0.5 } };
const valid = (request: object) => parseRequest({ type: 'start', payload: { ...request, baseUrl: '' } });

describe('training cell requests', () => {
  it('asks for what the settings say, and the worker accepts it', () => {
    const s = { ...DEFAULT_SETTINGS, dataset: 'mnist' as const, bottleneck: 4, noiseKind: 'salt-pepper' as const, noiseLevel: 0.2, trainSize: 1000 };
    const r = trainRequest(denoiser, s, 'dn-dense-checkpoint', {}, 'auto');
    expect(r).toMatchObject({ task: 'denoiser', bottleneck: 4, corruption: { kind: 'salt-pepper', rate: 0.2 } });
    expect(r.data).toEqual({ kind: 'dataset', dataset: 'mnist', split: 'train', limit: 1000 });
    expect(valid(r).ok).toBe(true);
    const classifier = trainRequest({ model: 'dense-784-128-10', dataset: 'fashion-mnist', storeKey: 'cls-dense', baseUrl: '' }, { ...DEFAULT_SETTINGS, hiddenUnits: 32 }, 'cp', {}, 'wasm');
    expect(classifier).toMatchObject({ task: 'classifier', hiddenUnits: 32 });
    expect('corruption' in classifier).toBe(false);
    expect(valid(classifier).ok).toBe(true);
    expect(valid(pretrainedRequest(denoiser, s, 'http://x/model.json')).ok).toBe(true);
  });

  it('picks the shipped network of the chosen data set and scale where the folder names them', () => {
    const s = { ...DEFAULT_SETTINGS, dataset: 'fashion-mnist' as const, scale: 4 as const };
    expect(pretrainedFolder('models/sr-{dataset}-x{scale}', s)).toBe('models/sr-fashion-mnist-x4');
    expect(pretrainedFolder('models/dn-dense-mnist', s)).toBe('models/dn-dense-mnist');
    const sr: CellOptions = { model: 'sr-upsample', dataset: 'mnist', storeKey: 'sr', baseUrl: '', pretrained: 'models/sr-{dataset}-x{scale}' };
    const r = pretrainedRequest(sr, s, 'http://x/model.json');
    expect(r).toMatchObject({ task: 'superres', scale: 4, data: { dataset: 'fashion-mnist' }, test: { dataset: 'fashion-mnist' } });
    expect(valid(r).ok).toBe(true);
    // A single shipped network was trained on the cell's own data set, whatever the reader chose.
    expect(pretrainedRequest({ ...denoiser, pretrained: 'models/dn-dense-mnist' }, s, 'http://x/model.json').data).toMatchObject({ dataset: 'mnist' });
  });

  it('turns noise settings into a corruption and back', () => {
    for (const c of [{ kind: 'gaussian', sigma: 0.3 }, { kind: 'salt-pepper', rate: 0.1 }, { kind: 'mask', fraction: 0.25 }] as const) {
      expect(corruptionOf(noiseSettings(c)!)).toEqual(c);
    }
    expect(noiseSettings({ kind: 'none' })).toBeNull();
  });

  it('logs trained runs without non-finite figures; loaded weights only with their record', () => {
    const done = (examplesSeen: number): DonePayload => ({
      outcome: 'completed', backend: 'wasm', loss: 0.02, metrics: {}, examplesSeen, examplesPerSecond: 1000, batchLosses: [],
      timings: { dataMs: 0, setupMs: 0, trainMs: 1000 }, test: { accuracy: NaN, loss: 0.02, examples: 10000, mse: 0.02, psnr: 16.99 },
    });
    const summary = runSummary(denoiser, { ...DEFAULT_SETTINGS, dataset: 'mnist' }, done(5000))!;
    expect(summary).toMatchObject({ storeKey: 'dn-dense', bottleneck: 16, testPsnr: 16.99, testMse: 0.02, corruption: { kind: 'gaussian', sigma: 0.5 } });
    expect('testAccuracy' in summary).toBe(false);
    expect(runSummary(denoiser, DEFAULT_SETTINGS, done(0))).toBeNull();
  });

  it('logs loaded pretrained weights with the settings they were trained with, marked pretrained', () => {
    const autoencoder: CellOptions = { model: 'dense-autoencoder', dataset: 'mnist', storeKey: 'ae-dense', baseUrl: '' };
    const record = { task: 'autoencoder', dataset: 'mnist', trainExamples: 30000, epochs: 5, bottleneck: 16 } as unknown as NonNullable<DonePayload['record']>;
    const loaded: DonePayload = {
      outcome: 'completed', backend: 'wasm', loss: 0.0137, metrics: {}, examplesSeen: 0, examplesPerSecond: 0, batchLosses: [],
      timings: { dataMs: 0, setupMs: 0, trainMs: 0 }, test: { accuracy: NaN, loss: 0.0137, examples: 10000, mse: 0.0137, psnr: 18.64 }, record,
    };
    // The reader's settings (a code of 2, 1,000 images) are not what the weights were trained with.
    const summary = runSummary(autoencoder, { ...DEFAULT_SETTINGS, bottleneck: 2, trainSize: 1000, dataset: 'fashion-mnist' }, loaded)!;
    expect(summary).toMatchObject({ source: 'pretrained', storeKey: 'ae-dense', dataset: 'mnist', trainExamples: 30000, epochs: 5, bottleneck: 16, testPsnr: 18.64 });
    expect('corruption' in summary).toBe(false);
  });

  it('asks for a VAE with its latent size and β, and logs its figures with the evenness of its test codes', () => {
    const vae: CellOptions = { model: 'vae-dense', dataset: 'mnist', storeKey: 'vae', baseUrl: '' };
    const r = trainRequest(vae, { ...DEFAULT_SETTINGS, dataset: 'mnist', latent: 8, beta: 0.5 }, 'vae-checkpoint', {}, 'auto');
    expect(r).toMatchObject({ task: 'vae', model: 'vae-dense', latent: 8, beta: 0.5 });
    expect(valid(r).ok).toBe(true);
    // Four codes, one in each quarter of the plane: evenness log 4 / log 64 = 1/3.
    const latents = { count: 4, latent: 2, mu: Float32Array.from([-1, -1, 1, -1, -1, 1, 1, 1]), labels: Uint8Array.from([0, 1, 2, 3]) };
    const record = { task: 'vae', latent: 2, beta: 0.5, testReconstruction: 160.5, testKl: 6.25, latents } as unknown as NonNullable<DonePayload['record']>;
    const done: DonePayload = {
      outcome: 'completed', backend: 'wasm', loss: 170, metrics: {}, examplesSeen: 3000, examplesPerSecond: 1000, batchLosses: [],
      timings: { dataMs: 0, setupMs: 0, trainMs: 1000 }, test: { accuracy: NaN, loss: 170, examples: 10000, reconstruction: 160.5, kl: 6.25 }, record,
    };
    const summary = runSummary(vae, { ...DEFAULT_SETTINGS, dataset: 'mnist', latent: 2, beta: 0.5 }, done)!;
    expect(summary).toMatchObject({ storeKey: 'vae', latent: 2, beta: 0.5, testReconstruction: 160.5, testKl: 6.25 });
    expect(summary.evenness).toBeCloseTo(1 / 3, 9);
    expect('bottleneck' in summary).toBe(false);
  });
});
