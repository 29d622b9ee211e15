/**
 * Sampling and interpolation: 16 new digits decoded from seeded draws of N(0, I), and a walk
 * between the codes of two test digits, once through the VAE and once through lesson 5's plain
 * autoencoder (the reader's 'ae-dense' if stored, else its shipped weights; its own code size).
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { decodeLatents } from '../../lib/tasks/vae/evaluate';
import { interpolateLatent } from '../../lib/math/latent-grid';
import { samplePrior } from '../../lib/math/latent-pad';
import { encodeCodes, encodeMeans } from '../../lib/ml/latent-codes';
import { modelCache, type ModelLease } from '../../lib/ml/model-cache';
import { decoderOf, encoderOf, bottleneckOf } from '../../lib/ml/models-autoencoder';
import { VaeModelState } from '../vae-model/vae-model.svelte';

export const SAMPLES = 16;
export const STEPS = 9;
/** Test digits offered as the two ends of the walk. */
export const CHOICES = 40;
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

interface Autoencoder { lease: ModelLease; encoder: LayersModel; decoder: LayersModel; code: number; label: string }

export class LatentSamplerState {
  readonly vae = new VaeModelState();
  seed = $state(1);
  from = $state(0);
  to = $state(1);
  test = $state.raw<{ images: Uint8Array; labels: Uint8Array } | null>(null);
  ae = $state.raw<Autoencoder | null>(null);
  aeError = $state('');
  /** Why the test digits for the walk could not be loaded ('' while loading or loaded). */
  testError = $state('');
  /** The reader's own drawing (the drawing pad's 784 bytes), used as the walk's end when `endAtDrawing`. */
  drawing = $state.raw<Uint8Array | null>(null);
  endAtDrawing = $state(false);
  readonly samples = $derived.by(() => {
    void this.vae.version;
    const d = this.vae.decoder;
    return d ? decodeLatents(d, samplePrior(SAMPLES, this.vae.latent, this.seed)) : null;
  });
  readonly vaeWalk = $derived.by(() => {
    void this.vae.version;
    const e = this.vae.encoder;
    const d = this.vae.decoder;
    const ends = this.ends;
    if (!e || !d || !ends) return null;
    const [a, b] = encodeMeans(e, ends, 2);
    return decodeLatents(d, interpolateLatent(a!, b!, STEPS));
  });
  readonly aeWalk = $derived.by(() => {
    const ae = this.ae;
    const ends = this.ends;
    if (!ae || !ends) return null;
    const [a, b] = encodeCodes(ae.encoder, ends, 2);
    return decodeLatents(ae.decoder, interpolateLatent(a!, b!, STEPS));
  });
  private destroyed = false;

  get ends(): Uint8Array | null {
    const t = this.test;
    if (!t) return null;
    const out = new Uint8Array(2 * 784);
    out.set(t.images.subarray(this.from * 784, this.from * 784 + 784), 0);
    out.set(this.endAtDrawing && this.drawing ? this.drawing : t.images.subarray(this.to * 784, this.to * 784 + 784), 784);
    return out;
  }

  setDrawing(pixels: Uint8Array): void { this.drawing = Uint8Array.from(pixels); }

  reroll(): void { this.seed = (this.seed % 9973) + 1; }

  mount(): () => void {
    const off = this.vae.mount();
    void this.loadTest();
    void this.loadAutoencoder();
    return () => {
      off();
      this.destroyed = true;
      this.ae?.decoder.dispose(); // decoderOf applies the layers again: its own references
      this.ae?.lease.release();
    };
  }

  private async loadTest(): Promise<void> {
    let set;
    try {
      const { loadImageSet } = await import('../../lib/data/loader');
      set = await loadImageSet('mnist', 'test', { limit: CHOICES, baseUrl: `${BASE}data/` });
    } catch (error) {
      // Offline with no stored digits, or a failed download: the walk says so; sampling still works.
      if (!this.destroyed) this.testError = error instanceof Error ? error.message : String(error);
      return;
    }
    if (this.destroyed) return;
    this.test = { images: set.images, labels: set.labels };
    // Start with two different digits: the first test digit and the first of another class after it.
    const one = Array.from(set.labels).findIndex((l, i) => i > 0 && l !== set.labels[0]);
    this.to = one > 0 ? one : 1;
  }

  private async loadAutoencoder(): Promise<void> {
    try {
      const lease = await modelCache.acquire({ storeKey: 'ae-dense', shippedUrl: `${BASE}models/ae-dense-mnist/`, accept: (r) => r.task === 'autoencoder' && r.dataset === 'mnist', acceptName: 'mnist-autoencoder' });
      if (!lease) throw new Error('The pretrained autoencoder could not be loaded');
      if (this.destroyed) { lease.release(); return; }
      const code = bottleneckOf(lease.model);
      const label = lease.record ? `your autoencoder from lesson 5 (code of ${code} numbers)` : `lesson 5’s pretrained autoencoder (code of ${code} numbers)`;
      this.ae = { lease, encoder: encoderOf(lease.model), decoder: decoderOf(lease.model), code, label };
    } catch (error) {
      this.aeError = error instanceof Error ? error.message : String(error);
    }
  }
}
