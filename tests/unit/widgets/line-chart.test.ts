import { describe, expect, it } from 'vitest';
import { pathFor, thin, inSentence } from '../../../src/widgets/line-chart/scale';

describe('line chart data table', () => {
  it('keeps a short series whole', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('thins a long series evenly, keeping its first and last points', () => {
    const points = Array.from({ length: 101 }, (_, i) => i);
    expect(thin(points, 5)).toEqual([0, 25, 50, 75, 100]);
    const many = thin(Array.from({ length: 1000 }, (_, i) => i), 60);
    expect(many).toHaveLength(60);
    expect(many[0]).toBe(0);
    expect(many.at(-1)).toBe(999);
    many.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(many[i]!));
  });

  it('draws gaps where a value is missing', () => {
    const id = (v: number): number => v;
    expect(pathFor([{ x: 0, y: 1 }, { x: 1, y: NaN }, { x: 2, y: 3 }], id, id)).toBe('M0.0 1.0M2.0 3.0');
  });
});

describe('inSentence', () => {
  it('lowers only a capital that starts a word, and keeps acronyms and symbols', () => {
    expect(inSentence('Loss = reconstruction + β·KL')).toBe('loss = reconstruction + β·KL');
    expect(inSentence('KL')).toBe('KL');
    expect(inSentence('Reconstruction error')).toBe('reconstruction error');
    expect(inSentence('PSNR against noise')).toBe('PSNR against noise');
  });
});
