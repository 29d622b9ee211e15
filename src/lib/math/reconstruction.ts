/**
 * How far a reconstruction is from its original, in plain numbers (no tfjs).
 *
 * - MSE, the mean squared error per pixel: what the autoencoder minimises while training.
 * - PSNR, the peak signal-to-noise ratio in decibels: 10·log10(peak² / MSE). It is the same
 *   number on a log scale, higher is better, and is what image-compression people quote, so it
 *   is the fair unit for "autoencoder vs JPEG". +10 dB means 10× smaller MSE; with pixels in
 *   [0, 1], MSE 0.01 is 20 dB, MSE 0.001 is 30 dB.
 *
 * Pixels are expected in [0, 1] (peak = 1); pass `peak = 255` for 0–255 images.
 * Images of a batch are stored one after another in one flat array (`pixelsPerImage` each),
 * as they come out of `tensor.dataSync()` for a [batch, 28, 28, 1] tensor.
 */

/** Throws unless `a` and `b` are non-empty and the same length. */
function checkPair(name: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`${name}: the arrays differ in length (${a.length} vs ${b.length})`);
  if (a.length === 0) throw new Error(`${name}: empty input, there is no pixel to compare`);
}

function checkPeak(name: string, peak: number): void {
  if (!(Number.isFinite(peak) && peak > 0)) throw new Error(`${name}: peak must be a positive finite number, got ${peak}`);
}

/** Sum of squared differences over a[start, end) vs b[start, end); throws on NaN/±Infinity. */
function squaredErrorSum(name: string, a: ArrayLike<number>, b: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const d = a[i]! - b[i]!;
    // One check per pixel catches NaN and ±Infinity on either side (both make d non-finite).
    if (!Number.isFinite(d)) throw new Error(`${name}: pixel ${i} is not a finite number (${a[i]} vs ${b[i]})`);
    sum += d * d;
  }
  return sum;
}

/**
 * Mean squared error between two equally long arrays: mean of (a[i] − b[i])².
 * Units: squared pixel units (with [0, 1] pixels, between 0 and 1).
 * Throws on different lengths, empty input, or a NaN/infinite value.
 */
export function mse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair('mse', a, b);
  return squaredErrorSum('mse', a, b, 0, a.length) / a.length;
}

/**
 * PSNR in dB for a given MSE: 10·log10(peak² / mse).
 * MSE 0 (identical images) gives +Infinity, the honest answer: there is no error at all.
 * Charts should clamp it (e.g. Math.min(value, 60)) rather than drop it.
 */
export function psnrFromMse(meanSquaredError: number, peak = 1): number {
  checkPeak('psnrFromMse', peak);
  if (!(Number.isFinite(meanSquaredError) && meanSquaredError >= 0)) {
    throw new Error(`psnrFromMse: the MSE must be a finite number ≥ 0, got ${meanSquaredError}`);
  }
  if (meanSquaredError === 0) return Infinity;
  return 10 * Math.log10((peak * peak) / meanSquaredError);
}

/**
 * PSNR in dB between an original `a` and a reconstruction `b` (the order does not matter).
 * Identical images → +Infinity (MSE 0). Called on a whole flat batch, it is the PSNR of the
 * pooled MSE, which differs from `meanPsnr` (the mean of per-image PSNRs).
 */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, peak = 1): number {
  checkPeak('psnr', peak);
  return psnrFromMse(mse(a, b), peak);
}

/** Throws unless the flat arrays hold a whole, non-zero number of images of `pixelsPerImage`. */
function checkBatch(name: string, flatA: ArrayLike<number>, flatB: ArrayLike<number>, pixelsPerImage: number): number {
  checkPair(name, flatA, flatB);
  if (!(Number.isInteger(pixelsPerImage) && pixelsPerImage > 0)) {
    throw new Error(`${name}: pixelsPerImage must be a positive integer, got ${pixelsPerImage}`);
  }
  if (flatA.length % pixelsPerImage !== 0) {
    throw new Error(`${name}: ${flatA.length} values are not a whole number of ${pixelsPerImage}-pixel images`);
  }
  return flatA.length / pixelsPerImage;
}

/**
 * MSE of every image of a batch: entry n compares pixels [n·p, (n+1)·p) of both arrays,
 * p = pixelsPerImage. This is the anomaly score of the anomaly-detection lesson.
 * Returns Float32Array of length (flatA.length / pixelsPerImage).
 */
// #region anomaly-score
export function perImageMse(flatA: ArrayLike<number>, flatB: ArrayLike<number>, pixelsPerImage: number): Float32Array {
  const count = checkBatch('perImageMse', flatA, flatB, pixelsPerImage);
  const out = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const start = n * pixelsPerImage;
    out[n] = squaredErrorSum('perImageMse', flatA, flatB, start, start + pixelsPerImage) / pixelsPerImage;
  }
  return out;
}
// #endregion

/**
 * PSNR in dB of every image of a batch (see perImageMse for the layout).
 * An image reconstructed exactly gets +Infinity. Float64Array so Infinity and small
 * differences survive; length = number of images.
 */
export function perImagePsnr(flatA: ArrayLike<number>, flatB: ArrayLike<number>, pixelsPerImage: number, peak = 1): Float64Array {
  checkPeak('perImagePsnr', peak);
  // Recompute in float64 rather than reuse perImageMse's float32 values: PSNR is a log, and
  // float32 rounding of a tiny MSE would show up in the decimals the lesson prints.
  const count = checkBatch('perImagePsnr', flatA, flatB, pixelsPerImage);
  const out = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    const start = n * pixelsPerImage;
    const m = squaredErrorSum('perImagePsnr', flatA, flatB, start, start + pixelsPerImage) / pixelsPerImage;
    out[n] = psnrFromMse(m, peak);
  }
  return out;
}

/**
 * Mean over images of the per-image PSNR in dB: the usual way denoising and compression
 * results are reported ("28.3 dB on the test set"). Each image counts equally, whatever its
 * error. If any image is reconstructed exactly the mean is +Infinity; pass `maxDb` to cap
 * each image's PSNR first (e.g. 100) when a finite figure is needed.
 */
export function meanPsnr(flatA: ArrayLike<number>, flatB: ArrayLike<number>, pixelsPerImage: number, peak = 1, maxDb = Infinity): number {
  if (Number.isNaN(maxDb)) throw new Error('meanPsnr: maxDb is NaN');
  const values = perImagePsnr(flatA, flatB, pixelsPerImage, peak);
  let sum = 0;
  for (const v of values) sum += Math.min(v, maxDb);
  return sum / values.length;
}
