/**
 * The manifold grid: the decoder's images for a 15 × 15 grid of latent points (math/latent-grid.ts),
 * decoded once per model and spacing (about 150 ms for all 225), never per frame.
 */
import { decodeLatents } from '../../lib/tasks/vae/evaluate';
import { GRID_SIZE, gridAxis, manifoldGrid, type GridSpacing } from '../../lib/math/latent-grid';
import { VaeModelState } from '../vae-model/vae-model.svelte';

export class ManifoldGridState {
  readonly vae = new VaeModelState();
  spacing = $state<GridSpacing>('normal');
  readonly n = GRID_SIZE;
  readonly axis = $derived(gridAxis(GRID_SIZE, this.spacing));
  /** n² images, 784 bytes each, row-major (top row: largest z₂). */
  readonly images = $derived.by(() => {
    void this.vae.version;
    const decoder = this.vae.decoder;
    return decoder ? decodeLatents(decoder, manifoldGrid(GRID_SIZE, { spacing: this.spacing, latent: this.vae.latent })) : null;
  });
}
