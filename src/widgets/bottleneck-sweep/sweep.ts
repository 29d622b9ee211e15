/**
 * The bottleneck sweep's data: the reader's logged autoencoder runs grouped into one series per
 * model and data set, one point per bottleneck size. When the same size was trained more than
 * once the latest run wins (the log is oldest first), so a retrain replaces its point instead of
 * stacking a second one; the table still lists every run. Framework-free.
 */
import type { RunSummary } from '../../lib/ml/run-log';

export interface SweepPoint {
  k: number;
  psnr: number;
  mse: number;
  at: string;
  /** The course's pretrained weights, loaded by the reader (not trained here). */
  pretrained: boolean;
}

export interface SweepSeries {
  /** "dense-autoencoder:mnist" */
  id: string;
  /** "Dense · MNIST" */
  label: string;
  points: SweepPoint[];
}

const MODEL_LABELS: Record<string, string> = { 'dense-autoencoder': 'Dense', 'conv-autoencoder': 'Conv' };
const DATASET_LABELS: Record<string, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Runs the sweep can plot: autoencoders with a known bottleneck and a finite PSNR, no noise (denoisers are another lesson's chart). */
export function sweepRuns(runs: readonly RunSummary[], storeKeys?: readonly string[]): RunSummary[] {
  return runs.filter((r) => (r.model === 'dense-autoencoder' || r.model === 'conv-autoencoder')
    && (storeKeys === undefined || storeKeys.includes(r.storeKey))
    && r.bottleneck !== undefined && r.bottleneck >= 1
    && r.testPsnr !== undefined && Number.isFinite(r.testPsnr)
    && (r.corruption === undefined || r.corruption.kind === 'none'));
}

export function seriesLabel(run: Pick<RunSummary, 'model' | 'dataset'>): string {
  return `${MODEL_LABELS[run.model] ?? run.model} · ${DATASET_LABELS[run.dataset] ?? run.dataset}`;
}

/** One series per model + data set, points sorted by k, the latest run per k. Series in order of first appearance. */
export function groupSweep(runs: readonly RunSummary[], storeKeys?: readonly string[]): SweepSeries[] {
  const series = new Map<string, { label: string; byK: Map<number, SweepPoint> }>();
  for (const r of sweepRuns(runs, storeKeys)) {
    const id = `${r.model}:${r.dataset}`;
    let s = series.get(id);
    if (!s) series.set(id, (s = { label: seriesLabel(r), byK: new Map() }));
    // Later entries overwrite earlier ones: the log is oldest first.
    s.byK.set(r.bottleneck!, { k: r.bottleneck!, psnr: r.testPsnr!, mse: r.testMse ?? 10 ** (-r.testPsnr! / 10), at: r.at, pretrained: r.source === 'pretrained' });
  }
  return [...series].map(([id, s]) => ({ id, label: s.label, points: [...s.byK.values()].sort((a, b) => a.k - b.k) }));
}

/** Distinct bottleneck sizes over all series. */
export function distinctSizes(series: readonly SweepSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.k)))].sort((a, b) => a - b);
}

/** x-axis range in log2(k): the offered sizes 2…64 at least, widened to any other size logged. */
export function log2Domain(sizes: readonly number[], offered: readonly number[] = [2, 64]): [number, number] {
  const all = [...sizes, ...offered].filter((k) => k >= 1);
  return [Math.log2(Math.min(...all)), Math.log2(Math.max(...all))];
}

/** y-axis range in dB: every value at least half a dB inside, ends on whole multiples of `step`. */
export function psnrDomain(values: readonly number[], step = 2): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return [10, 20];
  const lo = Math.floor((Math.min(...finite) - 0.5) / step) * step;
  const hi = Math.ceil((Math.max(...finite) + 0.5) / step) * step;
  return [lo, hi];
}

/** Sentence for the chart's aria-label. */
export function describeSweep(series: readonly SweepSeries[]): string {
  if (!series.length) return 'Test PSNR against bottleneck size: no runs yet.';
  const parts = series.map((s) => `${s.label}: ${s.points.map((p) => `k = ${p.k} gives ${p.psnr.toFixed(1)} dB${p.pretrained ? ' (pretrained)' : ''}`).join(', ')}`);
  return `Test PSNR against bottleneck size. ${parts.join('. ')}.`;
}

/** The pretrained autoencoder's result from its reference.json, drawn greyed before the reader has a run. */
export interface SweepReference {
  k: number;
  psnr: number;
  trainExamples: number;
  epochs: number;
  /** "Dense · MNIST" */
  label: string;
}

/** Reads the figures the sweep needs from a reference.json (scripts/pretrain-autoencoder.ts); null when they are missing. */
export function parseSweepReference(json: unknown, model = 'dense-autoencoder'): SweepReference | null {
  if (typeof json !== 'object' || json === null) return null;
  const { settings, testPsnr, trainExamples } = json as Record<string, unknown>;
  if (typeof settings !== 'object' || settings === null || typeof testPsnr !== 'number' || !Number.isFinite(testPsnr)) return null;
  const s = settings as Record<string, unknown>;
  const k = s['bottleneck'];
  const epochs = s['epochs'];
  const dataset = s['dataset'] === 'fashion-mnist' ? 'fashion-mnist' : 'mnist';
  if (!Number.isInteger(k) || (k as number) < 1 || !Number.isInteger(epochs)) return null;
  const images = typeof trainExamples === 'number' ? trainExamples : typeof s['trainSize'] === 'number' ? s['trainSize'] : 0;
  return { k: k as number, psnr: testPsnr, trainExamples: images, epochs: epochs as number, label: seriesLabel({ model: model as RunSummary['model'], dataset }) };
}
