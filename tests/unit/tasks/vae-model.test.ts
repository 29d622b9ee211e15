import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  buildVae, hiddenUnitsOf, latentOf, MAX_LATENT, VAE_HIDDEN_UNITS, VAE_LATENT, vaeParameters, vaeParts,
} from '../../../src/lib/tasks/vae/model';
import { bceFromLogits, reparameterise, seededEpsilon, vaeLossTerms } from '../../../src/lib/tasks/vae/loss';
import { decodeLatent, decodeLatents, evaluateVae } from '../../../src/lib/tasks/vae/evaluate';
import { meanGaussianKl } from '../../../src/lib/math/gaussian-kl';
import { manifoldGrid } from '../../../src/lib/math/latent-grid';
import { maxAbsDiff, useCpuBackend } from '../helpers/compare';

useCpuBackend();

/** The model's artifacts in memory, as the model store would write them. */
async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}

const images = (n: number, seed: number) => tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', seed) as tf.Tensor4D;

describe('buildVae', () => {
  it('has two inputs and two outputs of the documented shapes, for every latent size', () => {
    for (const latent of [1, VAE_LATENT, 8, MAX_LATENT]) {
      const model = buildVae(1, latent);
      expect(model.inputs.map((t) => t.shape)).toEqual([[null, 28, 28, 1], [null, latent]]);
      expect(model.outputs.map((t) => t.shape)).toEqual([[null, 2 * latent], [null, 28, 28, 1]]);
      expect(model.countParams()).toBe(vaeParameters(latent));
      expect(latentOf(model)).toBe(latent);
      expect(hiddenUnitsOf(model)).toBe(VAE_HIDDEN_UNITS);
      model.dispose();
    }
    // 785·256 + 2·257·2 + 3·256 + 257·784 with the default 256 hidden units.
    expect(vaeParameters(2, 256)).toBe(200_960 + 1_028 + 768 + 201_488);
  });

  it('is seeded and refuses a latent size out of range', () => {
    const first = (m: tf.LayersModel) => Array.from(m.getWeights()[0]!.dataSync().slice(0, 20));
    const [a, b, c] = [buildVae(5), buildVae(5), buildVae(6)];
    expect(first(a)).toEqual(first(b));
    expect(first(a)).not.toEqual(first(c));
    [a, b, c].forEach((m) => m.dispose());
    for (const bad of [0, 2.5, MAX_LATENT + 1]) expect(() => buildVae(1, bad)).toThrow(/latent size/);
  });
});

describe('vaeParts', () => {
  it('cuts out an encoder and a decoder that compute what the combined model does', () => {
    const model = buildVae(3, 4);
    const { encoder, decoder, logits } = vaeParts(model);
    const x = images(5, 1);
    const z = tf.randomNormal([5, 4], 0, 1, 'float32', 2);
    const [stats, decoded] = model.predict([x, z]) as tf.Tensor[];
    const fromEncoder = encoder.predict(x) as tf.Tensor;
    const fromDecoder = decoder.predict(z) as tf.Tensor;
    const fromLogits = logits.predict(z) as tf.Tensor;
    expect(fromEncoder.shape).toEqual([5, 8]);
    expect(fromDecoder.shape).toEqual([5, 28, 28, 1]);
    expect(fromLogits.shape).toEqual([5, 784]);
    expect(maxAbsDiff(fromEncoder.dataSync(), stats!.dataSync())).toBe(0);
    expect(maxAbsDiff(fromDecoder.dataSync(), decoded!.dataSync())).toBe(0);
    expect(maxAbsDiff(tf.sigmoid(fromLogits).dataSync(), decoded!.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, z, stats!, decoded!, fromEncoder, fromDecoder, fromLogits]);
    model.dispose();
  });

  it('round-trips through save and load as one artifact, and the parts still work', async () => {
    const model = buildVae(4, 3);
    const artifacts = await saveToMemory(model);
    expect(artifacts.weightSpecs!.length).toBe(model.getWeights().length);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const a = vaeParts(model);
    const b = vaeParts(loaded);
    expect(b.latent).toBe(3);
    const x = images(4, 5);
    const z = tf.randomNormal([4, 3], 0, 1, 'float32', 6);
    const [ea, eb, da, db] = [a.encoder.predict(x), b.encoder.predict(x), a.decoder.predict(z), b.decoder.predict(z)] as tf.Tensor[];
    expect(maxAbsDiff(ea!.dataSync(), eb!.dataSync())).toBe(0);
    expect(maxAbsDiff(da!.dataSync(), db!.dataSync())).toBe(0);
    tf.dispose([x, z, ea!, eb!, da!, db!]);
    model.dispose();
    loaded.dispose();
  });

  it('shares the weights: disposing the combined model frees every tensor the parts used', () => {
    const before = tf.memory().numTensors;
    const model = buildVae(2);
    const { encoder, decoder } = vaeParts(model);
    tf.tidy(() => {
      encoder.predict(images(2, 1));
      decoder.predict(tf.zeros([2, 2]));
    });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the loss', () => {
  it('has a KL term equal to math/gaussian-kl.ts on the same μ and log σ²', () => {
    const mu = [0, 0, 1, 0, -0.5, 2, 0.3, -1.2];
    const logVar = [0, 0, 0, 0, Math.log(4), -1, 0.7, -3];
    const terms = tf.tidy(() => {
      const t = vaeLossTerms(tf.zeros([4, 784]), tf.zeros([4, 784]), tf.tensor2d(mu, [4, 2]), tf.tensor2d(logVar, [4, 2]), 1);
      return { kl: t.kl.dataSync()[0]!, reconstruction: t.reconstruction.dataSync()[0]!, total: t.total.dataSync()[0]! };
    });
    expect(terms.kl).toBeCloseTo(meanGaussianKl(mu, logVar, 2), 5);
    // Logits 0 → σ = ½ for every pixel: 784 · ln 2 nats per image whatever the target.
    expect(terms.reconstruction).toBeCloseTo(784 * Math.LN2, 2);
    expect(terms.total).toBeCloseTo(terms.reconstruction + terms.kl, 3);
  });

  it('weights the KL by β', () => {
    const [b0, b4] = [0, 4].map((beta) => tf.tidy(() => {
      const t = vaeLossTerms(tf.fill([1, 784], 0.5), tf.zeros([1, 784]), tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 0]]), beta);
      return [t.total.dataSync()[0]!, t.reconstruction.dataSync()[0]!];
    }));
    expect(b0![0]).toBeCloseTo(b0![1]!, 4);
    expect(b4![0]! - b4![1]!).toBeCloseTo(4 * 0.5, 4);
  });

  it('computes the cross-entropy from logits, finite even where a sigmoid rounds to 0 or 1', () => {
    const target = [1, 0, 0.25, 1, 0];
    const logit = [2, -1, 0.5, -200, 200];
    const bce = tf.tidy(() => bceFromLogits(tf.tensor2d([target]), tf.tensor2d([logit])).dataSync()[0]!);
    const sig = (l: number) => 1 / (1 + Math.exp(-l));
    // The first three by the textbook formula; the last two are wrong by 200 nats each: −log σ(−200) ≈ 200.
    const textbook = target.slice(0, 3).reduce((s, x, i) => s - x * Math.log(sig(logit[i]!)) - (1 - x) * Math.log(1 - sig(logit[i]!)), 0);
    expect(bce).toBeCloseTo(textbook + 400, 3);
  });

  it('reparameterises z = μ + σ·ε, with ε the same for the same seed and position', () => {
    const [e1, e2, e3] = [seededEpsilon(3, 2, 7, 0, 1), seededEpsilon(3, 2, 7, 0, 1), seededEpsilon(3, 2, 7, 0, 2)];
    expect(Array.from(e1.dataSync())).toEqual(Array.from(e2.dataSync()));
    expect(Array.from(e1.dataSync())).not.toEqual(Array.from(e3.dataSync()));
    const z = tf.tidy(() => reparameterise(tf.fill([3, 2], 1) as tf.Tensor2D, tf.fill([3, 2], Math.log(4)) as tf.Tensor2D, e1).dataSync());
    e1.dataSync().forEach((e, i) => expect(z[i]).toBeCloseTo(1 + 2 * e, 5));
    tf.dispose([e1, e2, e3]);
  });
});

describe('evaluation and decoding', () => {
  it('evaluates in batches, the same on every call, with each image’s μ', async () => {
    const model = buildVae(8);
    const parts = vaeParts(model);
    const xs = images(7, 9);
    const first = await evaluateVae(parts, { xs }, 1, 3, 3); // batches of 3, 3 and 1
    const again = await evaluateVae(parts, { xs }, 1, 3, 3);
    expect(again).toEqual(first);
    expect(first.count).toBe(7);
    expect(first.mu).toHaveLength(14);
    expect(first.total).toBeCloseTo(first.reconstruction + first.kl, 3);
    const stats = tf.tidy(() => (parts.encoder.predict(xs) as tf.Tensor).dataSync());
    for (let i = 0; i < 7; i++) {
      expect(first.mu[2 * i]).toBeCloseTo(stats[4 * i]!, 6);
      expect(first.mu[2 * i + 1]).toBeCloseTo(stats[4 * i + 1]!, 6);
    }
    xs.dispose();
    model.dispose();
  });

  it('decodes a latent point to 784 bytes, and a whole grid in one call', () => {
    const model = buildVae(10);
    const { decoder } = vaeParts(model);
    const pixels = decodeLatent(decoder, [0.5, -1]);
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(pixels).toHaveLength(784);
    const expected = tf.tidy(() => (decoder.predict(tf.tensor2d([[0.5, -1]])) as tf.Tensor).dataSync());
    pixels.forEach((p, i) => expect(Math.abs(p - expected[i]! * 255)).toBeLessThanOrEqual(0.5));
    const grid = manifoldGrid(5);
    const sheet = decodeLatents(decoder, grid);
    expect(sheet).toHaveLength(25 * 784);
    expect(Array.from(sheet.subarray(12 * 784, 13 * 784))).toEqual(Array.from(decodeLatent(decoder, [0, 0])));
    expect(() => decodeLatent(decoder, [1, 2, 3])).toThrow(/takes 2 numbers/);
    model.dispose();
  });

  it('leaves no tensors behind after evaluation and decoding', async () => {
    const xs = images(6, 1);
    const before = tf.memory().numTensors;
    const model = buildVae(11);
    const parts = vaeParts(model);
    await evaluateVae(parts, { xs }, 1, 1, 4);
    for (let i = 0; i < 5; i++) decodeLatent(parts.decoder, [i / 5, -i / 5]);
    decodeLatents(parts.decoder, manifoldGrid(3));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    xs.dispose();
  });
});
