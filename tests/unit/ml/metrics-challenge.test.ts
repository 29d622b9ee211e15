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
    expect(ok).toMatchObject({ kind: 'model-challenge', title: 'Challenge', spec });
    expect(() => resolveExercise({ id: 'cls-x', kind: 'model-challenge', prompt: 'p', solution: 's', storeKey: 'Bad', threshold: 85 })).toThrow(/storeKey[\s\S]*threshold/);
  });
});
