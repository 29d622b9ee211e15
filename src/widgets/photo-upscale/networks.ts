/**
 * Which super-resolution network the photo upscaler runs, without tfjs: the shipped ones
 * (public/models/sr-<dataset>-x<scale>/, scripts/pretrain-superres.ts) or the reader's, stored by
 * lesson 10's training cell, and the line that says what the chosen one was trained on.
 */
import { describeRecord } from '../../lib/ml/record-text';
import type { ModelRecord } from '../../lib/tasks/record';
import { shippedSuperresUrl } from '../../lib/ml/model-info';

export type Dataset = 'mnist' | 'fashion-mnist';
export type ShippedId = `${Dataset}-x${2 | 4}`;
export type NetworkChoice = 'yours' | ShippedId;

export interface ShippedNetwork { id: ShippedId; dataset: Dataset; scale: 2 | 4 }

export const SHIPPED: readonly ShippedNetwork[] = [
  { id: 'mnist-x2', dataset: 'mnist', scale: 2 },
  { id: 'mnist-x4', dataset: 'mnist', scale: 4 },
  { id: 'fashion-mnist-x2', dataset: 'fashion-mnist', scale: 2 },
  { id: 'fashion-mnist-x4', dataset: 'fashion-mnist', scale: 4 },
];
/** Used when the reader has not stored one. */
export const DEFAULT_SHIPPED: ShippedId = 'mnist-x2';

const DATA_NAMES: Record<Dataset, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
/** What the training images look like: the domain the photo is far from. */
const DATA_LOOKS: Record<Dataset, string> = {
  mnist: '28 × 28 handwritten digits, white strokes on black',
  'fashion-mnist': '28 × 28 photos of clothes, grey shapes on black',
};

export const shippedNetwork = (id: ShippedId): ShippedNetwork => SHIPPED.find((s) => s.id === id)!;

/** Folder URL of shipped weights (model.json inside), under the site's base. */
export function shippedUrl(base: string, id: ShippedId): string {
  const { dataset, scale } = shippedNetwork(id);
  return shippedSuperresUrl(base, dataset, scale);
}

/** "Shipped: MNIST ×2", for the network picker. */
export function choiceName(choice: NetworkChoice, yours?: ModelRecord | null): string {
  if (choice === 'yours') return yours?.task === 'superres' ? `Yours: ${DATA_NAMES[yours.dataset]} ×${yours.scale}` : 'Yours (train one in the cell above)';
  const { dataset, scale } = shippedNetwork(choice);
  return `Shipped: ${DATA_NAMES[dataset]} ×${scale}`;
}

/** The reader's record is usable here when it is a super-resolution network's. */
export const isSuperresRecord = (record: ModelRecord): boolean => record.task === 'superres';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * "Using the shipped MNIST ×2 network: pretrained weights, trained on 20,000 MNIST images, scale ×2,
 * 3 epochs, test PSNR 27.4 dB. It has only seen 28 × 28 handwritten digits, white strokes on black (its test PSNR is on those)."
 * `meta` is the shipped model.json's user metadata (pretrain-superres.ts writes it).
 */
export function networkLine(source: { record: ModelRecord } | { shipped: ShippedId; meta: Record<string, unknown> }): string {
  if ('record' in source) {
    const r = source.record;
    if (r.task !== 'superres') return 'Using a stored network that is not a super-resolution network.';
    const whose = r.source === 'trained' ? 'your network from the training cell' : 'the pretrained weights you loaded in the training cell';
    return `Using ${whose}: ${describeRecord(r)}. It has only seen ${DATA_LOOKS[r.dataset]} (its test PSNR is on those).`;
  }
  const { dataset, scale } = shippedNetwork(source.shipped);
  const m = source.meta;
  const trainExamples = num(m['trainExamples']);
  const epochs = num(m['epochs']);
  const how = trainExamples !== undefined && epochs !== undefined
    ? describeRecord({ source: 'pretrained', task: 'superres', dataset, scale, trainExamples, epochs, testAccuracy: NaN, testPsnr: num(m['testPsnr']) ?? NaN })
    : `pretrained weights, trained on ${DATA_NAMES[dataset]}, scale ×${scale}`;
  return `Using the shipped ${DATA_NAMES[dataset]} ×${scale} network: ${how}. It has only seen ${DATA_LOOKS[dataset]} (its test PSNR is on those).`;
}
