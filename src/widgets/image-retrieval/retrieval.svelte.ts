/**
 * The retrieval widget's state: the 10,000 test images, their deep features from the worker
 * (cached there per network and layer) and precision@10 in both spaces, a query (a test image or
 * the reader's drawing), and its k nearest images by cosine in feature space and by Euclidean
 * distance in pixel space. Switching data set or layer mid-load discards the stale answer.
 */
import { rowNorms } from '../../lib/math/nearest';
import type { ImageSet } from '../../lib/data/loader';
import { TrainingClient } from '../../lib/workers/training-client';
import type { FeaturesResult } from '../../lib/workers/protocol';
import { loadTestImages } from '../fashion-gallery/test-set';
import { hasInk, INDEX_SIZE, MAP_POINTS, parseK, pixelRows, PRECISION_QUERIES, search, type SpaceHits } from './retrieval';

export type DeepLayer = 'cnn-dense' | 'cnn-flatten';
export type Query = { kind: 'test'; index: number } | { kind: 'drawing'; pixels: Uint8Array; row: Float32Array };

interface Index { rows: Float32Array; dims: number; norms: Float64Array; origin: FeaturesResult['origin']; from: FeaturesResult['from']; note?: string; precision: number }

export class RetrievalState {
  dataset = $state<'fashion-mnist' | 'mnist'>('fashion-mnist');
  layer = $state<DeepLayer>('cnn-dense');
  kText = $state('10');
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  stage = $state<{ stage: string; done: number; total: number } | null>(null);
  error = $state<string | null>(null);
  drawingMessage = $state<string | null>(null);
  searching = $state(false);
  images = $state.raw<ImageSet | null>(null);
  deep = $state.raw<Index | null>(null);
  pixelPrecision = $state<number | null>(null);
  /** [MAP_POINTS × 2] principal-component maps of the first test images, in each space. */
  deepMap = $state.raw<Float32Array | null>(null);
  pixelMap = $state.raw<Float32Array | null>(null);
  query = $state.raw<Query>({ kind: 'test', index: 0 });

  readonly k = $derived(parseK(this.kText));
  /** The test images as 0…1 rows, for Euclidean search in pixel space. */
  readonly pixels = $derived(this.images ? pixelRows(this.images.images, this.images.labels.length) : null);
  readonly results = $derived.by((): { deep: SpaceHits; pixels: SpaceHits } | null => {
    const { images, deep, pixels, k, query } = this;
    if (!images || !deep || !pixels || !k.ok) return null;
    const own = query.kind === 'test' ? { index: query.index, label: images.labels[query.index]! } : null;
    const deepQuery = query.kind === 'test' ? deep.rows.subarray(query.index * deep.dims, (query.index + 1) * deep.dims) : query.row;
    const pixelQuery = query.kind === 'test' ? pixels.subarray(query.index * 784, (query.index + 1) * 784) : pixelRows(query.pixels, 1);
    return {
      deep: search(deep.rows, deep.dims, deepQuery, k.value, 'cosine', images.labels, own, deep.norms),
      pixels: search(pixels, 784, pixelQuery, k.value, 'euclidean', images.labels, own),
    };
  });

  private client: TrainingClient | null = null;
  private generation = 0;

  constructor(private readonly baseUrl: string) {}

  private ensureClient(): TrainingClient {
    if (this.client) return this.client;
    const client = new TrainingClient({ baseUrl: this.baseUrl });
    client.on('preparing', (p) => (this.stage = p));
    this.client = client;
    return client;
  }

  /** Loads the test images and both indexes for the current data set and layer. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    const stale = (): boolean => generation !== this.generation;
    // A load still running in the worker is abandoned with it: a fresh worker starts this one.
    if (this.client?.busy) this.destroy();
    this.status = 'loading';
    this.error = null;
    this.deep = null;
    this.pixelPrecision = null;
    this.deepMap = null;
    this.pixelMap = null;
    this.stage = { stage: 'Loading the test images', done: 0, total: 1 };
    try {
      const { dataset, layer } = this;
      const images = await loadTestImages(dataset, INDEX_SIZE);
      if (stale()) return;
      this.images = images;
      if (this.query.kind === 'test' && this.query.index >= images.labels.length) this.query = { kind: 'test', index: 0 };
      const data = { kind: 'dataset', dataset, split: 'test', limit: INDEX_SIZE } as const;
      const deep = await this.ensureClient().features({ features: layer, data, precision: { queries: PRECISION_QUERIES, k: 10, metric: 'cosine' }, map: { points: MAP_POINTS } });
      if (stale()) return;
      this.deepMap = deep.map ?? null;
      this.deep = { rows: deep.rows, dims: deep.dims, norms: rowNorms({ data: deep.rows, count: deep.labels.length, dims: deep.dims }), origin: deep.origin, from: deep.from, precision: deep.precision ?? NaN, ...(deep.note ? { note: deep.note } : {}) };
      const pixels = await this.ensureClient().features({ features: 'pixels', data, returnRows: false, precision: { queries: PRECISION_QUERIES, k: 10, metric: 'euclidean' }, map: { points: MAP_POINTS } });
      if (stale()) return;
      this.pixelPrecision = pixels.precision ?? NaN;
      this.pixelMap = pixels.map ?? null;
      this.status = 'ready';
    } catch (error) {
      if (stale()) return;
      this.status = 'error';
      this.error = `The image index could not be built: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (!stale()) this.stage = null;
    }
  }

  pick(index: number): void {
    const count = this.images?.labels.length ?? INDEX_SIZE;
    this.query = { kind: 'test', index: ((Math.round(index) % count) + count) % count };
    this.drawingMessage = null;
  }

  /** Searches with the reader's drawing: its deep features come from the same network, in the worker. */
  async searchDrawing(pixels: Uint8Array): Promise<void> {
    if (!hasInk(pixels)) {
      this.drawingMessage = 'The pad is empty: draw something first (white on black, like the test images).';
      return;
    }
    if (this.status !== 'ready') {
      this.drawingMessage = 'The image index is still being built: search again when it is ready.';
      return;
    }
    this.searching = true;
    this.drawingMessage = null;
    try {
      // A copy: the pad keeps drawing into its own pixels (the request itself is cloned on its way to the worker).
      const copy = pixels.slice();
      const result = await this.ensureClient().features({ features: this.layer, data: { kind: 'bytes', images: copy, labels: Uint8Array.of(0) } });
      this.query = { kind: 'drawing', pixels: copy, row: result.rows };
    } catch (error) {
      this.drawingMessage = `Your drawing could not be searched: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.searching = false;
    }
  }

  destroy(): void {
    this.client?.terminate();
    this.client = null;
  }
}
