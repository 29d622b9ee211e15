/**
 * Test images from MNIST and Fashion-MNIST for the filter editor: the first 100 test images of
 * a set, fetched once (with progress) and then served from memory.
 */
import type { GrayImage } from '../../lib/math/conv2d';
import { DATASET_ITEMS } from '../../lib/math/kernel-url';
import { CLASS_NAMES, type DatasetId } from '../../lib/data/datasets';
import type { ImageSet, LoadProgress } from '../../lib/data/loader';

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const sets = new Map<DatasetId, Promise<ImageSet>>();

export interface DatasetItem {
  image: GrayImage;
  /** "the digit 7", "a sneaker". */
  caption: string;
}

export async function loadDatasetItem(dataset: DatasetId, index: number, onProgress?: (p: LoadProgress) => void): Promise<DatasetItem> {
  let promise = sets.get(dataset);
  if (!promise) {
    // The loader (and its hashing) is only fetched when a reader picks a data-set image.
    promise = import('../../lib/data/loader').then(({ loadImageSet }) =>
      loadImageSet(dataset, 'test', { limit: DATASET_ITEMS, baseUrl: `${BASE}data/`, onProgress }),
    );
    sets.set(dataset, promise);
    promise.catch(() => sets.delete(dataset));
  }
  const set = await promise;
  const { imageAt } = await import('../../lib/data/loader');
  const i = Math.min(index, set.count - 1);
  const label = set.labels[i] ?? 0;
  const name = CLASS_NAMES[dataset][label] ?? String(label);
  return {
    image: { width: set.width, height: set.height, pixels: imageAt(set, i) },
    caption: dataset === 'mnist' ? `the digit ${name}` : `a ${name.toLowerCase()}`,
  };
}
