import { describe, expect, it } from 'vitest';
import { challengeGoal, gradeModelChallenge, type ChallengeEvidence } from '../../../src/lib/exercises/grading';
import type { ModelChallengeSpec } from '../../../src/lib/exercises/types';

// Lesson 6's challenge: softmax regression on a network's features, few labels, a test accuracy.
const spec: ModelChallengeSpec = { storeKey: 'features', threshold: 0.85, dataset: 'mnist', deepFeatures: true, maxLabelsPerClass: 100 };
const run = (features: string, labelsPerClass: number | undefined, testAccuracy: number): ChallengeEvidence => ({
  source: 'trained', testAccuracy, testExamples: 10_000, features, labelsPerClass, dataset: 'mnist',
});

describe('the deep-features challenge', () => {
  it('passes deep features with few labels that reach the bar', () => {
    expect(gradeModelChallenge(spec, run('cnn-dense', 100, 0.89)).status).toBe('correct');
    expect(gradeModelChallenge(spec, run('cnn-flatten', 10, 0.851)).status).toBe('correct');
  });

  it('fails raw pixels, too many labels, or too low an accuracy, saying which', () => {
    expect(gradeModelChallenge(spec, run('pixels', 100, 0.95))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/raw pixels/) });
    expect(gradeModelChallenge(spec, run('cnn-dense', 1000, 0.9))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/1000 labelled.*at most 100/) });
    expect(gradeModelChallenge(spec, run('cnn-dense', undefined, 0.9))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/all the loaded/) });
    expect(gradeModelChallenge(spec, { ...run('cnn-dense', 100, 0.9), dataset: 'fashion-mnist' })).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/trained on Fashion-MNIST.*MNIST digits/) });
    expect(gradeModelChallenge(spec, run('cnn-dense', 100, 0.8))).toMatchObject({ status: 'incorrect', message: expect.stringMatching(/80\.0%.*85\.0%/) });
  });

  it('states the goal with its conditions', () => {
    expect(challengeGoal(spec)).toBe('test accuracy ≥ 85% on MNIST digits from deep features with at most 100 labelled images per class');
  });
});
