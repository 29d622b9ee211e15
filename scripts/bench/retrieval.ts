// Browser side of the retrieval section of `npm run bench` (BENCH_ONLY=retrieval): lesson 6's
// image search, brute force over 10,000 indexed rows on the page's main thread, for the row
// sizes of its feature choices (128 deep features, 784 pixels, 1,600 conv features), cosine and
// Euclidean. Random rows: a scan's time does not depend on the values. Exposes window.runRetrievalBench().
import { nearest, rowNorms, type Metric } from '../../src/lib/math/nearest';
import { mulberry32 } from '../../src/lib/ml/random';

export interface RetrievalLatency { dims: number; metric: Metric; p50: number; p95: number; n: number }

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function runRetrievalBench(options: { rows: number; queries: number; k: number }): RetrievalLatency[] {
  const out: RetrievalLatency[] = [];
  for (const dims of [128, 784, 1600]) {
    const random = mulberry32(dims);
    const data = Float32Array.from({ length: options.rows * dims }, () => random());
    const rows = { data, count: options.rows, dims };
    const norms = rowNorms(rows);
    for (const metric of ['cosine', 'euclidean'] as const) {
      const times: number[] = [];
      for (let q = 0; q < options.queries + 5; q++) {
        const i = Math.floor(random() * options.rows);
        const query = data.subarray(i * dims, (i + 1) * dims);
        const t0 = performance.now();
        nearest(rows, query, options.k, metric, { skip: i, norms });
        // The first five warm the JIT up.
        if (q >= 5) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      out.push({ dims, metric, p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length });
    }
  }
  return out;
}

(globalThis as unknown as { runRetrievalBench: typeof runRetrievalBench }).runRetrievalBench = runRetrievalBench;
