import { describe, expect, it } from 'vitest';
import { doneAnnouncement, epochAnnouncement } from '../../../../src/widgets/training-cell/messages';
import { describeRecord } from '../../../../src/lib/ml/record-text';
import type { DonePayload, EpochPayload } from '../../../../src/lib/workers/protocol';

describe('what a VAE cell says', () => {
  it('announces epochs by loss (a VAE has no accuracy) and the result per image in nats', () => {
    const epoch: EpochPayload = { epoch: 1, epochs: 3, loss: 190.25, accuracy: NaN, valLoss: 180.5, backend: 'wasm' };
    expect(epochAnnouncement(epoch)).toBe('Epoch 1 of 3 finished: training loss 190.3, validation loss 180.5.');
    const done = {
      outcome: 'completed', backend: 'wasm', loss: 176, metrics: {}, examplesSeen: 1000, examplesPerSecond: 1000, batchLosses: [],
      timings: { dataMs: 0, setupMs: 0, trainMs: 2000 }, test: { accuracy: NaN, loss: 176, examples: 10000, reconstruction: 171.02, kl: 5.4 },
    } as DonePayload;
    expect(doneAnnouncement(done)).toBe('Test reconstruction: 171.0 nats, KL 5.4 nats per image. Trained in 2 s.');
  });

  it('describes a stored VAE with its latent size, β and test figures', () => {
    expect(describeRecord({ task: 'vae', source: 'trained', dataset: 'mnist', trainExamples: 10000, epochs: 3, testAccuracy: NaN, latent: 2, beta: 1, testReconstruction: 171.02, testKl: 5.398 }))
      .toBe('trained on 10,000 MNIST images, latent size 2, β = 1, 3 epochs, test reconstruction 171.0 and KL 5.4 nats per image');
  });
});
