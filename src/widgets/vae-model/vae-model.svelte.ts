/**
 * The VAE the lesson's latent widgets decode with: the reader's stored one (training cell key
 * 'vae'), else the shipped weights (public/models/vae-mnist/), as a lease on the page's shared
 * model cache, on tfjs's CPU backend. Swapped when the cell stores a new model; `version` counts
 * swaps so a widget redraws. Also where the test images' μ come from: the stored record's, or
 * latents.json beside the shipped weights (scripts/pretrain-vae.ts).
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { modelCache, type ModelLease } from '../../lib/ml/model-cache';
import { onModelSaved } from '../../lib/ml/model-events';
import { describeRecord } from '../../lib/ml/record-text';
import { vaeParts, latentOf } from '../../lib/tasks/vae/model';

export const VAE_STORE_KEY = 'vae';
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
export const SHIPPED_VAE_URL = `${BASE}models/vae-mnist/`;

export interface TestCodes { count: number; latent: number; mu: Float32Array; labels: Uint8Array }

/** Reads latents.json ({ count, latent, mu: number[], labels: number[] }); null when absent or malformed. */
export async function fetchShippedCodes(url = `${SHIPPED_VAE_URL}latents.json`): Promise<TestCodes | null> {
  try {
    const j = (await (await fetch(url)).json()) as { count?: unknown; latent?: unknown; mu?: unknown; labels?: unknown };
    if (typeof j.count !== 'number' || typeof j.latent !== 'number' || !Array.isArray(j.mu) || !Array.isArray(j.labels)) return null;
    if (j.mu.length !== j.count * j.latent || j.labels.length !== j.count) return null;
    return { count: j.count, latent: j.latent, mu: Float32Array.from(j.mu as number[]), labels: Uint8Array.from(j.labels as number[]) };
  } catch {
    return null;
  }
}

export class VaeModelState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state('');
  /** 'your VAE: trained on …' or 'the pretrained VAE: …'. */
  label = $state('');
  source = $state<'trained' | 'pretrained'>('pretrained');
  latent = $state(2);
  beta = $state(1);
  codes = $state.raw<TestCodes | null>(null);
  /** Bumped at every model swap: widgets that decoded with the old one decode again. */
  version = $state(0);
  decoder = $state.raw<LayersModel | null>(null);
  encoder = $state.raw<LayersModel | null>(null);
  private lease: ModelLease | null = null;
  private destroyed = false;
  private token = 0;

  /** Loads now and again whenever the cell stores a VAE; returns the cleanup for onMount. */
  mount(): () => void {
    void this.load();
    const off = onModelSaved((key) => { if (key === VAE_STORE_KEY) void this.load(); });
    return () => {
      off();
      this.destroyed = true;
      this.lease?.release();
      this.lease = null;
    };
  }

  private async load(): Promise<void> {
    const mine = ++this.token;
    try {
      const lease = await modelCache.acquire({ storeKey: VAE_STORE_KEY, shippedUrl: SHIPPED_VAE_URL, accept: (r) => r.task === 'vae', acceptName: 'vae' });
      if (!lease) throw new Error('The pretrained VAE could not be loaded');
      if (this.destroyed || mine !== this.token) { lease.release(); return; }
      const record = lease.record?.task === 'vae' ? lease.record : null;
      const codes = record?.latents ?? (record ? null : await fetchShippedCodes());
      if (this.destroyed || mine !== this.token) { lease.release(); return; }
      const parts = vaeParts(lease.model);
      this.lease?.release();
      this.lease = lease;
      this.encoder = parts.encoder;
      this.decoder = parts.decoder;
      this.latent = latentOf(lease.model);
      this.beta = record?.beta ?? (typeof lease.meta['beta'] === 'number' ? lease.meta['beta'] : 1);
      this.source = record?.source === 'trained' ? 'trained' : 'pretrained';
      this.label = record ? `${record.source === 'trained' ? 'your VAE' : 'the pretrained VAE'}: ${describeRecord(record)}` : 'the pretrained VAE (latent size 2, β = 1; trained on MNIST digits)';
      this.codes = codes;
      this.version++;
      this.status = 'ready';
    } catch (error) {
      if (mine !== this.token) return;
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
