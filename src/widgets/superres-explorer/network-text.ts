/** Which network fills the explorer's network panel, in one line of text (tfjs-free). */
import { DATASET_TITLES } from '../../lib/data/datasets';
import type { ModelRecord } from '../../lib/tasks/record';
import type { Dataset, Scale } from './panels';

/** What the network panel holds: still loading, a network (whose, in words), or a failure in a sentence. */
export type NetworkView =
  | { status: 'loading'; line: string }
  | { status: 'ready'; whose: 'yours' | 'pretrained' | 'shipped'; line: string }
  | { status: 'failed'; line: string };

/** How a network was trained, from its stored record or the shipped model's metadata. */
interface Figures { trainExamples?: unknown; testPsnr?: unknown }

/** "trained on 5,000 MNIST images, ×2, test PSNR 25.1 dB" (the parts that are known). */
function trainedOn(figures: Figures, dataset: Dataset, scale: Scale): string {
  const n = typeof figures.trainExamples === 'number' && figures.trainExamples > 0 ? figures.trainExamples : null;
  const psnr = typeof figures.testPsnr === 'number' && Number.isFinite(figures.testPsnr) ? `test PSNR ${figures.testPsnr.toFixed(1)} dB` : 'not tested';
  const images = n === null ? `${DATASET_TITLES[dataset]} images` : `${n.toLocaleString('en-US')} ${DATASET_TITLES[dataset]} images`;
  return `trained on ${images}, ×${scale}, ${psnr}`;
}

export const LOADING_VIEW: NetworkView = { status: 'loading', line: 'Network: loading…' };

/**
 * The line for a loaded network: `record` is the reader's stored record when theirs was used,
 * null for the shipped weights (`meta` is then their userDefinedMetadata). `stored` is whatever
 * the reader has stored under the key, to point at it when it is for another data set or scale.
 */
export function readyView(record: ModelRecord | null, meta: Record<string, unknown>, dataset: Dataset, scale: Scale, stored?: ModelRecord | null): NetworkView {
  if (record && record.task === 'superres') {
    const fig = { trainExamples: record.trainExamples, testPsnr: record.testPsnr };
    if (record.source === 'trained') return { status: 'ready', whose: 'yours', line: `Network: yours, ${trainedOn(fig, dataset, scale)}` };
    return { status: 'ready', whose: 'pretrained', line: `Network: the course's pretrained one, loaded in the training cell, ${trainedOn(fig, dataset, scale)}` };
  }
  const known = typeof meta['trainExamples'] === 'number' ? `, ${trainedOn(meta, dataset, scale)}` : '';
  const hint = otherHint(stored, dataset, scale);
  return { status: 'ready', whose: 'shipped', line: `Network: the course's shipped one${known} (train your own in the cell above)${hint}` };
}

/** " Yours was trained on Fashion-MNIST at ×4: choose those to see it." when the stored network is for another choice. */
export function otherHint(stored: ModelRecord | null | undefined, dataset: Dataset, scale: Scale): string {
  if (!stored || stored.task !== 'superres' || stored.source !== 'trained') return '';
  if (stored.dataset === dataset && stored.scale === scale) return '';
  return `. Yours was trained on ${DATASET_TITLES[stored.dataset]} at ×${stored.scale}: choose those to see it.`;
}

/** The network could not be loaded or run: say so plainly; the baselines stay. */
export function failedView(error: unknown): NetworkView {
  const message = error instanceof Error ? error.message : String(error);
  // tfjs's "Request to … failed with status code 404. Please verify …" in fewer words.
  const status = /status code (\d{3})/.exec(message);
  const why = status ? `the server answered ${status[1]} for its weights` : message.replace(/\.$/, '');
  return { status: 'failed', line: `The network could not be loaded (${why}), so its panel stays empty; nearest and bicubic are still shown.` };
}
