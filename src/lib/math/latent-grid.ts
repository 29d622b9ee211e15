/**
 * Where the VAE lesson's decoder is asked to draw, in plain numbers (no tfjs): the points of the
 * manifold grid and of an interpolation between two latent vectors.
 *
 * The classic figure (Kingma & Welling 2014, fig. 4; the Keras VAE example) spaces the grid by
 * the inverse normal CDF of evenly spaced probabilities: z = Φ⁻¹(p) for p from 0.05 to 0.95.
 * Each cell then covers the same share of the prior N(0, 1), so the grid is dense near 0, where
 * most codes lie, and reaches out to ±1.645 without spending rows on the empty tails. The linear
 * option spans the same square with equal steps, to show the difference.
 */

/** Cells per side of the lesson's grid. */
export const GRID_SIZE = 15;
/** The grid spans probabilities [margin, 1 − margin] of the prior (the classic figure's 0.05). */
export const GRID_PROBABILITY_MARGIN = 0.05;

export type GridSpacing = 'normal' | 'linear';

export interface GridOptions {
  /** 'normal' (default): Φ⁻¹ of evenly spaced probabilities; 'linear': equal steps. */
  spacing?: GridSpacing;
  /** Probability margin for both spacings: the grid reaches ±Φ⁻¹(1 − margin). */
  margin?: number;
  /** Length of each latent vector (default 2); dimensions the grid does not vary stay at 0. */
  latent?: number;
  /** The two latent dimensions along the grid's x and y (default [0, 1]). */
  dims?: readonly [number, number];
}

// Acklam's rational approximation of Φ⁻¹ (relative error < 1.2e-9): two rational functions,
// one for the centre and one for the tails, which is plenty for placing grid points.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (coefficients: number[], x: number): number => coefficients.reduce((acc, c) => acc * x + c, 0);

/** Φ⁻¹(p): the z with P(Z ≤ z) = p for Z ~ N(0, 1); p must lie strictly between 0 and 1. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`inverseNormalCdf: p must lie strictly between 0 and 1, got ${p}`);
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/** n evenly spaced numbers from `from` to `to`, both included (n = 1 gives their midpoint). */
function linspace(from: number, to: number, n: number): number[] {
  if (n === 1) return [(from + to) / 2];
  return Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

/**
 * The n coordinates along one side of the grid, increasing. Both spacings are antisymmetric
 * (axis[i] = −axis[n − 1 − i]), so an odd n puts its centre exactly at 0.
 */
export function gridAxis(n: number, spacing: GridSpacing = 'normal', margin = GRID_PROBABILITY_MARGIN): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gridAxis: n must be a whole number ≥ 1, got ${n}`);
  if (!(margin > 0 && margin < 0.5)) throw new Error(`gridAxis: margin must lie strictly between 0 and 0.5, got ${margin}`);
  const axis = spacing === 'normal'
    ? linspace(margin, 1 - margin, n).map(inverseNormalCdf)
    : linspace(-inverseNormalCdf(1 - margin), inverseNormalCdf(1 - margin), n);
  // Mirror the lower half onto the upper one: exact symmetry (and exactly 0 in the middle)
  // instead of two roundings of Φ⁻¹ that differ in the last bits.
  for (let i = 0; i < Math.floor(n / 2); i++) axis[n - 1 - i] = -axis[i]!;
  if (n % 2 === 1) axis[(n - 1) / 2] = 0;
  return axis;
}

/**
 * The n × n latent points of the manifold grid, row-major as the picture is drawn: row r, column
 * c is points[r·n + c]. x (dims[0]) grows to the right; y (dims[1]) grows upwards like a plot's
 * axis, so the top row has the largest value.
 */
export function manifoldGrid(n: number = GRID_SIZE, options: GridOptions = {}): number[][] {
  const latent = options.latent ?? 2;
  const [dx, dy] = options.dims ?? [0, 1];
  if (!Number.isInteger(latent) || latent < 2) throw new Error(`manifoldGrid: a grid needs a latent size ≥ 2, got ${latent}`);
  if (dx === dy || ![dx, dy].every((d) => Number.isInteger(d) && d >= 0 && d < latent)) {
    throw new Error(`manifoldGrid: dims must be two different dimensions below ${latent}, got [${dx}, ${dy}]`);
  }
  const axis = gridAxis(n, options.spacing, options.margin);
  const points: number[][] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const z = new Array<number>(latent).fill(0);
      z[dx] = axis[c]!;
      z[dy] = axis[n - 1 - r]!;
      points.push(z);
    }
  }
  return points;
}

/**
 * `steps` latent vectors from a to b on the straight line between them, both ends included:
 * step i is a + (b − a)·i / (steps − 1).
 */
export function interpolateLatent(a: readonly number[], b: readonly number[], steps: number): number[][] {
  if (a.length !== b.length || a.length === 0) throw new Error(`interpolateLatent: the vectors differ in length or are empty (${a.length} vs ${b.length})`);
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`interpolateLatent: steps must be a whole number ≥ 2, got ${steps}`);
  return Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    // (1 − t)·a + t·b hits both ends exactly (a + t·(b − a) may miss b by one rounding).
    return a.map((ai, j) => (1 - t) * ai + t * b[j]!);
  });
}
