import { describe, expect, it } from 'vitest';
import { formatPsnr, imagePsnr, meanPsnr, pickImages, PSNR_CAP, withArticle } from '../../../src/widgets/reconstruction-gallery/gallery';

describe('reconstruction gallery', () => {
  it('turns an image MSE into PSNR (dB), capping a perfect copy and refusing broken values', () => {
    expect(imagePsnr(0.01)).toBeCloseTo(20);
    expect(imagePsnr(0.001)).toBeCloseTo(30);
    expect(imagePsnr(0)).toBe(PSNR_CAP);
    expect(imagePsnr(NaN)).toBeNaN();
    expect(imagePsnr(-1)).toBeNaN();
    expect(formatPsnr(18.44)).toBe('18.4 dB');
    expect(formatPsnr(NaN)).toBe('–');
  });

  it('shows the first images from a start, wrapping around', () => {
    const errors = new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(pickImages(errors, 3)).toEqual([0, 1, 2]);
    expect(pickImages(errors, 3, { start: 4 })).toEqual([4, 0, 1]);
    expect(pickImages(errors, 9)).toEqual([0, 1, 2, 3, 4]);
    expect(pickImages(new Float32Array(0), 3)).toEqual([]);
  });

  it('lists the worst reconstructions first, ties in test order, a NaN error as the worst', () => {
    const errors = new Float32Array([0.02, 0.09, 0.02, NaN, 0.05]);
    expect(pickImages(errors, 3, { worst: true })).toEqual([3, 1, 4]);
    expect(pickImages(errors, 5, { worst: true })).toEqual([3, 1, 4, 0, 2]);
  });

  it('averages the shown images\' PSNRs, skipping unusable ones', () => {
    const errors = new Float32Array([0.01, 0.001, NaN]);
    expect(meanPsnr(errors, [0, 1, 2])).toBeCloseTo(25);
    expect(meanPsnr(errors, [])).toBeNaN();
  });

  it('reads class names with the right article', () => {
    expect(['7', '8', '0', 'Coat', 'Ankle boot', 'T-shirt/top'].map(withArticle)).toEqual(['a 7', 'an 8', 'a 0', 'a Coat', 'an Ankle boot', 'a T-shirt/top']);
  });
});
