// The data sets the course ships, and the names lessons and widgets use for them.
// Kept free of any runtime dependency so the build script, the loader and the widgets share it.

export type DatasetId = 'mnist' | 'fashion-mnist';
export type SplitId = 'train' | 'test';

export const DATASET_IDS: readonly DatasetId[] = ['mnist', 'fashion-mnist'];
export const SPLIT_IDS: readonly SplitId[] = ['train', 'test'];

/** Width and height of every image, in pixels. */
export const IMAGE_SIZE = 28;
/** Bytes (= pixels, one uint8 each) per image. */
export const PIXELS_PER_IMAGE = IMAGE_SIZE * IMAGE_SIZE;
/** Both data sets have ten classes, labelled 0..9. */
export const CLASS_COUNT = 10;

/** Human names of the classes, indexed by label. */
export const CLASS_NAMES: Record<DatasetId, readonly string[]> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'fashion-mnist': [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

/** Display names, e.g. for a progress bar: `${DATASET_TITLES.mnist} ${SPLIT_TITLES.test}`. */
export const DATASET_TITLES: Record<DatasetId, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
};
export const SPLIT_TITLES: Record<SplitId, string> = {
  train: 'training images',
  test: 'test images',
};

/** "MNIST test images", "Fashion-MNIST training images". */
export function describeSplit(dataset: DatasetId, split: SplitId): string {
  return `${DATASET_TITLES[dataset]} ${SPLIT_TITLES[split]}`;
}

export function isDatasetId(value: unknown): value is DatasetId {
  return value === 'mnist' || value === 'fashion-mnist';
}

export function isSplitId(value: unknown): value is SplitId {
  return value === 'train' || value === 'test';
}
