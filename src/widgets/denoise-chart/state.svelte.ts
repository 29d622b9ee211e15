/**
 * The chart's state: the stored denoiser's record (for the kind and level it was trained on),
 * a Compute run over CHART_IMAGES seeded test digits, its progress and its points. The model is
 * loaded for the run and disposed right after it.
 */
import { loadStoredModel, type StoredModel } from '../../lib/ml/main-thread-model';
import { storedRecord } from '../../lib/ml/record-store';
import { describeRecord } from '../../lib/ml/record-text';
import { onModelSaved } from '../../lib/ml/model-events';
import { isReconstructionRecord, trainingCorruption, type ModelRecord } from '../../lib/tasks/record';
import { modelDenoiser } from '../denoise-explorer/infer';
import { levelOf, levelsWith, type NoiseKind } from '../denoise-explorer/noise';
import { loadTestImages } from '../fashion-gallery/test-set';
import { CHART_IMAGES, CHART_SEED, computeCurves, type CurvePoint } from './curves';

/** Lets the page paint and handle input between levels (a macrotask, not a microtask). */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class DenoiseChartState {
  record = $state.raw<ModelRecord | null>(null);
  loaded = $state(false);
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  error = $state('');
  done = $state(0);
  total = $state(0);
  points = $state.raw<CurvePoint[]>([]);
  /** The points were computed before the stored denoiser changed. */
  stale = $state(false);
  /** Kind and level the points were computed for. */
  shownKind = $state<NoiseKind>('gaussian');
  shownTrained = $state<number | undefined>(undefined);
  private destroyed = false;

  constructor(readonly storeKey: string, readonly fallbackKind: NoiseKind) {}

  /** The denoiser's training noise, or null (no model, or one trained on clean images). */
  get trained(): { kind: NoiseKind; level: number } | null {
    return levelOf(trainingCorruption(this.record));
  }

  get kind(): NoiseKind {
    return this.trained?.kind ?? this.fallbackKind;
  }

  get modelLabel(): string {
    return this.record ? describeRecord(this.record) : '';
  }

  mount(): () => void {
    // Without a denoiser the classical curves cost a fraction of a second: show them straight away.
    void this.refresh().then(() => {
      if (!this.record && !this.destroyed) void this.compute();
    });
    const off = onModelSaved((key) => {
      if (key === this.storeKey) void this.refresh().then(() => (this.stale = this.points.length > 0));
    });
    return () => {
      off();
      this.destroyed = true;
    };
  }

  async refresh(): Promise<void> {
    const record = await storedRecord(this.storeKey);
    this.record = isReconstructionRecord(record) ? record : null;
    this.loaded = true;
  }

  async compute(): Promise<void> {
    if (this.status === 'running') return;
    this.status = 'running';
    this.error = '';
    this.done = 0;
    this.total = levelsWith(this.kind, this.trained?.level).length; // refined once the model's record is read
    let loaded: StoredModel | undefined = undefined;
    try {
      loaded = await loadStoredModel(this.storeKey, isReconstructionRecord);
      // The loaded weights' record decides the kind and the marked level (it may be newer than the one shown).
      if (loaded) this.record = loaded.record;
      const kind = this.kind;
      const trained = this.trained?.kind === kind ? this.trained.level : undefined;
      const levels = levelsWith(kind, trained);
      this.total = levels.length;
      const set = await loadTestImages('mnist', CHART_IMAGES);
      const points = await computeCurves({
        clean: set.images, count: Math.min(CHART_IMAGES, set.count), kind, levels, seed: CHART_SEED,
        denoise: loaded ? modelDenoiser(loaded.model) : undefined,
        onProgress: (done) => (this.done = done), pause,
      });
      if (this.destroyed) return;
      this.points = points;
      this.shownKind = kind;
      this.shownTrained = trained;
      this.stale = false;
      this.status = 'done';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      loaded?.release();
    }
  }
}
