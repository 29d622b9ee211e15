/**
 * The explorer's state: the stored stream, which anomalies count, and the threshold. Everything
 * else (counts, rates, curves) is derived, so the view can never disagree with itself. Explorers
 * on one page that show the same model share one state (./shared.ts), so their thresholds agree.
 */
import { auc, confusionAt, precisionRecallF1, rocCurve, thresholdForRecall } from '../../lib/math/detection';
import type { StoredAnomalyScores } from '../../lib/tasks/record';
import { rocPointOf, scoreHistogram } from './chart-data';
import { filterOptions, filterStream, type AnomalyFilter } from './stream';
import { thresholdSummary } from './summary';
import { defaultThreshold, positionToThreshold, scoreScale, thresholdToPosition } from './threshold-scale';

export class AnomalyExplorerState {
  /** Raw: the stream's typed arrays are large and never mutated in place. */
  anomaly = $state.raw<StoredAnomalyScores | null>(null);
  filter = $state<AnomalyFilter>('all');
  threshold = $state(0);
  recallTarget = $state(0.9);
  /**
   * Which view last changed a control (null: none yet). Changes are announced only once the reader
   * has touched a control, and only by the view they touched.
   */
  changedBy = $state<string | null>(null);

  constructor(recallTarget: number) {
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
  readonly recallThreshold = $derived(this.stream && this.stream.anomalyCount > 0 ? thresholdForRecall(this.stream.scores, this.stream.anomalous, this.recallTarget) : NaN);
  readonly recallCounts = $derived(this.stream && !Number.isNaN(this.recallThreshold) ? confusionAt(this.stream.scores, this.stream.anomalous, this.recallThreshold) : null);
  readonly summary = $derived(this.counts && this.metrics && this.anomaly ? thresholdSummary(this.threshold, this.counts, this.metrics, this.anomaly.normalDataset) : '');

  /** A new (or first, or no) stored stream: back to the default filter and threshold. The same one again changes nothing. */
  load(anomaly: StoredAnomalyScores | null): void {
    if (anomaly === this.anomaly) return;
    this.anomaly = anomaly;
    if (!anomaly) return;
    if (!this.options.some((o) => o.value === this.filter)) this.filter = 'all';
    const all = filterStream(anomaly, 'all');
    this.threshold = defaultThreshold(all.scores, all.anomalous);
  }

  setPosition(position: number, by: string): void {
    if (!this.scale) return;
    this.threshold = positionToThreshold(position, this.scale);
    this.changedBy = by;
  }

  setFilter(filter: AnomalyFilter, by: string): void {
    this.filter = filter;
    this.changedBy = by;
  }

  setRecallTarget(recall: number): void {
    if (recall >= 0 && recall <= 1) this.recallTarget = recall;
  }

  /** Moves the threshold exactly to the one the recall helper found (the slider shows the nearest step). */
  applyRecallThreshold(by: string): void {
    if (Number.isNaN(this.recallThreshold)) return;
    this.threshold = Number.isFinite(this.recallThreshold) ? this.recallThreshold : (this.scale?.hi ?? this.threshold);
    this.changedBy = by;
  }
}
