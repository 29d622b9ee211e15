/**
 * The VAE in a training cell: latent size and β, a chart of the loss and one of each term, and
 * run-log figures (the test terms, how evenly the kept test codes use the latent space) for the
 * β experiment.
 */
import { latentUsage } from '../../math/latent-usage';
import { finiteFigure } from '../../ml/run-log';
import type { VaeModel } from '../../ml/model-info';
import type { TaskCell } from '../cell';

/** Nats per image: whole numbers for the big terms, one decimal while the axis is still small (an empty chart spans 0…1). */
const nats = (v: number): string => (Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(1));

export const vaeCell: TaskCell<'vae'> = {
  controls: () => ['latent', 'beta'],
  request: (props, s) => ({ task: 'vae', model: props.model as VaeModel, latent: s.latent, beta: s.beta }),
  settingsOf: (r) => ({ latent: r.latent, beta: r.beta }),
  runFields: (s) => ({ latent: s.latent, beta: s.beta }),
  recordFigures: (r) => {
    const l = r.latents;
    const evenness = l && l.latent >= 2 && l.count > 0 ? finiteFigure(latentUsage(l.mu, l.latent).evenness) : undefined;
    const figures = { testReconstruction: finiteFigure(r.testReconstruction), testKl: finiteFigure(r.testKl), evenness };
    return { latent: r.latent, beta: r.beta, ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) };
  },
  announced: () => ({}),
  charts: [
    { title: 'Loss = reconstruction + β·KL', curve: 'loss', name: 'loss', yLabel: 'Nats per image', yRange: [0, undefined], format: nats },
    { title: 'Reconstruction', curve: 'reconstruction', name: 'reconstruction', yLabel: 'Nats per image', yRange: [0, undefined], format: nats },
    { title: 'KL', curve: 'kl', name: 'KL', yLabel: 'Nats per image', yRange: [0, undefined], format: (v) => v.toFixed(1) },
  ],
};
