/**
 * The few-labels chart's data: test accuracy against labelled images per class, from the shipped
 * reference (scripts/features-reference.ts) and from the reader's own runs in the run log.
 * Framework-free and tested.
 */
import { z } from '../../lib/tasks/zod';
import type { RunSummary } from '../../lib/ml/run-log';
import type { FeatureLayer } from '../../lib/tasks/features/schema';

const fraction = z.number().min(0).max(1);
const dataset = z.object({
  fewLabels: z.array(z.object({ perClass: z.number().int().min(1), pixels: fraction, dense: fraction, flatten: fraction, cnnFromScratch: fraction.optional() })).min(1),
  precisionAt10: z.object({ pixels: fraction, dense: fraction, flatten: fraction }),
});
const reference = z.object({ script: z.string(), backend: z.string(), fashion: dataset, digits: dataset });
export type FeaturesReference = z.infer<typeof reference>;

/** The reference file checked, or null when it is missing or damaged (the chart then shows the reader's runs only). */
export function parseFeaturesReference(json: unknown): FeaturesReference | null {
  const parsed = reference.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The approaches the chart compares; the reference has all but the autoencoder code. */
export type Approach = 'pixels' | 'dense' | 'flatten' | 'cnnFromScratch' | 'code';
export const APPROACHES: ReadonlyArray<{ key: Approach; label: string; color: string; dash?: string }> = [
  { key: 'pixels', label: 'Logistic regression on raw pixels', color: 'var(--fg-muted)', dash: '5 4' },
  { key: 'dense', label: 'Logistic regression on CNN dense features (128)', color: 'var(--accent)' },
  { key: 'flatten', label: 'Logistic regression on CNN conv features (1,600)', color: 'var(--success)' },
  { key: 'cnnFromScratch', label: 'Whole CNN trained from scratch', color: 'var(--danger)', dash: '2 3' },
  { key: 'code', label: 'Logistic regression on the autoencoder code', color: 'var(--warning)' },
];

const APPROACH_OF: Record<FeatureLayer, Approach> = { pixels: 'pixels', 'cnn-dense': 'dense', 'cnn-flatten': 'flatten', 'autoencoder-code': 'code' };

export interface Point { approach: Approach; perClass: number; accuracy: number }

/** The reference's lines for one data set. */
export function referenceLines(ref: FeaturesReference, data: 'mnist' | 'fashion-mnist'): Point[] {
  const rows = (data === 'mnist' ? ref.digits : ref.fashion).fewLabels;
  return rows.flatMap((r) => (['pixels', 'dense', 'flatten', 'cnnFromScratch'] as const)
    .filter((k) => r[k] !== undefined).map((k) => ({ approach: k, perClass: r.perClass, accuracy: r[k]! })));
}

/** The reader's finished softmax-regression runs on one data set: the latest per approach and labels per class. */
export function readerPoints(runs: readonly RunSummary[], data: 'mnist' | 'fashion-mnist'): Point[] {
  const latest = new Map<string, Point>();
  for (const r of runs) {
    if (r.model !== 'softmax-regression' || r.dataset !== data || r.source === 'pretrained') continue;
    if (r.features === undefined || r.labelsPerClass === undefined || r.testAccuracy === undefined || !Number.isFinite(r.testAccuracy)) continue;
    const approach = APPROACH_OF[r.features];
    latest.set(`${approach}/${r.labelsPerClass}`, { approach, perClass: r.labelsPerClass, accuracy: r.testAccuracy });
  }
  return [...latest.values()].sort((a, b) => a.perClass - b.perClass);
}

/** An accuracy axis from a bit below the lowest point to 100%, in steps of 10 points. */
export function accuracyDomain(points: readonly Point[]): [number, number] {
  const low = Math.min(0.9, ...points.map((p) => p.accuracy));
  return [Math.max(0, Math.floor((low - 0.02) * 10) / 10), 1];
}

/** "Logistic regression on raw pixels: 47.5% with 1 label per class, … 83.1% with 1,000." */
export function describeLines(points: readonly Point[]): string {
  return APPROACHES.map(({ key, label }) => {
    const mine = points.filter((p) => p.approach === key);
    if (!mine.length) return '';
    return `${label}: ${mine.map((p) => `${(p.accuracy * 100).toFixed(1)}% with ${p.perClass.toLocaleString('en-US')}`).join(', ')}`;
  }).filter(Boolean).join('. ');
}
