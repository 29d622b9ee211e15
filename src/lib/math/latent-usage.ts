/**
 * How evenly a VAE uses its latent plane: the lesson's "evenness" of where test images land.
 *
 * Why this measure: a VAE is sampled by decoding z ~ N(0, I), so the question that matters is
 * whether the codes of real images fill the places the prior will send the decoder. We cut the
 * plane of the first two latent numbers into BINS × BINS cells that each hold the same share of
 * N(0, 1) × N(0, 1): the edges along each axis are Φ⁻¹(1/BINS), Φ⁻¹(2/BINS), …, and the outer
 * cells run out to infinity, so every code lands in some cell, however far it flew. Codes drawn
 * from the prior itself would fill every cell equally. We then take the entropy of the share of
 * test codes (μ) per cell, divided by its largest possible value, log(BINS²):
 *
 *   evenness = −Σ_c p_c log p_c / log(BINS²)        (0 · log 0 = 0)
 *
 * 1 means the codes fill every prior-sized cell equally, as samples of N(0, I) would; a value
 * near 0 means they crowd into a few cells (a tight clump, or far out in the outer cells, which
 * is where a β = 0 autoencoder's codes typically go). It is scale-aware, unlike "how many cells
 * are touched": codes spread 100 times wider than the prior score low, because the prior's
 * cells near the middle stay empty.
 *
 * Compared with the KL of the histogram against the prior (the other natural choice), the
 * entropy stays finite when cells are empty and reads as a share, 0…1, which a learner can
 * compare at a glance. With BINS = 8 there are 64 cells, so the 1,000 codes a record keeps put
 * about 16 in each on average: enough that a perfect fit scores about 0.99 (the unit test
 * measures what samples of the prior itself score).
 */
import { inverseNormalCdf } from './latent-grid';

/** Cells per axis: 8 × 8 = 64 cells of equal prior probability. */
export const EVENNESS_BINS = 8;

export interface LatentUsage {
  /** Normalised entropy of the cell histogram, 0…1 (NaN with no codes). */
  evenness: number;
  /** Cells holding at least one code. */
  cellsUsed: number;
  /** BINS². */
  cells: number;
  /** [BINS²] codes per cell, row-major: row = bin of z₂, column = bin of z₁, both from low to high. */
  counts: Uint32Array;
}

/** The BINS − 1 inner edges along one axis: Φ⁻¹(k / BINS), k = 1 … BINS − 1. */
export function equalPriorEdges(bins: number = EVENNESS_BINS): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`equalPriorEdges: bins must be a whole number ≥ 2, got ${bins}`);
  return Array.from({ length: bins - 1 }, (_, k) => inverseNormalCdf((k + 1) / bins));
}

function binOf(value: number, edges: readonly number[]): number {
  let bin = 0;
  while (bin < edges.length && value >= edges[bin]!) bin++;
  return bin;
}

/**
 * Evenness of the codes `mu` ([count × latent], rows one after another) over the plane of
 * latent numbers 0 and 1 (the plane the lesson draws); other numbers are ignored.
 */
export function latentUsage(mu: ArrayLike<number>, latent: number, bins: number = EVENNESS_BINS): LatentUsage {
  if (!Number.isInteger(latent) || latent < 2) throw new Error(`latentUsage: needs a latent size ≥ 2, got ${latent}`);
  if (mu.length % latent !== 0) throw new Error(`latentUsage: ${mu.length} numbers do not split into rows of ${latent}`);
  const edges = equalPriorEdges(bins);
  const cells = bins * bins;
  const counts = new Uint32Array(cells);
  const count = mu.length / latent;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const x = mu[i * latent]!;
    const y = mu[i * latent + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue; // a diverged code says nothing about the plane
    counts[binOf(y, edges) * bins + binOf(x, edges)]!++;
    kept++;
  }
  let entropy = 0;
  let cellsUsed = 0;
  for (const c of counts) {
    if (c === 0) continue;
    cellsUsed++;
    const p = c / kept;
    entropy -= p * Math.log(p);
  }
  return { evenness: kept > 0 ? entropy / Math.log(cells) : NaN, cellsUsed, cells, counts };
}
