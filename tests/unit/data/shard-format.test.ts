import { describe, expect, it } from 'vitest';
import {
  decodeShard,
  encodeShard,
  SHARD_HEADER_BYTES,
  shardByteLength,
  ShardFormatError,
} from '../../../src/lib/data/shard-format';

function sample(count: number, offset = 0) {
  const labels = Uint8Array.from({ length: count }, (_, i) => (i * 7) % 10);
  const images = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 31 + 5) % 256);
  return { offset, width: 28, height: 28, classCount: 10, labels, images };
}

describe('shard format', () => {
  it('round-trips labels, images and header fields', () => {
    const input = sample(37, 2000);
    const bytes = encodeShard(input);
    expect(bytes.length).toBe(SHARD_HEADER_BYTES + 37 * 785);
    expect(bytes.length).toBe(shardByteLength(37));
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('BNSH');
    const out = decodeShard(bytes, { count: 37, offset: 2000 });
    expect(out.count).toBe(37);
    expect(out.offset).toBe(2000);
    expect([out.width, out.height, out.classCount]).toEqual([28, 28, 10]);
    expect(Array.from(out.labels)).toEqual(Array.from(input.labels));
    expect(out.images).toEqual(input.images);
  });

  it('round-trips an empty shard and a non-square image size', () => {
    expect(decodeShard(encodeShard(sample(0))).count).toBe(0);
    const odd = { offset: 0, width: 3, height: 2, classCount: 4, labels: Uint8Array.of(3, 0), images: Uint8Array.from({ length: 12 }, (_, i) => i) };
    const out = decodeShard(encodeShard(odd));
    expect([out.width, out.height, out.count]).toEqual([3, 2, 2]);
    expect(Array.from(out.images)).toEqual(Array.from(odd.images));
  });

  it('decodes from a view that does not start at byte 0 of its buffer', () => {
    const bytes = encodeShard(sample(3));
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    expect(decodeShard(padded.subarray(5)).labels).toEqual(bytes.subarray(16, 19));
  });

  it('refuses to encode inconsistent input', () => {
    expect(() => encodeShard({ ...sample(2), images: new Uint8Array(10) })).toThrow(ShardFormatError);
    expect(() => encodeShard({ ...sample(2), labels: Uint8Array.of(1, 10) })).toThrow(/label 10/);
    expect(() => encodeShard({ ...sample(2), width: 0 })).toThrow(/width/);
    expect(() => encodeShard({ ...sample(2), offset: -1 })).toThrow(/offset/);
  });

  describe('rejects corrupt or short input', () => {
    const good = encodeShard(sample(5, 1000));
    const mutate = (f: (b: Uint8Array) => void) => {
      const copy = good.slice();
      f(copy);
      return copy;
    };
    it.each([
      ['empty', new Uint8Array(0), /shorter than its 16-byte header/],
      ['header only, cut short', good.subarray(0, 10), /shorter/],
      ['truncated body', good.subarray(0, good.length - 1), /shard is \d+ bytes/],
      ['trailing garbage', Uint8Array.from([...good, 0]), /shard is \d+ bytes/],
      ['wrong magic', mutate((b) => (b[0] = 0x50)), /not a Bottleneck shard/],
      ['PNG instead of a shard', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(40)]), /not a Bottleneck shard/],
      ['future version', mutate((b) => (b[4] = 2)), /unsupported shard format version 2/],
      ['zero width', mutate((b) => (b[5] = 0)), /invalid header/],
      ['count too large for the bytes', mutate((b) => (b[8] = 6)), /header says 6 images/],
      ['label out of range', mutate((b) => (b[16] = 10)), /label 10 at 0/],
    ])('%s', (_name, bytes, message) => {
      expect(() => decodeShard(bytes)).toThrow(ShardFormatError);
      expect(() => decodeShard(bytes)).toThrow(message);
    });

    it('a shard that disagrees with what the manifest expects', () => {
      expect(() => decodeShard(good, { count: 6 })).toThrow(/count is 5, expected 6/);
      expect(() => decodeShard(good, { offset: 0 })).toThrow(/offset is 1000, expected 0/);
      expect(() => decodeShard(good, { width: 32 })).toThrow(/width is 28, expected 32/);
    });
  });
});
