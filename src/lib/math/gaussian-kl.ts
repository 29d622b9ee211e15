/**
 * The KL divergence a VAE adds to its loss, in plain numbers (no tfjs): the teaching code of
 * lesson 8 and the oracle the tfjs loss (tasks/vae/model.ts) is tested against.
 *
 * The encoder gives, per image, a diagonal Gaussian q(z) = N(μ, diag σ²) over the latent
 * space; the prior is p(z) = N(0, I). For one dimension:
 *
 *   log q(z) = −½ log 2π − ½ log σ² − (z − μ)² / (2σ²)
 *   log p(z) = −½ log 2π − z² / 2
 *
 *   KL(q ‖ p) = E_q[log q(z) − log p(z)]
 *             = −½ log σ² − E_q[(z − μ)²] / (2σ²) + E_q[z²] / 2
 *             = −½ log σ² − ½ + (μ² + σ²) / 2          (E_q[(z − μ)²] = σ², E_q[z²] = μ² + σ²)
 *             = ½ (μ² + σ² − log σ² − 1).
 *
 * The dimensions are independent under both q and p, so the log-densities add and so do the
 * KLs: KL = ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1). It is 0 exactly when μ = 0 and σ = 1, and
 * positive otherwise (x − log x − 1 ≥ 0 for x = σ² > 0, with equality at x = 1).
 *
 * The encoder outputs log σ² rather than σ: any real number is a valid log-variance, so the
 * layer needs no activation, and σ² = exp(log σ²) is always positive.
 */

/** Throws unless μ and log σ² are the same, non-zero length and hold finite numbers. */
function checkPair(mu: ArrayLike<number>, logVar: ArrayLike<number>): void {
  if (mu.length !== logVar.length) throw new Error(`gaussianKl: μ and log σ² differ in length (${mu.length} vs ${logVar.length})`);
  if (mu.length === 0) throw new Error('gaussianKl: empty input, a latent space has at least one dimension');
}

/** Sum over j ∈ [start, end) of ½ (μ_j² + exp(log σ_j²) − log σ_j² − 1). */
function klRange(mu: ArrayLike<number>, logVar: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let j = start; j < end; j++) {
    const m = mu[j]!;
    const lv = logVar[j]!;
    if (!Number.isFinite(m) || !Number.isFinite(lv)) throw new Error(`gaussianKl: non-finite value at index ${j} (μ ${m}, log σ² ${lv})`);
    sum += m * m + Math.exp(lv) - lv - 1;
  }
  return 0.5 * sum;
}

/** KL(N(μ, diag exp(logVar)) ‖ N(0, I)) of one latent vector, in nats. */
export function gaussianKl(mu: ArrayLike<number>, logVar: ArrayLike<number>): number {
  checkPair(mu, logVar);
  return klRange(mu, logVar, 0, mu.length);
}

/**
 * KL per image of a batch: `mu` and `logVar` hold the rows one after another (`latent`
 * numbers each), as `dataSync()` of a [batch, latent] tensor gives them.
 */
export function gaussianKlPerRow(mu: ArrayLike<number>, logVar: ArrayLike<number>, latent: number): Float64Array {
  checkPair(mu, logVar);
  if (!Number.isInteger(latent) || latent < 1 || mu.length % latent !== 0) {
    throw new Error(`gaussianKl: ${mu.length} numbers do not split into rows of ${latent}`);
  }
  const rows = mu.length / latent;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = klRange(mu, logVar, r * latent, (r + 1) * latent);
  return out;
}

/** Mean over the batch of the per-image KL: the figure the VAE's loss adds (times β). */
export function meanGaussianKl(mu: ArrayLike<number>, logVar: ArrayLike<number>, latent: number): number {
  const perRow = gaussianKlPerRow(mu, logVar, latent);
  let sum = 0;
  for (const v of perRow) sum += v;
  return sum / perRow.length;
}

/**
 * Splits the encoder's output rows [μ_1 … μ_L, log σ²_1 … log σ²_L] (the layout of
 * tasks/vae/model.ts) into flat μ and log σ² arrays of rows × latent numbers each.
 */
export function splitStats(stats: ArrayLike<number>, latent: number): { mu: Float64Array; logVar: Float64Array } {
  if (!Number.isInteger(latent) || latent < 1 || stats.length % (2 * latent) !== 0) {
    throw new Error(`splitStats: ${stats.length} numbers do not split into rows of 2 × ${latent}`);
  }
  const rows = stats.length / (2 * latent);
  const mu = new Float64Array(rows * latent);
  const logVar = new Float64Array(rows * latent);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < latent; j++) {
      mu[r * latent + j] = stats[r * 2 * latent + j]!;
      logVar[r * latent + j] = stats[r * 2 * latent + latent + j]!;
    }
  }
  return { mu, logVar };
}
