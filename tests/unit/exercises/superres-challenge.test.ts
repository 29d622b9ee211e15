import { describe, expect, it } from 'vitest';
import { challengeGoal, gradeModelChallenge, type ChallengeEvidence } from '../../../src/lib/exercises/grading';
import type { ModelChallengeSpec } from '../../../src/lib/exercises/types';

// Lesson 10's challenge: the reader's own super-resolution network, ×2 on MNIST, above a PSNR bar.
const spec: ModelChallengeSpec = { storeKey: 'sr', metric: 'psnr', threshold: 23, dataset: 'mnist', scale: 2 };
const run = (scale: number, testPsnr: number, dataset: 'mnist' | 'fashion-mnist' = 'mnist'): ChallengeEvidence => ({
  source: 'trained', testAccuracy: NaN, testExamples: 10_000, testPsnr, scale, dataset,
});

describe('the super-resolution challenge', () => {
  it('passes a ×2 MNIST network at or above the bar', () => {
    expect(gradeModelChallenge(spec, run(2, 23)).status).toBe('correct');
    expect(gradeModelChallenge(spec, run(2, 25.4))).toMatchObject({ status: 'correct', message: expect.stringMatching(/25\.4 dB/) });
  });

  it('fails another scale, another data set, a low PSNR or the shipped weights, saying which', () => {
    expect(gradeModelChallenge(spec, run(4, 30))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/by 4.*×2/) });
    expect(gradeModelChallenge(spec, run(2, 30, 'fashion-mnist'))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/Fashion-MNIST/) });
    expect(gradeModelChallenge(spec, run(2, 21.2))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/21\.2 dB.*23\.0 dB/) });
    expect(gradeModelChallenge(spec, { ...run(2, 30), source: 'pretrained' }).status).toBe('invalid');
    expect(gradeModelChallenge(spec, run(2, NaN)).status).toBe('invalid');
  });

  it('states the goal with its conditions', () => {
    expect(challengeGoal(spec)).toBe('test PSNR ≥ 23 dB at ×2 on MNIST digits');
  });
});
