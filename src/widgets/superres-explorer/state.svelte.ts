/**
 * The super-resolution explorer's state: the chosen data set, scale and image (a test image or
 * the reader's drawing), the network (a lease on the page's shared copy, released on swap and
 * unmount), the computed panels and the magnifier's patch. Every change schedules one debounced
 * recompute; a token per load keeps only the newest answer when loads overlap.
 *
 * tfjs comes in with import('./network') once the baselines are on screen, so the island is
 * light until it needs the network.
 */
import type { ModelLease } from '../../lib/ml/model-cache';
import { onModelSaved } from '../../lib/ml/model-events';
import { storedRecord } from '../../lib/ml/record-store';
import type { ModelRecord } from '../../lib/tasks/record';
import { CLASS_NAMES, DATASET_TITLES } from '../../lib/data/datasets';
import type { ImageSet } from '../../lib/data/loader';
import { withArticle } from '../reconstruction-gallery/gallery';
import { loadTestImages, pixelsOf } from '../fashion-gallery/test-set';
import { computePanels, isBlank, psnrSummary, type Dataset, type Panels, type Scale } from './panels';
import { LOADING_VIEW, failedView, readyView, type NetworkView } from './network-text';
import { busiestPatch, clampPatch, movePatch, type Patch } from './zoom';

/** Test images offered: the first 100 of the test set. */
export const TEST_COUNT = 100;
/** Wait after the last change before recomputing: a stroke on the pad recomputes once. */
export const DEBOUNCE_MS = 80;

type NetworkModule = typeof import('./network');

export class SuperresExplorerState {
  dataset = $state<Dataset>('mnist');
  scale = $state<Scale>(2);
  source = $state<'test' | 'drawing'>('test');
  /** Test image shown (0-based). */
  index = $state(0);
  /** Test images loaded (0 until they are). */
  count = $state(0);
  images = $state<'loading' | 'ready' | 'error'>('loading');
  imageError = $state('');
  panels = $state.raw<Panels | null>(null);
  /** The drawing is empty: a message instead of panels. */
  blank = $state(false);
  network = $state.raw<NetworkView>(LOADING_VIEW);
  /** The magnifier's square (pinned), and the one under the pointer (shown instead while hovering). */
  patch = $state<Patch>({ x: 10, y: 10 });
  hover = $state<Patch | null>(null);
  /** A recompute is scheduled: the panels may not match the controls yet. */
  computing = $state(true);
  /** What the panels show, for labels: "MNIST test image 3 (a 7)", "your drawing". */
  shown = $state('');

  private set: ImageSet | null = null;
  private drawing: Uint8Array | null = null;
  private net: NetworkModule | null = null;
  private lease: ModelLease | null = null;
  private imageToken = 0;
  private modelToken = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  /** Until the reader picks a data set or scale, they follow the stored network's. */
  private touched = false;
  /** The image the patch was placed for: a new one gets a new starting patch. */
  private patchFor = '';

  constructor(readonly storeKey: string, readonly base: string) {}

  /** Everything on screen matches the controls: the panels (or the empty-drawing message) and the network's state. */
  get ready(): boolean {
    if (this.computing || this.network.status === 'loading') return false;
    return this.source === 'drawing' ? this.blank || this.panels !== null : this.panels !== null;
  }

  /** The patch the magnifier shows. */
  get zoomed(): Patch {
    return this.hover ?? this.patch;
  }

  get summary(): string {
    if (this.blank && this.source === 'drawing') return 'Your drawing is empty: nothing to upscale.';
    return this.panels && !this.computing ? psnrSummary(this.panels, this.shown) : '';
  }

  setDataset(dataset: Dataset): void {
    if (dataset === this.dataset) return;
    this.touched = true;
    this.dataset = dataset;
    this.index = 0;
    void this.loadImages();
    void this.loadNetwork();
  }

  setScale(scale: Scale): void {
    if (scale === this.scale) return;
    this.touched = true;
    this.scale = scale;
    void this.loadNetwork();
    this.schedule(0);
  }

  setSource(source: 'test' | 'drawing'): void {
    this.source = source;
    this.schedule(0);
  }

  /** Test image `index`, wrapping around the ends (previous from the first is the last). */
  setIndex(index: number): void {
    const n = this.count || TEST_COUNT;
    this.index = ((Math.round(index) % n) + n) % n;
    this.schedule(0);
  }

  /** The pad reuses its buffer: keep a copy. */
  setDrawing(pixels: Uint8Array): void {
    this.drawing = Uint8Array.from(pixels);
    if (this.source === 'drawing') this.schedule();
  }

  pick(patch: Patch): void {
    this.hover = null;
    this.patch = clampPatch(patch);
  }

  move(dx: number, dy: number): void {
    this.hover = null;
    this.patch = movePatch(this.patch, dx, dy);
  }

  /** Loads the test images and the network, and follows newly stored networks. Returns the cleanup for onMount. */
  mount(): () => void {
    void this.start();
    const off = onModelSaved((key) => {
      if (key === this.storeKey) void this.followStored().then(() => this.loadNetwork());
    });
    return () => {
      off();
      this.destroy();
    };
  }

  private async start(): Promise<void> {
    await this.followStored();
    void this.loadImages();
    await this.loadNetwork();
  }

  /** Shows the stored network's data set and scale, unless the reader has chosen their own. */
  private async followStored(): Promise<ModelRecord | undefined> {
    const record = await storedRecord(this.storeKey);
    if (record?.task === 'superres' && record.source === 'trained' && !this.touched && !this.destroyed) {
      if (record.dataset !== this.dataset) {
        this.dataset = record.dataset;
        this.index = 0;
        void this.loadImages();
      }
      this.scale = record.scale;
    }
    return record;
  }

  private async loadImages(): Promise<void> {
    const mine = ++this.imageToken;
    const dataset = this.dataset;
    this.images = 'loading';
    this.set = null;
    this.schedule(0);
    try {
      const set = await loadTestImages(dataset, TEST_COUNT);
      if (this.destroyed || mine !== this.imageToken) return;
      this.set = set;
      this.count = set.count;
      this.index = Math.max(0, Math.min(this.index, set.count - 1));
      this.images = 'ready';
    } catch (error) {
      if (this.destroyed || mine !== this.imageToken) return;
      this.images = 'error';
      this.imageError = error instanceof Error ? error.message : String(error);
    }
    this.schedule(0);
  }

  /** Swaps in the network for the current data set and scale; the old lease is released at once. */
  private async loadNetwork(): Promise<void> {
    const mine = ++this.modelToken;
    const { dataset, scale } = this;
    this.lease?.release();
    this.lease = null;
    this.network = LOADING_VIEW;
    try {
      this.net ??= await import('./network');
      const [lease, stored] = await Promise.all([this.net.acquireNetwork(this.storeKey, dataset, scale, this.base), storedRecord(this.storeKey)]);
      // Choices or saves in quick succession: only the newest request's lease is kept.
      if (this.destroyed || mine !== this.modelToken) {
        lease.release();
        return;
      }
      this.lease = lease;
      this.network = readyView(lease.record, lease.meta, dataset, scale, stored);
    } catch (error) {
      if (this.destroyed || mine !== this.modelToken) return;
      this.network = failedView(error);
    }
    this.schedule(0);
  }

  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.computing = true;
    this.timer = setTimeout(() => this.compute(), delay);
  }

  /** The original shown now (784 bytes), or null while the test images load. */
  private original(): { pixels: Uint8Array; what: string; key: string } | null {
    if (this.source === 'drawing') return this.drawing ? { pixels: this.drawing, what: 'your drawing', key: 'drawing' } : null;
    if (!this.set) return null;
    const label = CLASS_NAMES[this.dataset][this.set.labels[this.index] ?? 0] ?? '';
    const item = this.dataset === 'mnist' ? `the digit ${label}` : withArticle(label.toLowerCase());
    return { pixels: pixelsOf(this.set, this.index), what: `${DATASET_TITLES[this.dataset]} test image ${this.index + 1} (${item})`, key: `${this.dataset}:${this.index}` };
  }

  private compute(): void {
    if (this.destroyed) return;
    const original = this.original();
    if (!original) {
      // Still loading (or failed): keep what is shown, marked as not current.
      this.computing = this.images === 'loading' || this.source === 'drawing';
      return;
    }
    this.blank = this.source === 'drawing' && isBlank(original.pixels);
    if (this.blank) {
      this.panels = null;
      this.computing = false;
      return;
    }
    const model = this.lease?.model;
    const upscale = model && this.net ? this.net.networkUpscaler(model) : undefined;
    this.panels = computePanels(original.pixels, this.scale, upscale);
    this.shown = original.what;
    if (original.key !== this.patchFor) {
      this.patchFor = original.key;
      this.patch = busiestPatch(this.panels.original);
      this.hover = null;
    }
    this.computing = false;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.modelToken++;
    this.lease?.release();
    this.lease = null;
  }
}
