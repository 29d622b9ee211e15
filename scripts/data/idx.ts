// Reader for the IDX files of the official MNIST distribution (http://yann.lecun.com/exdb/mnist/):
// big-endian header, magic 0x00000803 for images (count, rows, cols) and 0x00000801 for labels.

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count * rows * cols uint8 pixels, row-major. */
  readonly pixels: Uint8Array;
}

function header(bytes: Uint8Array, words: number, what: string): number[] {
  if (bytes.length < words * 4) throw new Error(`${what}: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

export function readIdxImages(bytes: Uint8Array, what = 'IDX images'): IdxImages {
  const [magic, count, rows, cols] = header(bytes, 4, what) as [number, number, number, number];
  if (magic !== 0x803) throw new Error(`${what}: magic 0x${magic.toString(16)} is not 0x803 (uint8 images)`);
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`${what}: ${bytes.length} bytes, header implies ${expected}`);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function readIdxLabels(bytes: Uint8Array, what = 'IDX labels'): Uint8Array {
  const [magic, count] = header(bytes, 2, what) as [number, number];
  if (magic !== 0x801) throw new Error(`${what}: magic 0x${magic.toString(16)} is not 0x801 (uint8 labels)`);
  if (bytes.length !== 8 + count) throw new Error(`${what}: ${bytes.length} bytes, header implies ${8 + count}`);
  return bytes.subarray(8);
}
