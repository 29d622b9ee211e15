/**
 * The β experiment's rows, framework-free: the shipped references (beta-experiment.json, written
 * by scripts/pretrain-vae.ts) and the reader's own finished VAE runs from the run log.
 */
import type { RunSummary } from '../../lib/ml/run-log';

export interface BetaRow {
  beta: number;
  latent: number;
  reconstruction: number;
  kl: number;
  evenness: number;
  source: 'reference' | 'yours' | 'pretrained';
  /** Reader's runs: ISO time of the run. */
  at?: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The shipped file's rows (latent 2); [] when malformed. */
export function parseBetaReference(json: unknown): BetaRow[] {
  const runs = (json as { runs?: unknown } | null)?.runs;
  if (!Array.isArray(runs)) return [];
  return runs.flatMap((r: Record<string, unknown>) => (isNum(r['beta']) && isNum(r['testReconstruction']) && isNum(r['testKl']) && isNum(r['evenness'])
    ? [{ beta: r['beta'], latent: 2, reconstruction: r['testReconstruction'], kl: r['testKl'], evenness: r['evenness'], source: 'reference' as const }]
    : []));
}

/** The reader's VAE runs (cell `storeKey`) with all four figures, latest last, at most `limit`. */
export function readerRows(runs: readonly RunSummary[], storeKey: string, limit = 8): BetaRow[] {
  return runs.filter((r) => r.storeKey === storeKey && isNum(r.beta) && isNum(r.latent) && isNum(r.testReconstruction) && isNum(r.testKl) && isNum(r.evenness))
    .slice(-limit)
    .map((r) => ({ beta: r.beta!, latent: r.latent!, reconstruction: r.testReconstruction!, kl: r.testKl!, evenness: r.evenness!, source: r.source === 'pretrained' ? 'pretrained' as const : 'yours' as const, at: r.at }));
}
