/**
 * The reader's drawing through a dense autoencoder: the reader's own (stored under the cell's key)
 * when there is one, else the course's shipped MNIST autoencoder. A lease on the page's shared
 * copy (model-cache.ts), released on swap and unmount. Each stroke schedules one debounced
 * reconstruction; only the latest is shown.
 */
import type { ModelLease } from '../../lib/ml/model-cache';
import { onModelSaved } from '../../lib/ml/model-events';
import { describeRecord } from '../../lib/ml/record-text';
import { psnr } from '../../lib/math/reconstruction';

export const DEBOUNCE_MS = 120;

export class DrawReconstructState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  /** Which network answers, in words. */
  networkText = $state('');
  reconstruction = $state.raw<Uint8Array | null>(null);
  /** PSNR of the reconstruction against the drawing (dB); NaN before the first one. */
  psnrDb = $state(Number.NaN);
  /** The drawing has no ink: nothing to encode. */
  empty = $state(false);

  private drawing: Uint8Array | null = null;
  private lease: ModelLease | null = null;
  private network: typeof import('./network') | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private modelToken = 0;
  private destroyed = false;

  constructor(readonly storeKey: string, readonly shippedUrl: string) {}

  /** The pad reuses its buffer: keep a copy. */
  setDrawing(pixels: Uint8Array): void {
    this.drawing = Uint8Array.from(pixels);
    this.schedule();
  }

  mount(): () => void {
    void this.loadModel();
    const off = onModelSaved((key) => {
      // After the event, not during it: the page's model cache hears it too and must first mark
      // its copy stale, or this would be handed the old copy again.
      if (key === this.storeKey) setTimeout(() => void this.loadModel(), 0);
    });
    return () => {
      off();
      this.destroyed = true;
      clearTimeout(this.timer);
      this.lease?.release();
      this.lease = null;
    };
  }

  private async loadModel(): Promise<void> {
    const mine = ++this.modelToken;
    try {
      this.network ??= await import('./network');
      const lease = await this.network.acquireAutoencoder(this.storeKey, this.shippedUrl);
      if (this.destroyed || mine !== this.modelToken) {
        lease?.release();
        return;
      }
      if (!lease) throw new Error('no autoencoder is stored or shipped');
      this.lease?.release();
      this.lease = lease;
      this.networkText = lease.record ? `the one the cell above stored, ${describeRecord(lease.record)}` : 'the course’s pretrained one (MNIST digits, a code of 16 numbers); train your own above to use it here';
      this.status = 'ready';
      this.schedule(0);
    } catch (error) {
      if (mine !== this.modelToken) return;
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reconstruct(), delay);
  }

  private reconstruct(): void {
    const drawing = this.drawing;
    const model = this.lease?.model;
    if (this.destroyed || !drawing || !model || !this.network) return;
    this.empty = !drawing.some((v) => v > 0);
    if (this.empty) {
      this.reconstruction = null;
      this.psnrDb = Number.NaN;
      return;
    }
    const input = Float32Array.from(drawing, (v) => v / 255);
    try {
      const output = this.network.reconstruct(model, input);
      this.reconstruction = Uint8Array.from(output, (v) => Math.round(v * 255));
      this.psnrDb = psnr(input, output);
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
