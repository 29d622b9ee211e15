/**
 * Finds the JPEG quality that fits a byte budget, for "autoencoder code vs JPEG at the same
 * number of bytes".
 *
 * The encoder is injected: in the browser it is `canvas.toBlob(resolve, 'image/jpeg', q)` and
 * `blob.size`; in a test it is a fake size function. Browser JPEG sizes are whole files, headers
 * included (quantisation and Huffman tables, markers: roughly 300–600 bytes even for a 28×28
 * image). That is part of the honest comparison: a JPEG cannot be decoded without them, just as
 * the code cannot be decoded without its min/max header (see code-quantise.ts). So for small
 * budgets JPEG often cannot fit at all, which `fitted: false` reports.
 *
 * Browsers quantise the quality to whole percent, so the search runs over a grid of `step`
 * (default 0.01): [0.01, 1] is 100 candidates, ⌈log2 100⌉ = 7 halvings after the two ends.
 */

/** Size in bytes of the image encoded at quality q ∈ (0, 1]. */
export type JpegEncoder = (quality: number) => Promise<number>;

export interface JpegMatchOptions {
  /** Lowest quality tried (default 0.01). */
  minQuality?: number;
  /** Highest quality tried (default 1). */
  maxQuality?: number;
  /** Quality grid spacing (default 0.01, the browsers' granularity). */
  step?: number;
  /** Most encoder calls allowed, ≥ 2 (default 12). */
  maxEncodes?: number;
}

export interface JpegMatch {
  /** Chosen quality: the highest found that fits, or minQuality when nothing fits. */
  quality: number;
  /** Size in bytes at that quality. */
  bytes: number;
  /** Encoder calls made (each quality is encoded at most once). */
  encodes: number;
  /** false: even minQuality is larger than the target, so JPEG cannot go that small. */
  fitted: boolean;
}

/**
 * The highest quality in [minQuality, maxQuality] (on the `step` grid) whose size ≤ targetBytes.
 *
 * Binary search, assuming size grows with quality. If it does not (real encoders have small
 * plateaus and dips), the answer still fits the budget and is the highest fitting quality among
 * those tried, but a higher fitting one may exist between them. Tries maxQuality first (it may
 * simply fit), then minQuality (to detect "cannot fit"), then halves the gap while encodes last.
 * Throws on a bad target or options, or if the encoder returns anything but a finite size ≥ 0.
 */
export async function matchJpegSize(encode: JpegEncoder, targetBytes: number, options: JpegMatchOptions = {}): Promise<JpegMatch> {
  const { minQuality = 0.01, maxQuality = 1, step = 0.01, maxEncodes = 12 } = options;
  if (!(Number.isFinite(targetBytes) && targetBytes >= 0)) throw new Error(`matchJpegSize: target must be a finite number of bytes ≥ 0, got ${targetBytes}`);
  if (!(step > 0 && step <= 1)) throw new Error(`matchJpegSize: step must be in (0, 1], got ${step}`);
  if (!(minQuality > 0 && minQuality <= maxQuality && maxQuality <= 1)) {
    throw new Error(`matchJpegSize: need 0 < minQuality ≤ maxQuality ≤ 1, got ${minQuality} and ${maxQuality}`);
  }
  if (!(Number.isInteger(maxEncodes) && maxEncodes >= 2)) throw new Error(`matchJpegSize: maxEncodes must be a whole number ≥ 2, got ${maxEncodes}`);

  // Work on whole grid indices so 0.07 is exactly 7 × 0.01 and no quality is encoded twice.
  const lowIndex = Math.ceil(minQuality / step - 1e-9);
  const highIndex = Math.floor(maxQuality / step + 1e-9);
  if (lowIndex > highIndex) throw new Error(`matchJpegSize: no grid point of step ${step} lies in [${minQuality}, ${maxQuality}]`);
  const qualityAt = (index: number): number => Number((index * step).toFixed(6));

  const sizes = new Map<number, number>();
  const sizeAt = async (index: number): Promise<number> => {
    const known = sizes.get(index);
    if (known !== undefined) return known;
    const q = qualityAt(index);
    const bytes = await encode(q);
    if (!(Number.isFinite(bytes) && bytes >= 0)) throw new Error(`matchJpegSize: the encoder returned ${bytes} bytes at quality ${q}`);
    sizes.set(index, bytes);
    return bytes;
  };
  const result = (index: number, fitted: boolean): JpegMatch => ({ quality: qualityAt(index), bytes: sizes.get(index)!, encodes: sizes.size, fitted });

  if ((await sizeAt(highIndex)) <= targetBytes) return result(highIndex, true);
  if ((await sizeAt(lowIndex)) > targetBytes) return result(lowIndex, false);
  // Invariant: lo fits, hi does not.
  let lo = lowIndex;
  let hi = highIndex;
  while (hi - lo > 1 && sizes.size < maxEncodes) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await sizeAt(mid)) <= targetBytes) lo = mid;
    else hi = mid;
  }
  return result(lo, true);
}
