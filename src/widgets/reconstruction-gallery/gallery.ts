/**
 * Which stored reconstructions the gallery shows, and how it labels them. Framework-free.
 * Errors are per-image MSE with pixels in [0, 1], as the worker stores them.
 */
import { psnrFromMse } from '../../lib/math/reconstruction';

/** PSNR shown for a perfect copy (MSE 0 is +Infinity dB): charts and captions clamp to this. */
export const PSNR_CAP = 99;

/** PSNR in dB of one image's MSE, clamped to PSNR_CAP; NaN for an unusable error. */
export function imagePsnr(mse: number): number {
  if (!(Number.isFinite(mse) && mse >= 0)) return NaN;
  return Math.min(PSNR_CAP, psnrFromMse(mse));
}

/** "18.4 dB", or "–" when unknown. */
export function formatPsnr(db: number): string {
  return Number.isFinite(db) ? `${db.toFixed(1)} dB` : '–';
}

/**
 * Indices of the images to show: the first `count` from `start` (wrapping), or with `worst` the
 * `count` largest errors, worst first (ties keep test order, so the view is stable).
 */
export function pickImages(errors: ArrayLike<number>, count: number, options: { worst?: boolean; start?: number } = {}): number[] {
  const n = errors.length;
  const take = Math.max(0, Math.min(count, n));
  if (options.worst) {
    const order = Array.from({ length: n }, (_, i) => i);
    const key = (i: number): number => (Number.isFinite(errors[i]!) ? errors[i]! : Infinity); // a broken image is the worst
    order.sort((a, b) => key(b) - key(a) || a - b);
    return order.slice(0, take);
  }
  const start = n > 0 ? (((options.start ?? 0) % n) + n) % n : 0;
  return Array.from({ length: take }, (_, k) => (start + k) % n);
}

/** Mean of the shown images' PSNRs (dB), for the summary line; NaN for none. */
export function meanPsnr(errors: ArrayLike<number>, indices: readonly number[]): number {
  const values = indices.map((i) => imagePsnr(errors[i] ?? NaN)).filter(Number.isFinite);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
}

/** "a 7", "an 8", "a Coat", "an Ankle boot": class names read aloud in labels. */
export function withArticle(name: string): string {
  return `${/^(8|[aeiou])/i.test(name) ? 'an' : 'a'} ${name}`;
}
