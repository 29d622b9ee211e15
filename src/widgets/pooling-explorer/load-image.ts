/**
 * Loads an image the filter editor's picker names, through the filter editor's own loaders,
 * so both widgets show the same pictures (and share their caches).
 */
import type { GrayImage } from '../../lib/math/conv2d';
import type { LoadProgress } from '../../lib/data/loader';
import type { ImageRef } from '../../lib/math/kernel-url';
import { makeTestPattern } from '../../lib/math/test-pattern';
import { loadDatasetItem } from '../filter-editor/dataset-images';
import { loadPhoto, loadPhotoList } from '../filter-editor/photos';

export interface LoadedImage {
  ref: ImageRef;
  image: GrayImage;
  /** For aria-labels: "Cameraman photo", "MNIST handwritten digit #1, the digit 7". */
  name: string;
  /** For the picker: "the digit 7". */
  caption: string;
}

export const PATTERN_SIZE = 192;
let pattern: GrayImage | undefined;

export async function loadImage(ref: ImageRef, onProgress?: (p: LoadProgress) => void): Promise<LoadedImage> {
  if (ref === 'pattern' || ref === 'drawing') {
    pattern ??= makeTestPattern(PATTERN_SIZE);
    return { ref: 'pattern', image: pattern, name: 'generated stripes and shapes', caption: '' };
  }
  if (ref.startsWith('photo:')) {
    const list = await loadPhotoList();
    const entry = list.find((p) => `photo:${p.id}` === ref) ?? list[0];
    if (!entry) return loadImage('pattern');
    const image = await loadPhoto(entry);
    return { ref: `photo:${entry.id}`, image, name: `${entry.title} photo`, caption: '' };
  }
  const [kind, index] = ref.split(':') as ['mnist' | 'fashion', string];
  const item = await loadDatasetItem(kind === 'mnist' ? 'mnist' : 'fashion-mnist', Number(index), onProgress);
  const set = kind === 'mnist' ? 'MNIST handwritten digit' : 'Fashion-MNIST item';
  return { ref, image: item.image, name: `${set} #${Number(index) + 1}, ${item.caption}`, caption: item.caption };
}
