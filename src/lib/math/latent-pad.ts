/**
 * The latent explorer's pad in plain numbers (no tfjs, no DOM): where a point of the latent
 * plane sits on the square pad and back, arrow-key steps, the full latent vector the decoder
 * gets, and seeded samples of the prior N(0, I) for "sample new digits".
 */
import { mulberry32 } from '../ml/random';

/** The pad shows z₁ and z₂ from −PAD_RANGE to +PAD_RANGE: ±3 holds 99.7% of the prior on each axis. */
export const PAD_RANGE = 3;
/** One arrow-key press moves this far in latent units (Shift: ten times less, for fine steps). */
export const KEY_STEP = 0.25;

export interface PadPoint { x: number; y: number }

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Latent (z₁, z₂) → pad position in [0, size] (y grows downwards, so larger z₂ is higher up). */
export function latentToPad(z: readonly [number, number], size: number, range = PAD_RANGE): PadPoint {
  return { x: ((z[0] + range) / (2 * range)) * size, y: ((range - z[1]) / (2 * range)) * size };
}

/** Pad position → latent (z₁, z₂), clamped to the pad's range. */
export function padToLatent(p: PadPoint, size: number, range = PAD_RANGE): [number, number] {
  return [clamp((p.x / size) * 2 * range - range, -range, range), clamp(range - (p.y / size) * 2 * range, -range, range)];
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** The point after an arrow key (null for other keys); Home returns to the origin. Clamped to the range. */
export function stepLatent(z: readonly [number, number], key: string, fine = false, range = PAD_RANGE): [number, number] | null {
  if (key === 'Home') return [0, 0];
  const d = ARROWS[key];
  if (!d) return null;
  const step = fine ? KEY_STEP / 10 : KEY_STEP;
  // Rounded to the step's grid so repeated presses give tidy coordinates (no 0.7500000001).
  const round = (v: number) => Math.round(v / (step / 5)) * (step / 5);
  return [clamp(round(z[0] + d[0] * step), -range, range), clamp(round(z[1] + d[1] * step), -range, range)];
}

/** The decoder's input for a point of the plane: z₁, z₂, then zeros for the other latent numbers. */
export function fullLatent(z: readonly [number, number], latent: number): number[] {
  if (!Number.isInteger(latent) || latent < 2) throw new Error(`fullLatent: needs a latent size ≥ 2, got ${latent}`);
  const out = new Array<number>(latent).fill(0);
  out[0] = z[0];
  out[1] = z[1];
  return out;
}

/** "(0.75, −1.25)": two decimals, a real minus sign, for labels and aria-valuetext. */
export function formatPoint(z: readonly number[]): string {
  const f = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2).replace('-', '−'));
  return `(${z.map(f).join(', ')})`;
}

/** `count` latent vectors drawn from N(0, I) (Box–Muller over a seeded generator). */
export function samplePrior(count: number, latent: number, seed: number): number[][] {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(latent) || latent < 1) throw new Error('samplePrior: count ≥ 0 and latent ≥ 1 must be whole numbers');
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, () => Array.from({ length: latent }, normal));
}

/** Mean absolute difference between two images of the same size (0–255): how alike two decoded digits are. */
export function meanAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new Error('meanAbsDifference: images differ in size or are empty');
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
