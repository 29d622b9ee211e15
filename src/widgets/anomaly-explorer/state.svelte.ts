/**
 * The explorer's state: the stored stream, which anomalies count, and the threshold. Everything
 * else (counts, rates, curves, examples) is derived, so the view can never disagree with itself.
 */
import { auc, confusionAt, precisionRecallF1, rocCurve, thresholdForRecall } from '../../lib/math/detection';
import type { StoredAnomalyScores } from '../../lib/ml/model-store';
import { rocPointOf, scoreHistogram } from './chart-data';
import { filterOptions, filterStream, topK, type AnomalyFilter } from './stream';
import { thresholdSummary } from './summary';
import { defaultThreshold, positionToThreshold, scoreScale, thresholdToPosition } from './threshold-scale';

export class AnomalyExplorerState {
  /** Raw: the stream's typed arrays are large and never mutated in place. */
  anomaly = $state.raw<StoredAnomalyScores | null>(null);
  filter = $state<AnomalyFilter>('all');
  threshold = $state(0);
  recallTarget = $state(0.9);
  /** Set once the reader has touched a control: only then are changes announced. */
  touched = $state(false);

  /** Images in each example list. */
  exampleCount = $state(8);

  constructor(exampleCount: number, recallTarget: number) {
    this.exampleCount = exampleCount;
    this.recallTarget = recallTarget;
  }

  readonly options = $derived(this.anomaly ? filterOptions(this.anomaly) : []);
  /** The axis spans the whole stream, whatever the filter, so nothing jumps when the filter changes. */
  readonly scale = $derived(this.anomaly ? scoreScale(this.anomaly.scores) : null);
  readonly stream = $derived(this.anomaly && this.anomaly.scores.length > 0 ? filterStream(this.anomaly, this.filter) : null);
  readonly position = $derived(this.scale ? thresholdToPosition(this.threshold, this.scale) : 0);
  readonly counts = $derived(this.stream && this.stream.scores.length > 0 ? confusionAt(this.stream.scores, this.stream.anomalous, this.threshold) : null);
  readonly metrics = $derived(this.counts ? precisionRecallF1(this.counts) : null);
  readonly rocPoint = $derived(this.counts ? rocPointOf(this.counts) : { fpr: 0, tpr: 0 });
  /** Both groups present: otherwise a rate is 0/0 and there is no curve. */
  readonly separable = $derived(!!this.stream && this.stream.normalCount > 0 && this.stream.anomalyCount > 0);
  readonly roc = $derived(this.separable && this.stream ? rocCurve(this.stream.scores, this.stream.anomalous) : null);
  readonly auc = $derived(this.separable && this.stream ? auc(this.stream.scores, this.stream.anomalous) : NaN);
  readonly histogram = $derived(this.stream && this.scale ? scoreHistogram(this.stream, this.scale) : null);
  readonly most = $derived(this.stream ? topK(this.stream.scores, this.exampleCount, 'highest') : []);
  readonly least = $derived(this.stream ? topK(this.stream.scores, this.exampleCount, 'lowest') : []);
  readonly recallThreshold = $derived(this.stream && this.stream.anomalyCount > 0 ? thresholdForRecall(this.stream.scores, this.stream.anomalous, this.recallTarget) : NaN);
  readonly recallCounts = $derived(this.stream && !Number.isNaN(this.recallThreshold) ? confusionAt(this.stream.scores, this.stream.anomalous, this.recallThreshold) : null);
  readonly summary = $derived(this.counts && this.metrics && this.anomaly ? thresholdSummary(this.threshold, this.counts, this.metrics, this.anomaly.normalDataset) : '');

  /** A new (or first, or no) stored stream: back to the default filter and threshold. */
  load(anomaly: StoredAnomalyScores | null): void {
    this.anomaly = anomaly;
    if (!anomaly) return;
    if (!this.options.some((o) => o.value === this.filter)) this.filter = 'all';
    const all = filterStream(anomaly, 'all');
    this.threshold = defaultThreshold(all.scores, all.anomalous);
  }

  setPosition(position: number): void {
    if (!this.scale) return;
    this.threshold = positionToThreshold(position, this.scale);
    this.touched = true;
  }

  setFilter(filter: AnomalyFilter): void {
    this.filter = filter;
    this.touched = true;
  }

  setRecallTarget(recall: number): void {
    if (recall >= 0 && recall <= 1) this.recallTarget = recall;
  }

  /** Moves the threshold exactly to the one the recall helper found (the slider shows the nearest step). */
  applyRecallThreshold(): void {
    if (Number.isNaN(this.recallThreshold)) return;
    this.threshold = Number.isFinite(this.recallThreshold) ? this.recallThreshold : (this.scale?.hi ?? this.threshold);
    this.touched = true;
  }
}
