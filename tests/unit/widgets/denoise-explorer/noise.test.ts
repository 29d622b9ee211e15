import { describe, expect, it } from 'vitest';
import { KIND_INFO, levelOf, levelsWith, levelText, nearestIndex, noiseRng, NOISE_KINDS, specOf, trainingNote } from '../../../../src/widgets/denoise-explorer/noise';

describe('denoise explorer: noise choices', () => {
  it('turns a kind and level into a corruption and back', () => {
    for (const kind of NOISE_KINDS) {
      for (const level of KIND_INFO[kind].levels) expect(levelOf(specOf(kind, level))).toEqual({ kind, level });
      expect(KIND_INFO[kind].levels).toContain(KIND_INFO[kind].initial);
      expect([...KIND_INFO[kind].levels]).toEqual([...KIND_INFO[kind].levels].sort((a, b) => a - b));
    }
    expect(specOf('gaussian', 0.3)).toEqual({ kind: 'gaussian', sigma: 0.3 });
    expect(specOf('salt-pepper', 0.2)).toEqual({ kind: 'salt-pepper', rate: 0.2 });
    expect(specOf('mask', 0.4)).toEqual({ kind: 'mask', fraction: 0.4 });
    expect(levelOf({ kind: 'none' })).toBeNull();
    expect(levelOf(undefined)).toBeNull();
  });

  it('says levels in words', () => {
    expect(levelText('gaussian', 0.5)).toBe('σ = 0.5');
    expect(levelText('salt-pepper', 0.05)).toBe('5% of pixels');
    expect(levelText('mask', 0.3)).toBe('30% masked');
  });

  it('adds a trained level that is not on the list, in order, once', () => {
    expect(levelsWith('gaussian', 0.5)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(levelsWith('gaussian', 0.25)).toEqual([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(levelsWith('mask', undefined)).toEqual([...KIND_INFO.mask.levels]);
    expect(nearestIndex([0.1, 0.2, 0.3], 0.26)).toBe(2);
    expect(nearestIndex([0.1, 0.2, 0.3], 0.9)).toBe(2);
    expect(nearestIndex([0.1, 0.2, 0.3], 0)).toBe(0);
  });

  it('says plainly when the noise is not the one the denoiser was trained on', () => {
    const trained = { kind: 'gaussian', sigma: 0.5 } as const;
    expect(trainingNote(trained, { kind: 'gaussian', sigma: 0.5 }).match).toBe('same');
    const other = trainingNote(trained, { kind: 'salt-pepper', rate: 0.2 });
    expect(other.match).toBe('kind');
    expect(other.text).toBe('Trained on Gaussian noise σ = 0.5; this is salt-and-pepper 20%: a noise type it was not trained on and has never seen.');
    const stronger = trainingNote(trained, { kind: 'gaussian', sigma: 0.7 });
    expect(stronger.match).toBe('level');
    expect(stronger.text).toContain('stronger than it was trained on');
    expect(trainingNote(trained, { kind: 'gaussian', sigma: 0.2 }).text).toContain('weaker');
    expect(trainingNote(undefined, { kind: 'mask', fraction: 0.2 }).match).toBe('clean');
    expect(trainingNote({ kind: 'none' }, { kind: 'mask', fraction: 0.2 }).match).toBe('clean');
  });

  it('seeds the noise by choice: same choice, same stream; another seed or level, another stream', () => {
    const take = (rng: () => number) => Array.from({ length: 5 }, rng);
    expect(take(noiseRng(1, 'test', 'gaussian', 0.5))).toEqual(take(noiseRng(1, 'test', 'gaussian', 0.5)));
    expect(take(noiseRng(2, 'test', 'gaussian', 0.5))).not.toEqual(take(noiseRng(1, 'test', 'gaussian', 0.5)));
    expect(take(noiseRng(1, 'test', 'gaussian', 0.4))).not.toEqual(take(noiseRng(1, 'test', 'gaussian', 0.5)));
  });
});
