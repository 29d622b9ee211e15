/**
 * The latent explorer's state: the point (z₁, z₂) on the pad and the image the VAE's decoder
 * draws for it, redrawn whenever the point or the model changes (one decode takes about a
 * millisecond on the CPU backend, so it runs inside pointer moves).
 */
import { decodeLatent } from '../../lib/tasks/vae/evaluate';
import { formatPoint, fullLatent, padToLatent, stepLatent, type PadPoint } from '../../lib/math/latent-pad';
import { VaeModelState } from '../vae-model/vae-model.svelte';

export class LatentExplorerState {
  readonly vae = new VaeModelState();
  z = $state<[number, number]>([0, 0]);
  readonly pixels = $derived.by(() => {
    void this.vae.version;
    const decoder = this.vae.decoder;
    return decoder ? decodeLatent(decoder, fullLatent(this.z, this.vae.latent)) : null;
  });
  readonly point = $derived(formatPoint(this.z));

  /** Arrow keys move the point (Shift: finely), Home returns to 0; true when the key was used. */
  key(key: string, shift: boolean): boolean {
    const next = stepLatent(this.z, key, shift);
    if (!next) return false;
    this.z = next;
    return true;
  }

  /** A pointer at `p` on a pad of side `size` (same units). */
  moveTo(p: PadPoint, size: number): void {
    this.z = padToLatent(p, size);
  }
}
