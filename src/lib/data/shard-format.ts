// Binary layout of one data shard (public/data/<dataset>/<split>-NNN.bin).
//
// Why one file per shard holding labels AND images (rather than separate images/labels files):
// one request, one cache entry and one sha256 per shard, and a label can never be paired with
// the wrong image because a server or cache mixed up two files. Why a header at all, when the
// manifest already lists size and hash: the shard then describes itself, so the decoder can
// refuse a truncated, foreign or misplaced file on its own (the `offset` field catches a shard
// served under another shard's name), and the format can evolve behind a version byte.
//
//   offset  size       field
//   0       4          magic, ASCII "BNSH" (Bottleneck shard)
//   4       1          format version, currently 1
//   5       1          image width in pixels (28)
//   6       1          image height in pixels (28)
//   7       1          number of classes; every label is < this (10)
//   8       4          count: images in this shard, uint32 little-endian
//   12      4          offset: index of this shard's first image within its split, uint32 LE
//   16      count      labels, one uint8 per image
//   16+count  count*w*h  images, uint8 grey levels (0 = background), row-major, image after image
//
// Total size is exactly 16 + count * (1 + width * height) bytes; anything else is rejected.
// No padding or alignment is needed because every field after the header is bytes.

export const SHARD_MAGIC = 'BNSH';
export const SHARD_FORMAT_VERSION = 1;
export const SHARD_HEADER_BYTES = 16;

export interface ShardContents {
  /** Index of the first image of this shard within its split. */
  readonly offset: number;
  readonly width: number;
  readonly height: number;
  readonly classCount: number;
  /** One label per image, each in 0..classCount-1. */
  readonly labels: Uint8Array;
  /** count * width * height grey levels, row-major, image after image. */
  readonly images: Uint8Array;
}

export interface DecodedShard extends ShardContents {
  readonly count: number;
}

/** Thrown for any shard that does not follow the layout above; the message says what is wrong. */
export class ShardFormatError extends Error {
  override name = 'ShardFormatError';
}

/** Size in bytes of a shard of `count` images of width × height. */
export function shardByteLength(count: number, width = 28, height = 28): number {
  return SHARD_HEADER_BYTES + count * (1 + width * height);
}

function checkByte(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > 255) {
    throw new ShardFormatError(`${name} must be an integer in ${min}..255, got ${value}`);
  }
}

/** Encodes labels and images into one shard. Pure; validates its input. */
export function encodeShard(contents: ShardContents): Uint8Array {
  const { offset, width, height, classCount, labels, images } = contents;
  checkByte('width', width, 1);
  checkByte('height', height, 1);
  checkByte('classCount', classCount, 1);
  if (!Number.isInteger(offset) || offset < 0 || offset > 0xffffffff) {
    throw new ShardFormatError(`offset must be a uint32, got ${offset}`);
  }
  const count = labels.length;
  const pixels = width * height;
  if (images.length !== count * pixels) {
    throw new ShardFormatError(`${count} labels need ${count * pixels} image bytes, got ${images.length}`);
  }
  const bad = labels.findIndex((label) => label >= classCount);
  if (bad >= 0) throw new ShardFormatError(`label ${labels[bad]} at ${bad} is not below ${classCount}`);

  const out = new Uint8Array(shardByteLength(count, width, height));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = SHARD_MAGIC.charCodeAt(i);
  out[4] = SHARD_FORMAT_VERSION;
  out[5] = width;
  out[6] = height;
  out[7] = classCount;
  view.setUint32(8, count, true);
  view.setUint32(12, offset, true);
  out.set(labels, SHARD_HEADER_BYTES);
  out.set(images, SHARD_HEADER_BYTES + count);
  return out;
}

/**
 * Decodes a shard. The returned `labels` and `images` are views into `bytes` (no copy).
 * Throws ShardFormatError for a short, long, foreign or corrupt shard, and when `expect`
 * (typically from the manifest) disagrees with the header.
 */
export function decodeShard(
  bytes: Uint8Array,
  expect: { count?: number; offset?: number; width?: number; height?: number } = {},
): DecodedShard {
  if (bytes.length < SHARD_HEADER_BYTES) {
    throw new ShardFormatError(`shard is ${bytes.length} bytes, shorter than its ${SHARD_HEADER_BYTES}-byte header`);
  }
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== SHARD_MAGIC) throw new ShardFormatError(`not a Bottleneck shard (magic ${JSON.stringify(magic)})`);
  const version = bytes[4]!;
  if (version !== SHARD_FORMAT_VERSION) {
    throw new ShardFormatError(`unsupported shard format version ${version} (expected ${SHARD_FORMAT_VERSION})`);
  }
  const width = bytes[5]!;
  const height = bytes[6]!;
  const classCount = bytes[7]!;
  if (width === 0 || height === 0 || classCount === 0) {
    throw new ShardFormatError(`invalid header: ${width}×${height} images, ${classCount} classes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const offset = view.getUint32(12, true);
  const expectedLength = shardByteLength(count, width, height);
  if (bytes.length !== expectedLength) {
    throw new ShardFormatError(
      `shard header says ${count} images (${expectedLength} bytes) but the shard is ${bytes.length} bytes`,
    );
  }
  for (const key of ['count', 'offset', 'width', 'height'] as const) {
    const wanted = expect[key];
    const actual = { count, offset, width, height }[key];
    if (wanted !== undefined && wanted !== actual) {
      throw new ShardFormatError(`shard ${key} is ${actual}, expected ${wanted}`);
    }
  }
  const labels = bytes.subarray(SHARD_HEADER_BYTES, SHARD_HEADER_BYTES + count);
  const bad = labels.findIndex((label) => label >= classCount);
  if (bad >= 0) throw new ShardFormatError(`label ${labels[bad]} at ${bad} is not below ${classCount}`);
  const images = bytes.subarray(SHARD_HEADER_BYTES + count);
  return { count, offset, width, height, classCount, labels, images };
}
