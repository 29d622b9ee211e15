/**
 * The whole comparison as the page runs it (the widget and `npm run bench` share this): the
 * autoencoder (the reader's stored one, else the shipped weights), the three image sets, and the
 * browser's JPEG encoder. Browser only. Yields to the page between images and sets.
 */
import * as tf from '@tensorflow/tfjs';
import { loadImageSet } from '../../lib/data/loader';
import { modelCache, type ModelLease } from '../../lib/ml/model-cache';
import { isReconstructionRecord } from '../../lib/tasks/record';
import { describeRecord } from '../../lib/ml/record-text';
import { bottleneckOf } from '../../lib/ml/models-autoencoder';
import { compareSet, decoderParameters, photoPatches, type CompressionRow, type ImageBatch } from '../../lib/ml/compression';
import { loadPhoto, loadPhotoList } from '../filter-editor/photos';
import { browserJpegCodec } from './browser-jpeg';

export const SET_IDS = ['mnist', 'fashion', 'photo'] as const;
export type SetId = (typeof SET_IDS)[number];

export interface LoadedAutoencoder {
  /** Shared through the page's model cache: release(), never dispose. */
  model: tf.LayersModel;
  release(): void;
  source: 'stored' | 'shipped';
  /** "your autoencoder: trained on …" */
  label: string;
  /** Bytes of the decoder's weights as they travel: float16 for the shipped file, float32 for a stored model. */
  decoderBytes: number;
}

/** Example images for the strip under the table: originals, autoencoder and JPEG, count × 784 each. */
export interface SetExamples {
  set: SetId;
  original: Uint8Array;
  autoencoder: Float32Array;
  jpeg: Uint8Array;
  count: number;
}

export interface ComparisonResult {
  rows: CompressionRow[];
  examples: SetExamples[];
}

export interface RunOptions {
  baseUrl: string;
  images: number;
  bits: number;
  /** Example images kept per set. */
  examples: number;
  onStep?: (message: string) => void;
  signal?: AbortSignal;
}

/** Shown per set while it runs. */
export const SET_STEPS: Record<SetId, string> = {
  mnist: 'MNIST test digits (what it learnt)',
  fashion: 'Fashion-MNIST test items (never seen)',
  photo: 'patches of the course photos (never seen)',
};

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The reader's autoencoder under `storeKey` when one is stored, else the shipped one (the page's model cache). The caller releases it. */
export async function loadAutoencoder(storeKey: string, shippedUrl: string): Promise<LoadedAutoencoder> {
  let lease: ModelLease | undefined;
  try {
    lease = await modelCache.acquire({ storeKey, shippedUrl, accept: isReconstructionRecord, acceptName: 'reconstructing' });
  } catch (error) {
    throw new Error(`No autoencoder of yours is stored, and the pretrained one could not be loaded (${error instanceof Error ? error.message : String(error)}). Train one in the training cell above, or reload the page.`);
  }
  if (!lease) throw new Error('No autoencoder is available: train one in the training cell above, or reload the page.');
  const { model, record, release } = lease;
  if (record) {
    const yours = record.source === 'trained';
    const label = `${yours ? 'your autoencoder' : 'the pretrained autoencoder you loaded'} (${describeRecord(record)})`;
    return { model, release, source: 'stored', label, decoderBytes: 4 * decoderParameters(model) };
  }
  const meta = lease.meta as { trainExamples?: number; epochs?: number; testPsnr?: number };
  // "trained on …": the words "pretrained autoencoder" come first.
  const label = describeRecord({
    source: 'trained', dataset: 'mnist', task: 'autoencoder', bottleneck: bottleneckOf(model), trainExamples: meta.trainExamples ?? 0, epochs: meta.epochs ?? 0,
    testAccuracy: NaN, ...(meta.testPsnr !== undefined ? { testPsnr: meta.testPsnr } : {}),
  });
  return { model, release, source: 'shipped', label: `the pretrained autoencoder (${label})`, decoderBytes: 2 * decoderParameters(model) };
}

/** `count` 28×28 patches: 5 × 5 crops of 112×112 from each course photo, shrunk 4× by averaging. */
async function photoSet(count: number): Promise<ImageBatch> {
  const list = await loadPhotoList();
  if (list.length === 0) throw new Error('The course photos could not be loaded (images/photos.json)');
  const patches: Uint8Array[] = [];
  for (const entry of list) patches.push(photoPatches(await loadPhoto(entry), 5, 112));
  const all = new Uint8Array(patches.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of patches) {
    all.set(p, at);
    at += p.length;
  }
  const n = Math.min(count, all.length / 784);
  return { set: 'photo', images: all.subarray(0, n * 784), count: n };
}

async function loadSet(set: SetId, options: RunOptions): Promise<ImageBatch> {
  if (set === 'photo') return photoSet(options.images);
  const data = await loadImageSet(set === 'mnist' ? 'mnist' : 'fashion-mnist', 'test', { limit: options.images, baseUrl: `${options.baseUrl}data/`, signal: options.signal });
  return { set, images: data.images, count: data.count };
}

/** `wanted` images spread evenly over the set (the photo patches then come from different photos). */
function pickExamples(set: SetId, batch: ImageBatch, autoencoder: Float32Array, jpeg: Uint8Array, wanted: number): SetExamples {
  const count = Math.min(wanted, batch.count);
  const out: SetExamples = { set, count, original: new Uint8Array(count * 784), autoencoder: new Float32Array(count * 784), jpeg: new Uint8Array(count * 784) };
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * batch.count) / count) * 784;
    out.original.set(batch.images.subarray(from, from + 784), i * 784);
    out.autoencoder.set(autoencoder.subarray(from, from + 784), i * 784);
    out.jpeg.set(jpeg.subarray(from, from + 784), i * 784);
  }
  return out;
}

/** Runs the three sets one after another, yielding between them. */
export async function runComparison(model: tf.LayersModel, options: RunOptions): Promise<ComparisonResult> {
  const codec = browserJpegCodec();
  const rows: CompressionRow[] = [];
  const examples: SetExamples[] = [];
  for (const set of SET_IDS) {
    options.signal?.throwIfAborted();
    options.onStep?.(`Loading ${SET_STEPS[set]}…`);
    const batch = await loadSet(set, options);
    options.onStep?.(`Compressing ${batch.count} ${SET_STEPS[set]}…`);
    let done = 0;
    const result = await compareSet(model, batch, codec, {
      bits: options.bits,
      pause: async () => {
        if (++done % 10 === 0) {
          options.signal?.throwIfAborted();
          await yieldToPage();
        }
      },
    });
    rows.push(...result.rows);
    examples.push(pickExamples(set, batch, result.autoencoder, result.jpegSingle, options.examples));
    await yieldToPage();
  }
  return { rows, examples };
}
