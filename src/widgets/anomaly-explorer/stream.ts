/**
 * The scored test stream of an anomaly-detection record, as the explorer slices it: which
 * anomalies count (all, only the other data set's items, only corrupted images), and what each
 * item really is in words. Framework-free.
 */
import { CLASS_NAMES, DATASET_TITLES, type DatasetId } from '../../lib/data/datasets';

/** Kinds as stored in `StoredAnomalyScores.kinds`. */
export const KIND_NORMAL = 0;
export const KIND_FOREIGN = 1;
export const KIND_CORRUPTED = 2;

/** Which anomalies the reader counts: every one, or only one kind (the stream then holds normal + that kind). */
export type AnomalyFilter = 'all' | 'foreign' | 'corrupted';

/** The stored fields the explorer needs (a subset of StoredAnomalyScores). */
export interface ScoredStream {
  scores: ArrayLike<number>;
  kinds: ArrayLike<number>;
  labels: ArrayLike<number>;
  normalDataset: DatasetId;
  foreignDataset: DatasetId;
}

/** The items in play under one filter: indices into the stored stream, their scores and truth. */
export interface FilteredStream {
  /** Index of each item in the stored stream (for its images, kind and label). */
  indices: number[];
  scores: number[];
  /** true = anomaly (foreign or corrupted). */
  anomalous: boolean[];
  normalCount: number;
  anomalyCount: number;
}

/** Items of each kind in the stream. */
export function kindCounts(stream: Pick<ScoredStream, 'kinds'>): { normal: number; foreign: number; corrupted: number } {
  const counts = { normal: 0, foreign: 0, corrupted: 0 };
  for (let i = 0; i < stream.kinds.length; i++) {
    const k = stream.kinds[i];
    if (k === KIND_NORMAL) counts.normal++;
    else if (k === KIND_FOREIGN) counts.foreign++;
    else if (k === KIND_CORRUPTED) counts.corrupted++;
  }
  return counts;
}

/** Normal items plus the anomalies the filter keeps, in stream order. Unknown kinds are left out. */
export function filterStream(stream: Pick<ScoredStream, 'scores' | 'kinds'>, filter: AnomalyFilter): FilteredStream {
  if (stream.scores.length !== stream.kinds.length) throw new Error(`filterStream: ${stream.scores.length} scores but ${stream.kinds.length} kinds`);
  const out: FilteredStream = { indices: [], scores: [], anomalous: [], normalCount: 0, anomalyCount: 0 };
  for (let i = 0; i < stream.kinds.length; i++) {
    const k = stream.kinds[i];
    const keep = k === KIND_NORMAL
      || (k === KIND_FOREIGN && filter !== 'corrupted')
      || (k === KIND_CORRUPTED && filter !== 'foreign');
    if (!keep) continue;
    out.indices.push(i);
    out.scores.push(stream.scores[i]!);
    out.anomalous.push(k !== KIND_NORMAL);
    if (k === KIND_NORMAL) out.normalCount++;
    else out.anomalyCount++;
  }
  return out;
}

/** "digit" for MNIST, "item" for Fashion-MNIST: what one image of the data set is called. */
export function itemNoun(dataset: DatasetId, plural = false): string {
  const noun = dataset === 'mnist' ? 'digit' : 'item';
  return plural ? `${noun}s` : noun;
}

/** The radio choices that make sense for this stream (a kind with no items is left out). */
export function filterOptions(stream: ScoredStream): Array<{ value: AnomalyFilter; label: string }> {
  const counts = kindCounts(stream);
  const options: Array<{ value: AnomalyFilter; label: string }> = [{ value: 'all', label: 'All anomalies' }];
  if (counts.foreign > 0) options.push({ value: 'foreign', label: `${DATASET_TITLES[stream.foreignDataset]} ${itemNoun(stream.foreignDataset, true)} only` });
  if (counts.corrupted > 0) options.push({ value: 'corrupted', label: `Corrupted ${itemNoun(stream.normalDataset, true)} only` });
  return options;
}

/** What item `i` really is: "digit 7", "Fashion-MNIST: Sneaker", "corrupted digit 3". */
export function describeItem(stream: ScoredStream, i: number): string {
  const kind = stream.kinds[i];
  const label = stream.labels[i] ?? 0;
  const name = (dataset: DatasetId): string => {
    const cls = CLASS_NAMES[dataset][label] ?? String(label);
    return dataset === 'mnist' ? `digit ${cls}` : cls;
  };
  if (kind === KIND_FOREIGN) return `${DATASET_TITLES[stream.foreignDataset]}: ${name(stream.foreignDataset)}`;
  if (kind === KIND_CORRUPTED) return `corrupted ${name(stream.normalDataset)}`;
  return name(stream.normalDataset);
}

/** One shown example: an item of the stream and what the current threshold decides about it. */
export interface Example {
  /** Index into the stored stream. */
  index: number;
  score: number;
  what: string;
  anomalous: boolean;
  flagged: boolean;
}

/** Examples for positions of the filtered stream (as mistakesAt returns them), at a threshold. */
export function examplesAt(stream: ScoredStream, filtered: FilteredStream, positions: readonly number[], threshold: number): Example[] {
  return positions.map((p) => {
    const index = filtered.indices[p]!;
    const score = filtered.scores[p]!;
    return { index, score, what: describeItem(stream, index), anomalous: filtered.anomalous[p]!, flagged: score >= threshold };
  });
}
