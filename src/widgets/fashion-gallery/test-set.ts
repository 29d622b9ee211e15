/**
 * The Fashion-MNIST test images for the page's galleries, loaded once per page (the loader caches
 * the shards with the Cache API, and the worker uses the same first-N order, so index i here is
 * example i of the model's test predictions).
 */
import { loadImageSet, type ImageSet } from '../../lib/data/loader';

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const cache = new Map<string, Promise<ImageSet>>();

export function loadTestImages(dataset: 'fashion-mnist' | 'mnist', limit: number): Promise<ImageSet> {
  const key = `${dataset}:${limit}`;
  let promise = cache.get(key);
  if (!promise) {
    promise = loadImageSet(dataset, 'test', { limit, baseUrl: `${BASE}data/` });
    promise.catch(() => cache.delete(key)); // let a later call retry
    cache.set(key, promise);
  }
  return promise;
}

/** Pixels of image `index` (784 bytes, a view, not a copy). */
export function pixelsOf(set: ImageSet, index: number): Uint8Array {
  return set.images.subarray(index * 784, (index + 1) * 784);
}
