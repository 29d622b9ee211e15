/**
 * Image retrieval by brute force: the k rows of an index nearest a query, by cosine similarity
 * (deep features: the direction of the feature vector matters, not its length) or by Euclidean
 * distance (raw pixels). At 10,000 rows of a few hundred numbers a full scan is a few million
 * multiply-adds, well under the 50 ms a query may take; no index structure is needed.
 */
import type { FeatureRows } from './softmax-regression';

export type Metric = 'cosine' | 'euclidean';

export interface Hit {
  /** Row of the index. */
  index: number;
  /** Cosine similarity (higher is nearer) or Euclidean distance (lower is nearer). */
  score: number;
}

/** Euclidean length of each row (for cosine similarity; 0 for an all-zero row). */
export function rowNorms(rows: FeatureRows): Float64Array {
  const norms = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    let s = 0;
    for (let f = 0, base = i * rows.dims; f < rows.dims; f++) s += rows.data[base + f]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  return norms;
}

/**
 * The k nearest rows to `query`, nearest first (ties: lower row first). `skip` leaves one row out
 * (the query's own, when it comes from the index). `norms` may be passed in to save recomputing.
 */
export function nearest(rows: FeatureRows, query: ArrayLike<number>, k: number, metric: Metric, options: { skip?: number; norms?: Float64Array } = {}): Hit[] {
  if (query.length !== rows.dims) throw new Error(`The query has ${query.length} numbers; the index has ${rows.dims} per row.`);
  const want = Math.max(0, Math.min(Math.floor(k), rows.count - (options.skip !== undefined ? 1 : 0)));
  if (want === 0) return [];
  const norms = metric === 'cosine' ? options.norms ?? rowNorms(rows) : undefined;
  let queryNorm = 0;
  for (let f = 0; f < query.length; f++) queryNorm += query[f]! ** 2;
  queryNorm = Math.sqrt(queryNorm);
  // Kept sorted best-first; k is small, so insertion into a short array beats a heap here.
  const best: Hit[] = [];
  const better = (a: number, b: number): boolean => (metric === 'cosine' ? a > b : a < b);
  for (let i = 0; i < rows.count; i++) {
    if (i === options.skip) continue;
    const base = i * rows.dims;
    let score = 0;
    if (metric === 'cosine') {
      for (let f = 0; f < rows.dims; f++) score += rows.data[base + f]! * query[f]!;
      const denominator = norms![i]! * queryNorm;
      score = denominator > 0 ? score / denominator : 0;
    } else {
      for (let f = 0; f < rows.dims; f++) score += (rows.data[base + f]! - query[f]!) ** 2;
      score = Math.sqrt(score);
    }
    if (best.length === want && !better(score, best[want - 1]!.score)) continue;
    let at = best.length;
    while (at > 0 && better(score, best[at - 1]!.score)) at--;
    best.splice(at, 0, { index: i, score });
    if (best.length > want) best.pop();
  }
  return best;
}

/** Share of the hits whose class is the query's class: precision@k for one query (NaN without hits). */
export function precisionAt(hits: readonly Hit[], labels: ArrayLike<number>, queryLabel: number): number {
  if (hits.length === 0) return NaN;
  return hits.filter((h) => labels[h.index] === queryLabel).length / hits.length;
}

/**
 * Mean precision@k over queries taken from the index itself (each query's own row left out):
 * the figure the retrieval widget reports for a fixed set of test queries.
 */
export function meanPrecisionAt(rows: FeatureRows, labels: ArrayLike<number>, queries: readonly number[], k: number, metric: Metric): number {
  if (queries.length === 0) return NaN;
  const norms = metric === 'cosine' ? rowNorms(rows) : undefined;
  let total = 0;
  for (const q of queries) {
    const query = Array.prototype.slice.call(rows.data, q * rows.dims, (q + 1) * rows.dims) as number[];
    total += precisionAt(nearest(rows, query, k, metric, { skip: q, ...(norms ? { norms } : {}) }), labels, labels[q]!);
  }
  return total / queries.length;
}
