import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { encodeCodes, encodeMeans } from '../../../src/lib/ml/latent-codes';
import { buildVae, vaeParts } from '../../../src/lib/tasks/vae/model';

describe('latent codes of a few images', () => {
  it('gives a VAE’s μ (the first half of its stats) and leaves no tensors behind', async () => {
    await tf.setBackend('cpu');
    const model = buildVae(1, 3, 16);
    const parts = vaeParts(model);
    const images = new Uint8Array(2 * 784).map((_, i) => (i * 7) % 256);
    const before = tf.memory().numTensors;
    const mu = encodeMeans(parts.encoder, images, 2);
    const stats = encodeCodes(parts.encoder, images, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(mu).toHaveLength(2);
    expect(mu[0]).toHaveLength(3);
    expect(stats[1]).toHaveLength(6);
    for (let j = 0; j < 3; j++) expect(mu[1]![j]).toBeCloseTo(stats[1]![j]!, 6);
    expect(() => encodeMeans(parts.encoder, images, 3)).toThrow(/784/);
    model.dispose();
  });
});
