// public/data/manifest.json: what `npm run data` wrote, and everything the loader needs to
// fetch and verify it. Written by scripts/build-data.ts, read (and validated) by loader.ts.
import { DATASET_IDS, SPLIT_IDS, type DatasetId, type SplitId } from './datasets';

export const MANIFEST_FORMAT = 'bottleneck-data';
export const MANIFEST_FORMAT_VERSION = 1;

export interface ShardInfo {
  /** Path relative to the manifest, e.g. "mnist/train-000.bin". */
  readonly file: string;
  /** Index of the shard's first image within the split. */
  readonly offset: number;
  readonly count: number;
  /** Exact size of the file in bytes. */
  readonly bytes: number;
  /** Lower-case hex sha256 of the file. */
  readonly sha256: string;
}

export interface SplitInfo {
  readonly count: number;
  /** [height, width] of every image. */
  readonly shape: readonly [number, number];
  /** Images per label 0..9. */
  readonly classCounts: readonly number[];
  /** Where this split comes from: official file, or how it was carved out of the source. */
  readonly splitRule: string;
  /** How images are ordered across the shards (the build-time shuffle and its seed). */
  readonly order: string;
  readonly shards: readonly ShardInfo[];
}

export interface DatasetInfo {
  readonly title: string;
  readonly classNames: readonly string[];
  readonly source: {
    readonly package: string;
    readonly version: string;
    readonly files: string;
    readonly homepage: string;
  };
  readonly license: string;
  readonly attribution: string;
  /** Source rows dropped as empty or malformed, with the reason. */
  readonly droppedRows: readonly { readonly where: string; readonly reason: string }[];
  readonly splits: Record<SplitId, SplitInfo>;
}

export interface DataManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly formatVersion: typeof MANIFEST_FORMAT_VERSION;
  /** Human summary of the shard layout; the authority is src/lib/data/shard-format.ts. */
  readonly shardFormat: string;
  readonly imagesPerShard: number;
  /** What the output was built from; the build script rebuilds when this changes. */
  readonly inputs: { readonly scriptVersion: number; readonly packages: Readonly<Record<string, string>> };
  readonly datasets: Record<DatasetId, DatasetInfo>;
}

/** Thrown when manifest.json is not what this code expects. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function fail(path: string, message: string): never {
  throw new ManifestError(`data manifest: ${path} ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function natural(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(path, 'must be a whole number');
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

function validateShard(value: unknown, path: string, expectedOffset: number): ShardInfo {
  if (!isRecord(value)) fail(path, 'must be an object');
  const file = text(value['file'], `${path}.file`);
  // Shards live below the manifest; refusing ".." and absolute paths keeps fetches on this site.
  if (!/^[a-z0-9-]+\/[a-z0-9-]+\.bin$/.test(file)) fail(`${path}.file`, `is not a shard path: ${file}`);
  const offset = natural(value['offset'], `${path}.offset`);
  if (offset !== expectedOffset) fail(`${path}.offset`, `is ${offset}, expected ${expectedOffset}`);
  const sha256 = text(value['sha256'], `${path}.sha256`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${path}.sha256`, 'must be 64 lower-case hex digits');
  return {
    file,
    offset,
    count: natural(value['count'], `${path}.count`),
    bytes: natural(value['bytes'], `${path}.bytes`),
    sha256,
  };
}

function validateSplit(value: unknown, path: string): SplitInfo {
  if (!isRecord(value)) fail(path, 'must be an object');
  const count = natural(value['count'], `${path}.count`);
  const shape = value['shape'];
  if (!Array.isArray(shape) || shape.length !== 2) fail(`${path}.shape`, 'must be [height, width]');
  const classCounts = value['classCounts'];
  if (!Array.isArray(classCounts)) fail(`${path}.classCounts`, 'must be an array');
  const shardsValue = value['shards'];
  if (!Array.isArray(shardsValue) || shardsValue.length === 0) fail(`${path}.shards`, 'must be a non-empty array');
  let offset = 0;
  const shards = shardsValue.map((shard, i) => {
    const info = validateShard(shard, `${path}.shards[${i}]`, offset);
    offset += info.count;
    return info;
  });
  if (offset !== count) fail(`${path}.shards`, `hold ${offset} images but count is ${count}`);
  return {
    count,
    shape: [natural(shape[0], `${path}.shape[0]`), natural(shape[1], `${path}.shape[1]`)],
    classCounts: classCounts.map((n, i) => natural(n, `${path}.classCounts[${i}]`)),
    splitRule: text(value['splitRule'], `${path}.splitRule`),
    order: text(value['order'], `${path}.order`),
    shards,
  };
}

/**
 * Checks that parsed JSON is a manifest this code understands and returns it typed.
 * Only the fields the loader relies on are checked deeply; the rest are documentation.
 */
export function validateManifest(json: unknown): DataManifest {
  if (!isRecord(json)) fail('', 'must be a JSON object');
  if (json['format'] !== MANIFEST_FORMAT) fail('format', `must be "${MANIFEST_FORMAT}"`);
  if (json['formatVersion'] !== MANIFEST_FORMAT_VERSION) {
    fail('formatVersion', `is ${String(json['formatVersion'])}; this site reads version ${MANIFEST_FORMAT_VERSION}`);
  }
  const datasets = json['datasets'];
  if (!isRecord(datasets)) fail('datasets', 'must be an object');
  for (const id of DATASET_IDS) {
    const dataset = datasets[id];
    if (!isRecord(dataset)) fail(`datasets.${id}`, 'is missing');
    const splits = dataset['splits'];
    if (!isRecord(splits)) fail(`datasets.${id}.splits`, 'must be an object');
    for (const split of SPLIT_IDS) validateSplit(splits[split], `datasets.${id}.splits.${split}`);
  }
  return json as unknown as DataManifest;
}

/**
 * The shards needed for the first `limit` images of a split (all shards when limit is
 * undefined or at least the split's count). Shards are ordered, so this is a prefix.
 */
export function shardsForLimit(split: SplitInfo, limit?: number): readonly ShardInfo[] {
  if (limit === undefined || limit >= split.count) return split.shards;
  const needed: ShardInfo[] = [];
  for (const shard of split.shards) {
    if (shard.offset >= limit) break;
    needed.push(shard);
  }
  return needed;
}
