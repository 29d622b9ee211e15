import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceBatches, referenceCurve, resumedCurve } from '../../../../src/widgets/training-cell/curves';
import type { ReferenceRun } from '../../../../src/widgets/training-cell/types';
import type { EpochPayload } from '../../../../src/lib/workers/protocol';
import { emaAdd, EMPTY_EMA } from '../../../../src/lib/math/smoothed-curve';

const MODELS = 'public/models';
const references = readdirSync(MODELS).filter((name) => readdirSync(`${MODELS}/${name}`).includes('reference.json'))
  .map((name) => ({ name, ref: JSON.parse(readFileSync(`${MODELS}/${name}/reference.json`, 'utf8')) as ReferenceRun }));

describe('reference curves as the cell draws them', () => {
  it('finds every shipped reference file', () => {
    expect(references.map((r) => r.name).sort()).toEqual(['ae-dense-mnist', 'cnn-fashion', 'dense-fashion', 'dn-dense-mnist', 'sr-fashion-mnist-x2', 'sr-fashion-mnist-x4', 'sr-mnist-x2', 'sr-mnist-x4', 'vae-mnist']);
  });

  for (const { name, ref } of references) {
    it(`${name}: the stored running means become a curve with no cliff at epoch boundaries`, () => {
      expect(referenceBatches(ref)).toBe(Math.ceil(ref.settings.trainSize / ref.settings.batchSize));
      const curve = referenceCurve(ref);
      expect(curve).toHaveLength(ref.curve.length);
      expect(curve.every((p) => Number.isFinite(p.loss))).toBe(true);
      expect(curve.every((p) => Number.isNaN(p.accuracy) === (ref.curve[0]!.accuracy === null))).toBe(true);
      // A VAE's reference also draws its two terms, sampled where the total is; they add up to it at β = 1.
      expect(curve.every((p) => Number.isFinite(p.reconstruction) === (ref.terms !== undefined))).toBe(true);
      if (ref.terms) for (const p of curve) expect(p.reconstruction + p.kl).toBeCloseTo(p.loss, 0);
      for (let e = 1; e < ref.settings.epochs; e++) {
        const at = ref.curve.findIndex((p) => p.x === e);
        const rawDrop = ref.curve[at]!.loss - ref.curve[at + 1]!.loss;
        const drop = curve[at]!.loss - curve[at + 1]!.loss;
        // A stretch of 1/8 epoch may still fall (the loss does), but by a small part of what the
        // stored running mean falls at the first boundary.
        if (e === 1) expect(Math.abs(drop)).toBeLessThan(rawDrop / 4);
        // And never by more than across the same stretch just before the boundary.
        const before = curve[at - 2]!.loss - curve[at - 1]!.loss;
        expect(drop).toBeLessThan(Math.max(before, 0) + 0.1 * Math.abs(curve[at]!.loss));
      }
    });
  }
});

describe('a continued checkpoint', () => {
  const epoch = (n: number, loss: number | null): EpochPayload => ({
    epoch: n, epochs: 5, loss: 1, accuracy: 0.5, backend: 'cpu',
    ...(loss === null ? {} : { smoothing: { loss: emaAdd(EMPTY_EMA, loss, 0.9), metrics: { accuracy: emaAdd(EMPTY_EMA, 0.7, 0.9) } } }),
  });

  it('draws the finished epochs from their stored smoothed values, at the epoch ends', () => {
    expect(resumedCurve([epoch(1, 0.8), epoch(2, 0.6)])).toEqual([
      { x: 1, loss: expect.closeTo(0.8, 12), accuracy: expect.closeTo(0.7, 12), reconstruction: NaN, kl: NaN },
      { x: 2, loss: expect.closeTo(0.6, 12), accuracy: expect.closeTo(0.7, 12), reconstruction: NaN, kl: NaN },
    ]);
  });

  it('draws nothing for a checkpoint stored before curves were smoothed', () => {
    expect(resumedCurve([epoch(1, null)])).toEqual([]);
  });
});
