import { describe, expect, it } from 'vitest';
import { ManifestError, shardsForLimit, validateManifest } from '../../../src/lib/data/manifest';
import { makeSite } from './fake-web';

const { manifest } = makeSite();
const clone = () => JSON.parse(JSON.stringify(manifest)) as Record<string, any>;

describe('validateManifest', () => {
  it('accepts what the build writes', () => {
    expect(validateManifest(clone())).toEqual(manifest);
  });

  it.each([
    ['not an object', () => [], /must be a JSON object/],
    ['another format', () => ({ ...clone(), format: 'x' }), /format must be "bottleneck-data"/],
    ['a newer version', () => ({ ...clone(), formatVersion: 2 }), /formatVersion is 2/],
    ['a missing data set', () => { const m = clone(); delete m.datasets.mnist; return m; }, /datasets.mnist is missing/],
    ['a shard outside the data folder', () => { const m = clone(); m.datasets.mnist.splits.test.shards[0].file = '../../etc/passwd'; return m; }, /is not a shard path/],
    ['an absolute shard URL', () => { const m = clone(); m.datasets.mnist.splits.test.shards[0].file = 'https://evil.example/x.bin'; return m; }, /is not a shard path/],
    ['a bad hash', () => { const m = clone(); m.datasets.mnist.splits.test.shards[0].sha256 = 'ABC'; return m; }, /64 lower-case hex/],
    ['shards out of order', () => { const m = clone(); m.datasets.mnist.splits.test.shards.reverse(); return m; }, /offset is 2000, expected 0/],
    ['counts that do not add up', () => { const m = clone(); m.datasets.mnist.splits.test.count = 2501; return m; }, /hold 2500 images but count is 2501/],
    ['a negative size', () => { const m = clone(); m.datasets.mnist.splits.test.shards[0].bytes = -1; return m; }, /bytes must be a whole number/],
  ])('rejects %s', (_name, make, message) => {
    expect(() => validateManifest(make())).toThrow(ManifestError);
    expect(() => validateManifest(make())).toThrow(message);
  });
});

describe('shardsForLimit', () => {
  const split = manifest.datasets.mnist.splits.test; // 2,500 images in shards of 1,000, 1,000, 500
  it.each([
    [1, 1], [999, 1], [1000, 1], [1001, 2], [2000, 2], [2001, 3], [2500, 3], [10_000, 3], [undefined, 3],
  ] as const)('limit %s needs %i shard(s)', (limit, shards) => {
    expect(shardsForLimit(split, limit)).toHaveLength(shards);
  });
});
