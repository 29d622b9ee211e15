import { describe, expect, it } from 'vitest';
import { runExperiment, upsamplePsnr } from '../../../src/lib/exercises/experiments';
import { EXERCISE_IMAGES } from '../../../src/lib/exercises/test-images';
import { resolveExercise } from '../../../src/lib/exercises/exercise-props';

// Lesson 10's "predict, then run": a stroke figure shrunk and blown back up three ways.
describe('the upsample-response experiment', () => {
  it('shows the original, the shrunk image and three upsamplings, each captioned with its PSNR', () => {
    const result = runExperiment({ name: 'upsample-response', image: 'digit-seven', scale: 2 });
    expect(result.stages.map((s) => [s.image.width, s.image.height])).toEqual([[28, 28], [14, 14], [28, 28], [28, 28], [28, 28]]);
    const db = upsamplePsnr({ name: 'upsample-response', image: 'digit-seven', scale: 2 });
    expect(result.stages[4]!.caption).toBe(`Bicubic: ${db.bicubic.toFixed(1)}\u00a0dB`);
    expect(result.stages.every((s) => s.label.length > 20)).toBe(true);
    // The three enlargements are alternatives from the shrunk image, not steps after one another.
    expect(result.stages.map((s) => s.alternative === true)).toEqual([false, false, false, true, true]);
  });

  it('ranks bicubic first on soft-edged strokes at both scales (the lesson exercise’s answer)', () => {
    for (const scale of [2, 4] as const) {
      const db = upsamplePsnr({ name: 'upsample-response', image: 'digit-seven', scale });
      expect(db.bicubic).toBeGreaterThan(db.bilinear);
      expect(db.bilinear).toBeGreaterThan(db.nearest);
    }
  });

  it('reports an exact reconstruction as exact, not as Infinity dB', () => {
    // A checkerboard of 4-pixel squares survives 2 × 2 average pooling unchanged, so nearest restores it exactly.
    expect(EXERCISE_IMAGES.checkerboard.image.width % 4).toBe(0);
    const result = runExperiment({ name: 'upsample-response', image: 'checkerboard', scale: 2 });
    expect(result.stages[2]!.caption).toBe('Nearest: exact');
  });

  it('refuses a pixel prediction on it, at build time', () => {
    expect(() => resolveExercise({ id: 'x', kind: 'predict', experiment: 'upsample-response', image: 'digit-seven', scale: 2, prompt: 'Which?', pixel: [1, 1], hints: ['h'], solution: 's' })).toThrow(/choice, not a pixel/);
  });
});
