/**
 * The sentences the explorer shows and announces, built from figures only. Framework-free.
 */
import { DATASET_TITLES, type DatasetId } from '../../lib/data/datasets';
import type { ConfusionCounts, PrecisionRecallF1 } from '../../lib/math/detection';
import { itemNoun } from './stream';
import { formatScore } from './threshold-scale';

/** "90.0%" (one decimal, so small moves of the slider show). */
export function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}

/** "0.943" */
export function formatAuc(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '–';
}

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;

/** "1,000 normal digits", "1 normal item". */
export function normalItems(n: number, dataset: DatasetId): string {
  return plural(n, `normal ${itemNoun(dataset)}`, `normal ${itemNoun(dataset, true)}`);
}

/**
 * What the stream holds: "1,500 test images scored: 1,000 MNIST digits (normal), 250 Fashion-MNIST
 * items and 250 corrupted digits (Gaussian noise σ = 0.5)."
 */
export function describeStream(counts: { normal: number; foreign: number; corrupted: number }, normal: DatasetId, foreign: DatasetId, corruption: string): string {
  const total = counts.normal + counts.foreign + counts.corrupted;
  const parts = [`${plural(counts.normal, `${DATASET_TITLES[normal]} ${itemNoun(normal)}`, `${DATASET_TITLES[normal]} ${itemNoun(normal, true)}`)} (normal)`];
  if (counts.foreign > 0) parts.push(plural(counts.foreign, `${DATASET_TITLES[foreign]} ${itemNoun(foreign)}`, `${DATASET_TITLES[foreign]} ${itemNoun(foreign, true)}`));
  if (counts.corrupted > 0) parts.push(`${plural(counts.corrupted, `corrupted ${itemNoun(normal)}`, `corrupted ${itemNoun(normal, true)}`)}${corruption ? ` (${corruption})` : ''}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `${plural(total, 'test image', 'test images')} scored: ${list}.`;
}

/**
 * The decision at a threshold in one sentence, for the live region: "Threshold 0.0234: 45 of 50
 * anomalies flagged (recall 90.0%); 12 of 1,000 normal digits flagged too; precision 78.9%, F1 0.837."
 */
export function thresholdSummary(threshold: number, c: ConfusionCounts, m: PrecisionRecallF1, normal: DatasetId): string {
  const anomalies = c.tp + c.fn;
  const normals = c.fp + c.tn;
  const precision = m.precisionDefined ? `precision ${formatPercent(m.precision)}` : 'precision undefined (nothing flagged)';
  return `Threshold ${formatScore(threshold)}: ${count(c.tp)} of ${plural(anomalies, 'anomaly', 'anomalies')} flagged (recall ${formatPercent(m.recall)}); `
    + `${count(c.fp)} of ${normalItems(normals, normal)} flagged too; ${precision}, F1 ${m.f1.toFixed(3)}.`;
}

/**
 * The "threshold for a required recall" helper: "To catch at least 90% of the 50 anomalies (45),
 * flag every image whose error is at least 0.0412. That flags 13 normal digits as well: precision 77.6%."
 */
export function recallHelperText(recall: number, threshold: number, c: ConfusionCounts, m: PrecisionRecallF1, normal: DatasetId): string {
  const anomalies = c.tp + c.fn;
  if (!Number.isFinite(threshold)) return `A recall of ${formatPercent(recall)} needs no threshold at all: flagging nothing already reaches it.`;
  const needed = Math.ceil(recall * anomalies - 1e-9);
  const head = `To catch at least ${formatPercent(recall)} of the ${plural(anomalies, 'anomaly', 'anomalies')} (${count(needed)}), flag every image whose error is at least ${formatScore(threshold)}.`;
  const extra = c.tp > needed ? ` Tied scores catch ${count(c.tp)}.` : '';
  const cost = c.fp === 0 ? ' That flags no normal image: precision 100%.' : ` That flags ${normalItems(c.fp, normal)} as well: precision ${formatPercent(m.precision)}.`;
  return head + extra + cost;
}

/** Middle value of a list (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The histogram's text alternative: the two medians and what the threshold cuts off. */
export function histogramLabel(normalScores: readonly number[], anomalyScores: readonly number[], threshold: number, c: ConfusionCounts, normal: DatasetId): string {
  const fpr = c.fp + c.tn > 0 ? c.fp / (c.fp + c.tn) : 0;
  const tpr = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return `Histogram of reconstruction errors, log scale. Normal ${itemNoun(normal, true)}: median ${formatScore(median(normalScores))}; `
    + `anomalies: median ${formatScore(median(anomalyScores))}. The threshold at ${formatScore(threshold)} flags ${formatPercent(fpr)} of the normal ${itemNoun(normal, true)} and ${formatPercent(tpr)} of the anomalies.`;
}

/** The ROC chart's text alternative. */
export function rocLabel(aucValue: number, point: { fpr: number; tpr: number }): string {
  return `ROC curve, AUC ${formatAuc(aucValue)} (1 is perfect, 0.5 is guessing). At the current threshold: true-positive rate ${formatPercent(point.tpr)}, false-positive rate ${formatPercent(point.fpr)}.`;
}
