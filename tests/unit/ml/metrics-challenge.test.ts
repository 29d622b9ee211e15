import { describe, expect, it } from 'vitest';
import { gradeModelChallenge } from '../../../src/lib/exercises/grading';
import { resolveExercise } from '../../../src/lib/exercises/exercise-props';

const spec = { storeKey: 'cls-dense', threshold: 0.85 };
const evidence = (testAccuracy: number, source: 'trained' | 'pretrained' = 'trained') => ({ source, testAccuracy, testExamples: 10000 });

describe('model challenge grading', () => {
  it('passes at or above the goal, fails below it with the figures', () => {
    expect(gradeModelChallenge(spec, evidence(0.85)).status).toBe('correct');
    expect(gradeModelChallenge(spec, evidence(0.871)).message).toMatch(/87\.1%/);
    const low = gradeModelChallenge(spec, evidence(0.8449));
    expect(low.status).toBe('incorrect');
    expect(low.message).toMatch(/84\.5%.*85\.0%/);
  });

  it('does not count a missing model, the pretrained weights or a broken record as an attempt', () => {
    expect(gradeModelChallenge(spec, null).status).toBe('invalid');
    expect(gradeModelChallenge(spec, evidence(0.9, 'pretrained')).status).toBe('invalid');
    expect(gradeModelChallenge(spec, evidence(NaN)).status).toBe('invalid');
  });

  it('validates the MDX props', () => {
    const ok = resolveExercise({ id: 'cls-x', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'cls-dense', threshold: 0.85 });
    expect(ok).toMatchObject({ kind: 'model-challenge', title: 'Challenge', spec: { ...spec, metric: 'accuracy' } });
    expect(() => resolveExercise({ id: 'cls-x', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'Bad', threshold: 85 })).toThrow(/storeKey[\s\S]*threshold/);
  });
});

describe('autoencoder challenges', () => {
  const psnrSpec = { storeKey: 'ae-dense', metric: 'psnr' as const, threshold: 18, maxBottleneck: 16 };
  const ae = (testPsnr: number, bottleneck: number) => ({ source: 'trained' as const, testAccuracy: NaN, testExamples: 10000, testPsnr, bottleneck });

  it('grades the PSNR in dB and the code size', () => {
    expect(gradeModelChallenge(psnrSpec, ae(18.04, 16)).status).toBe('correct');
    expect(gradeModelChallenge(psnrSpec, ae(18.04, 16)).message).toMatch(/18\.0 dB/);
    const low = gradeModelChallenge(psnrSpec, ae(17.2, 8));
    expect(low.status).toBe('incorrect');
    expect(low.message).toMatch(/17\.2 dB.*18\.0 dB/);
    const wide = gradeModelChallenge(psnrSpec, ae(25, 32));
    expect(wide.status).toBe('incorrect');
    expect(wide.message).toMatch(/32 numbers.*at most 16/);
    expect(gradeModelChallenge(psnrSpec, { source: 'trained', testAccuracy: NaN, testExamples: 10000, bottleneck: 8 }).status).toBe('invalid');
  });

  it('reads accuracy challenges as before and refuses an accuracy threshold above 1', () => {
    const ok = resolveExercise({ id: 'ae-x', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'ae-dense', metric: 'psnr', threshold: 18, maxBottleneck: 16 });
    expect(ok).toMatchObject({ spec: psnrSpec });
    expect(() => resolveExercise({ id: 'cls-y', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'cls-dense', threshold: 85 })).toThrow(/threshold/);
  });
});

describe('anomaly-detection challenges', () => {
  it('grades the stream AUC as a fraction', () => {
    const spec = { storeKey: 'anomaly-ae', metric: 'auc' as const, threshold: 0.9 };
    const evidence = (testAuc: number) => ({ source: 'trained' as const, testAccuracy: NaN, testExamples: 10000, testAuc });
    expect(gradeModelChallenge(spec, evidence(0.93)).status).toBe('correct');
    expect(gradeModelChallenge(spec, evidence(0.85)).message).toMatch(/an AUC of 0\.850.*an AUC of 0\.900/);
    expect(gradeModelChallenge(spec, { source: 'trained', testAccuracy: NaN, testExamples: 10000 }).status).toBe('invalid');
    expect(() => resolveExercise({ id: 'an-x', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'anomaly-ae', metric: 'auc', threshold: 90 })).toThrow(/threshold/);
  });
});

describe('denoiser challenges', () => {
  it('count only a model trained on the required noise, at least as strong', () => {
    const spec = { storeKey: 'dn-dense', metric: 'psnr' as const, threshold: 15, noise: { kind: 'gaussian' as const, level: 0.5 } };
    const dn = (corruption?: { kind: 'gaussian'; sigma: number } | { kind: 'mask'; fraction: number }) => ({ source: 'trained' as const, testAccuracy: NaN, testExamples: 10000, testPsnr: 16, ...(corruption ? { corruption } : {}) });
    expect(gradeModelChallenge(spec, dn({ kind: 'gaussian', sigma: 0.5 })).status).toBe('correct');
    expect(gradeModelChallenge(spec, dn({ kind: 'gaussian', sigma: 0.6 })).status).toBe('correct');
    expect(gradeModelChallenge(spec, dn({ kind: 'gaussian', sigma: 0.3 })).message).toMatch(/at least 0\.5; yours was trained on Gaussian noise of 0\.3/);
    expect(gradeModelChallenge(spec, dn({ kind: 'mask', fraction: 0.5 })).status).toBe('incorrect');
    expect(gradeModelChallenge(spec, dn()).message).toMatch(/clean images/);
  });
});
