import { describe, expect, it } from 'vitest';
import { challengeGoal, gradeModelChallenge, type ChallengeEvidence } from '../../../src/lib/exercises/grading';
import type { ModelChallengeSpec } from '../../../src/lib/exercises/types';

// The lesson's bar (scripts/pretrain-vae.ts measured: β = 1 default 171.0 / 5.40, β = 0 173.5 / 114.6, β = 4 178.5 / 2.63, untrained 543.8 / 0.25).
const spec: ModelChallengeSpec = { storeKey: 'vae', metric: 'reconstruction', threshold: 176, latent: 2, minKl: 2, maxKl: 10 };
const run = (testReconstruction: number, testKl: number, latent = 2): ChallengeEvidence => ({ source: 'trained', testAccuracy: NaN, testExamples: 10000, latent, testReconstruction, testKl });

describe('the VAE challenge', () => {
  it('says its goal', () => {
    expect(challengeGoal(spec)).toBe('test reconstruction ≤ 176 nats per image and a KL from 2 to 10 nats, latent size 2');
  });

  it('passes the default β = 1 run and fails β = 0, β = 4 and an untrained model, each with a reason', () => {
    expect(gradeModelChallenge(spec, run(171.02, 5.398)).status).toBe('correct');
    const b0 = gradeModelChallenge(spec, run(173.5, 114.6));
    expect(b0.status).toBe('incorrect');
    expect(b0.message).toMatch(/far from N\(0, I\)/);
    expect(gradeModelChallenge(spec, run(178.5, 2.63)).message).toMatch(/at most 176/);
    expect(gradeModelChallenge(spec, run(543.8, 0.25)).message).toMatch(/below 2/);
    expect(gradeModelChallenge(spec, run(160, 5, 8)).message).toMatch(/latent size of 8/);
  });

  it('does not count pretrained weights or a model without figures', () => {
    expect(gradeModelChallenge(spec, { ...run(171, 5), source: 'pretrained' }).status).toBe('invalid');
    expect(gradeModelChallenge(spec, run(NaN, 5)).status).toBe('invalid');
    expect(gradeModelChallenge(spec, null).status).toBe('invalid');
  });
});
