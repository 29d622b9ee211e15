/**
 * The explorer's state: the chosen noise, the source (test digits or the reader's drawing), the
 * reader's stored denoiser (its own copy, disposed on swap and unmount) and the computed rows.
 * Every change schedules one debounced recompute; only the latest one is shown.
 */
import type * as tf from '@tensorflow/tfjs';
import type { CorruptionSpec } from '../../lib/math/corruption';
import { loadStoredModel, type StoredModel } from '../../lib/ml/main-thread-model';
import { describeRecord } from '../../lib/ml/record-text';
import { onModelSaved } from '../../lib/ml/model-events';
import { isReconstructionRecord, trainingCorruption, type ModelRecord } from '../../lib/tasks/record';
import { loadTestImages } from '../fashion-gallery/test-set';
import { denoiseRows, meanStagePsnr, formatDb, PIXELS, STAGES, type DenoiseRow } from './denoise';
import { modelDenoiser } from './infer';
import { KIND_INFO, levelOf, nearestIndex, noiseRng, specOf, trainingNote, type NoiseKind, type TrainingNote } from './noise';

/** Wait after the last change before recomputing: a dragged slider or a stroke recomputes once. */
export const DEBOUNCE_MS = 120;

/** Stage names inside a sentence. */
const STAGE_WORDS = { noisy: 'noisy', median: 'median 3×3', blur: 'Gaussian blur 3×3', denoised: 'your denoiser' } as const;

export class DenoiseExplorerState {
  kind = $state<NoiseKind>('gaussian');
  levelIndex = $state(nearestIndex(KIND_INFO.gaussian.levels, KIND_INFO.gaussian.initial));
  seed = $state(1);
  source = $state<'test' | 'drawing'>('test');
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  rows = $state.raw<DenoiseRow[]>([]);
  record = $state.raw<ModelRecord | null>(null);
  /** A recompute is scheduled or running (aria-busy on the table). */
  computing = $state(false);

  private digits: Uint8Array | null = null;
  private drawing: Uint8Array | null = null;
  private model: tf.LayersModel | null = null;
  /** The shared copy `model` comes from (model-cache.ts): released, never disposed, here. */
  private lease: StoredModel | null = null;
  private modelToken = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private token = 0;
  private destroyed = false;
  /** Until the reader touches the noise controls, they follow the stored denoiser's training noise. */
  private touched = false;

  constructor(readonly storeKey: string, readonly count: number) {}

  get level(): number {
    return KIND_INFO[this.kind].levels[this.levelIndex] ?? KIND_INFO[this.kind].initial;
  }

  get spec(): CorruptionSpec {
    return specOf(this.kind, this.level);
  }

  get note(): TrainingNote | null {
    return this.record ? trainingNote(trainingCorruption(this.record), this.spec) : null;
  }

  get modelLabel(): string {
    return this.record ? describeRecord(this.record) : '';
  }

  /** "Mean PSNR vs clean over 6 digits: noisy 8.1 dB, …" for the live region. */
  get summary(): string {
    if (this.rows.length === 0) return '';
    const what = this.source === 'drawing' ? 'your drawing' : `${this.rows.length} test digits`;
    const parts = STAGES.filter((s) => s !== 'denoised' || this.record).map((s) => `${STAGE_WORDS[s]} ${formatDb(meanStagePsnr(this.rows, s))}`);
    return `PSNR vs clean, ${what}: ${parts.join(', ')}.`;
  }

  setKind(kind: NoiseKind): void {
    this.touched = true;
    this.kind = kind;
    this.levelIndex = nearestIndex(KIND_INFO[kind].levels, KIND_INFO[kind].initial);
    this.schedule();
  }

  setLevelIndex(index: number): void {
    this.touched = true;
    this.levelIndex = Math.max(0, Math.min(KIND_INFO[this.kind].levels.length - 1, Math.round(index)));
    this.schedule();
  }

  reseed(): void {
    this.seed = (this.seed % 1_000_000) + 1;
    this.schedule();
  }

  setSource(source: 'test' | 'drawing'): void {
    this.source = source;
    this.schedule();
  }

  /** The pad reuses its buffer: keep a copy. */
  setDrawing(pixels: Uint8Array): void {
    this.drawing = Uint8Array.from(pixels);
    if (this.source === 'drawing') this.schedule();
  }

  /** Loads digits and the stored denoiser, and follows newly stored ones. Returns the cleanup for onMount. */
  mount(): () => void {
    void this.init();
    const off = onModelSaved((key) => {
      if (key === this.storeKey) void this.reloadModel().then(() => this.schedule(0));
    });
    return () => {
      off();
      this.destroy();
    };
  }

  private async init(): Promise<void> {
    try {
      const [set] = await Promise.all([loadTestImages('mnist', this.count), this.reloadModel()]);
      this.digits = set.images.subarray(0, this.count * PIXELS);
      this.status = 'ready';
      this.schedule(0);
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async reloadModel(): Promise<void> {
    const mine = ++this.modelToken;
    const loaded = await loadStoredModel(this.storeKey, isReconstructionRecord);
    // Saves in quick succession: only the newest request's copy is kept (they can arrive out of order).
    if (this.destroyed || mine !== this.modelToken) {
      loaded?.release();
      return;
    }
    this.lease?.release();
    this.lease = loaded ?? null;
    this.model = loaded?.model ?? null;
    this.record = loaded?.record ?? null;
    const trained = levelOf(trainingCorruption(this.record));
    if (trained && !this.touched) {
      this.kind = trained.kind;
      this.levelIndex = nearestIndex(KIND_INFO[trained.kind].levels, trained.level);
    }
  }

  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.computing = true;
    this.timer = setTimeout(() => void this.compute(), delay);
  }

  private async compute(): Promise<void> {
    const images = this.source === 'drawing' ? this.drawing : this.digits;
    if (this.destroyed || !images) {
      this.computing = false;
      return;
    }
    const mine = ++this.token;
    const count = this.source === 'drawing' ? 1 : this.count;
    try {
      const rng = noiseRng(this.seed, this.source, this.kind, this.level);
      const rows = await denoiseRows(images, count, this.spec, rng, this.model ? modelDenoiser(this.model) : undefined);
      if (mine === this.token && !this.destroyed) this.rows = rows;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (mine === this.token) this.computing = false;
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.lease?.release();
    this.lease = null;
    this.model = null;
  }
}
