// Lesson 10's classical baselines: each test image shrunk by 2 or 4 (average pooling), blown back
// up by nearest, bilinear and bicubic upsampling, and compared with the original. PSNR as lessons
// 5 and 7 report it: from the mean squared error over all test pixels (0…1), in dB.
// Usage: npm run data && npx tsx scripts/sr-baselines.ts   (a few seconds; prints a table)
// scripts/pretrain-superres.ts writes the same figures into the lesson's results table.
import { psnrFromMse } from '../src/lib/math/reconstruction';
import { downsample, SCALES, upsample, UPSAMPLERS, type Upsampler } from '../src/lib/math/resample';
import { readSplit, type SplitBytes } from './pretrain/common';

/** PSNR in dB of each classical upsampler over `test`'s images, shrunk by `scale` and blown back up. */
export function baselinePsnr(test: SplitBytes, scale: 2 | 4): Record<Upsampler, number> {
  const count = test.labels.length;
  const sums = Object.fromEntries(UPSAMPLERS.map((m) => [m, 0])) as Record<Upsampler, number>;
  for (let i = 0; i < count; i++) {
    const original = Float32Array.from(test.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
    const low = downsample({ width: 28, height: 28, pixels: original }, scale);
    for (const method of UPSAMPLERS) {
      const up = upsample(low, scale, method, [0, 1]).pixels;
      let s = 0;
      for (let p = 0; p < 784; p++) s += (up[p]! - original[p]!) ** 2;
      sums[method] += s;
    }
  }
  return Object.fromEntries(UPSAMPLERS.map((m) => [m, psnrFromMse(sums[m] / (count * 784))])) as Record<Upsampler, number>;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dataset of ['mnist', 'fashion-mnist'] as const) {
    const test = readSplit(dataset, 'test', 10_000);
    for (const scale of SCALES) {
      const psnr = baselinePsnr(test, scale);
      const cells = UPSAMPLERS.map((m) => `${m} ${psnr[m].toFixed(2)} dB`);
      console.log(`${dataset} ×${scale} (${test.labels.length.toLocaleString('en-US')} test images): ${cells.join(', ')}`);
    }
  }
}
