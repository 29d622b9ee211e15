/**
 * State of the photo upscaler: the photo and the region picked in it, the network (a lease on
 * the page's shared copy, released on swap and unmount), and the last good result. Every change
 * schedules one debounced recompute; a token keeps only the newest, so a held arrow key or a
 * quick switch of network never shows a stale result. tfjs is loaded with import() (infer.ts).
 */
import type { GrayImage } from '../../lib/math/conv2d';
import { onModelSaved } from '../../lib/ml/model-events';
import { storedRecord } from '../../lib/ml/record-store';
import type { ModelRecord } from '../../lib/tasks/record';
import { loadPhoto, loadPhotoList, type PhotoEntry } from '../filter-editor/photos';
import type { LoadedNetwork } from './infer';
import { DEFAULT_SHIPPED, isSuperresRecord, type NetworkChoice } from './networks';
import { clampRegion, DEFAULT_SIDE, parseRegion, PHOTO_SIDE, regionAfterKey, regionAround, type Region, type RegionSide } from './region';
import { cropRegion, readout, upscaleRegion, type Upscaled } from './upscale';

/** Wait after the last change: a held arrow key or a burst of typing computes once. */
export const DEBOUNCE_MS = 80;
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
/** Where each photo's region starts (its centre): a face, an eye, bricks, a face. */
const START: Record<string, [number, number]> = { camera: [230, 160], chelsea: [170, 195], brick: [256, 256], astronaut: [225, 115] };

type Infer = typeof import('./infer');

export class PhotoUpscaleState {
  photos = $state.raw<PhotoEntry[]>([]);
  photoId = $state('');
  photo = $state.raw<GrayImage | null>(null);
  /** The region shown: the last good one. */
  region = $state.raw<Region>(regionAround(START['camera']![0], START['camera']![1], DEFAULT_SIDE));
  xText = $state('');
  yText = $state('');
  /** Why the typed region was refused ('' when it was not), and which field(s). */
  regionError = $state('');
  invalid = $state.raw<Array<'x' | 'y'>>([]);
  choice = $state<NetworkChoice>(DEFAULT_SHIPPED);
  /** The reader's stored super-resolution record, if any (enables "Yours"). */
  yours = $state.raw<ModelRecord | null>(null);
  /** The network in use: which, its scale, and what it was trained on. */
  network = $state.raw<Pick<LoadedNetwork, 'used' | 'scale' | 'line'> | null>(null);
  overlap = $state(true);
  showGrid = $state(false);
  result = $state.raw<Upscaled | null>(null);
  /** Bumped with every new result; the view reports which one the network panel has drawn. */
  version = $state(0);
  drawn = $state(-1);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  /** Why the photos could not be loaded or the region not computed (status 'error'). */
  error = $state('');
  /** Why the chosen network, or photo, could not be loaded ('' when it was): the last result stays shown. */
  networkNotice = $state('');
  photoNotice = $state('');
  computing = $state(false);

  private infer: Infer | null = null;
  private loaded: LoadedNetwork | null = null;
  private modelToken = 0;
  private token = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(readonly storeKey: string) {
    this.syncTexts();
  }

  /** The network panel shows the current result. */
  get ready(): boolean {
    return this.result !== null && this.drawn === this.version;
  }

  get summary(): string {
    return this.result ? readout(this.result.psnr) : '';
  }

  get entry(): PhotoEntry | undefined {
    return this.photos.find((p) => p.id === this.photoId);
  }

  /** Loads the photo list, the first photo and the network; follows newly stored networks. Returns the cleanup for onMount. */
  mount(): () => void {
    void this.init();
    const off = onModelSaved((key) => {
      if (key !== this.storeKey) return;
      // The reader just trained (or loaded) one: show it.
      void this.readYours().then(() => this.setChoice(this.yours ? 'yours' : this.choice));
    });
    return () => {
      off();
      this.destroy();
    };
  }

  private async init(): Promise<void> {
    try {
      const [photos] = await Promise.all([loadPhotoList(), this.readYours()]);
      if (photos.length === 0) throw new Error('the photo list (images/photos.json) is missing');
      this.photos = photos;
      if (this.yours) this.choice = 'yours';
      this.infer = await import('./infer');
      await Promise.all([this.setPhoto(photos[0]!.id), this.loadNetwork()]);
      if (!this.destroyed && this.status !== 'error') this.status = 'ready';
    } catch (error) {
      this.fail(error);
    }
  }

  private async readYours(): Promise<void> {
    const record = await storedRecord(this.storeKey).catch(() => undefined);
    if (!this.destroyed) this.yours = record && isSuperresRecord(record) ? record : null;
  }

  private fail(error: unknown): void {
    this.status = 'error';
    this.error = error instanceof Error ? error.message : String(error);
  }

  async setPhoto(id: string): Promise<void> {
    const entry = this.photos.find((p) => p.id === id);
    if (!entry) return;
    this.photoId = id;
    try {
      const image = await loadPhoto(entry);
      if (this.destroyed || this.photoId !== id) return;
      if (image.width !== PHOTO_SIDE || image.height !== PHOTO_SIDE) throw new Error(`it is ${image.width} × ${image.height}, not ${PHOTO_SIDE} × ${PHOTO_SIDE}`);
      this.photo = image;
      this.photoNotice = '';
      const [cx, cy] = START[id] ?? [PHOTO_SIDE / 2, PHOTO_SIDE / 2];
      this.moveTo(regionAround(cx, cy, this.region.side));
    } catch (error) {
      if (this.photoId === id) this.photoNotice = `Could not load ${entry.title}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  setSide(side: RegionSide): void {
    const r = this.region;
    // Keep the centre where it was.
    this.moveTo(clampRegion({ x: r.x + (r.side - side) / 2, y: r.y + (r.side - side) / 2, side }));
  }

  /** A click or tap on the thumbnail at photo pixel (px, py). */
  pick(px: number, py: number): void {
    this.moveTo(regionAround(px, py, this.region.side));
  }

  /** Arrow keys on the thumbnail; true when the key was one of them. */
  key(key: string, large: boolean): boolean {
    const next = regionAfterKey(this.region, key, large);
    if (next) this.moveTo(next);
    return next !== undefined;
  }

  /** Typed x or y: applied when it makes a region inside the photo, else the message shows and the last result stays. */
  type(axis: 'x' | 'y', text: string): void {
    if (axis === 'x') this.xText = text;
    else this.yText = text;
    const parsed = parseRegion(this.xText, this.yText, this.region.side);
    if (!parsed.ok) {
      this.regionError = parsed.message;
      this.invalid = parsed.fields;
      return;
    }
    this.regionError = '';
    this.invalid = [];
    this.region = parsed.region;
    this.schedule();
  }

  private moveTo(region: Region): void {
    this.region = region;
    this.regionError = '';
    this.invalid = [];
    this.syncTexts();
    this.schedule();
  }

  private syncTexts(): void {
    this.xText = String(this.region.x);
    this.yText = String(this.region.y);
  }

  setOverlap(overlap: boolean): void {
    this.overlap = overlap;
    this.schedule(0);
  }

  async setChoice(choice: NetworkChoice): Promise<void> {
    this.choice = choice === 'yours' && !this.yours ? DEFAULT_SHIPPED : choice;
    await this.loadNetwork();
  }

  private async loadNetwork(): Promise<void> {
    if (!this.infer) return; // init() loads it
    const mine = ++this.modelToken;
    try {
      const loaded = await this.infer.loadNetwork(this.choice, this.storeKey, BASE);
      // Choices in quick succession: only the newest request's copy is kept.
      if (this.destroyed || mine !== this.modelToken) {
        loaded.lease.release();
        return;
      }
      this.loaded?.lease.release();
      this.loaded = loaded;
      this.network = { used: loaded.used, scale: loaded.scale, line: loaded.line };
      this.networkNotice = '';
      if (loaded.used !== 'yours' && this.choice === 'yours') this.choice = loaded.used; // the stored one went away
      this.schedule(0);
    } catch (error) {
      if (mine === this.modelToken) this.networkNotice = `Could not load the network: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.computing = true;
    this.timer = setTimeout(() => void this.compute(), delay);
  }

  private async compute(): Promise<void> {
    const { photo, loaded, infer, region } = this;
    if (this.destroyed || !photo || !loaded || !infer) {
      this.computing = false;
      return;
    }
    const mine = ++this.token;
    try {
      const original = cropRegion(photo, region);
      const result = await upscaleRegion(original, region.side, loaded.scale, infer.tileNetwork(loaded.lease.model), this.overlap);
      if (mine !== this.token || this.destroyed) return;
      this.result = result;
      this.version += 1;
    } catch (error) {
      if (mine === this.token) this.fail(error);
    } finally {
      if (mine === this.token) this.computing = false;
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.loaded?.lease.release();
    this.loaded = null;
  }
}
