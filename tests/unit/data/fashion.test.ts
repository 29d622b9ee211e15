import { describe, expect, it } from 'vitest';
import { readFashionClass, splitFashion, type FashionClassRows } from '../../../scripts/data/fashion';
import { readIdxImages, readIdxLabels } from '../../../scripts/data/idx';
import { fnv1a32, seededPermutation } from '../../../scripts/data/shuffle';

const row = (v = 0) => new Array<number>(784).fill(v);

describe('fashion-mnist JSON rows', () => {
  it('keeps valid rows and drops empty or malformed ones with a reason', () => {
    const bad = row(3);
    bad[10] = 256;
    const float = row(3);
    float[0] = 1.5;
    const json = JSON.stringify({ data: [row(1), [], row(2).slice(1), bad, float, 'x', row(255)] });
    const { rows, dropped } = readFashionClass(json, 4);
    expect(rows.map((r) => r[0])).toEqual([1, 255]);
    expect(rows.every((r) => r.length === 784)).toBe(true);
    expect(dropped).toEqual([
      { where: 'src/clothes/4.json row 1', reason: 'empty row' },
      { where: 'src/clothes/4.json row 2', reason: '783 values instead of 784' },
      { where: 'src/clothes/4.json row 3', reason: 'value 256 at pixel 10 is not an integer in 0..255' },
      { where: 'src/clothes/4.json row 4', reason: 'value 1.5 at pixel 0 is not an integer in 0..255' },
      { where: 'src/clothes/4.json row 5', reason: 'not an array (string)' },
    ]);
  });

  it('refuses a file without a data array', () => {
    expect(() => readFashionClass('{"rows": []}', 0)).toThrow(/no "data" array/);
  });
});

describe('fashion-mnist split rule', () => {
  // Row i of class c carries (c, i) in its first three pixels, so we can see where it went.
  const classes: FashionClassRows[] = Array.from({ length: 10 }, (_, c) => ({
    dropped: [],
    rows: Array.from({ length: 7000 }, (_, i) => {
      const r = new Uint8Array(784);
      r[0] = c;
      r[1] = i & 0xff;
      r[2] = i >> 8;
      return r;
    }),
  }));

  it('puts the first 1,000 rows of each class in test and the next 6,000 in train', () => {
    const { train, test } = splitFashion(classes);
    expect(test.labels.length).toBe(10000);
    expect(train.labels.length).toBe(60000);
    const sourceIndex = (images: Uint8Array, k: number) => images[k * 784 + 1]! + 256 * images[k * 784 + 2]!;
    for (let k = 0; k < 10000; k++) {
      expect(test.images[k * 784]).toBe(test.labels[k]);
      if (sourceIndex(test.images, k) >= 1000) throw new Error(`test image ${k} came from row ${sourceIndex(test.images, k)}`);
    }
    for (let k = 0; k < 60000; k++) {
      expect(train.images[k * 784]).toBe(train.labels[k]);
      const i = sourceIndex(train.images, k);
      if (i < 1000) throw new Error(`train image ${k} came from test row ${i}`);
    }
  });

  it('fails loudly when a class does not have exactly 7,000 valid rows', () => {
    const short = classes.map((c, i) => (i === 3 ? { ...c, rows: c.rows.slice(1) } : c));
    expect(() => splitFashion(short)).toThrow(/class 3: 6999 valid rows, expected exactly 7000/);
    expect(() => splitFashion(classes.slice(0, 9))).toThrow(/expected 10 classes/);
  });
});

describe('IDX reader', () => {
  const idx = (magic: number, dims: number[], body: number[]) => {
    const bytes = new Uint8Array(4 + dims.length * 4 + body.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, magic);
    dims.forEach((d, i) => view.setUint32(4 + i * 4, d));
    bytes.set(body, 4 + dims.length * 4);
    return bytes;
  };

  it('reads images and labels', () => {
    const images = readIdxImages(idx(0x803, [2, 1, 2], [1, 2, 3, 4]));
    expect([images.count, images.rows, images.cols]).toEqual([2, 1, 2]);
    expect(Array.from(images.pixels)).toEqual([1, 2, 3, 4]);
    expect(Array.from(readIdxLabels(idx(0x801, [3], [7, 8, 9])))).toEqual([7, 8, 9]);
  });

  it('rejects wrong magic and wrong length', () => {
    expect(() => readIdxImages(idx(0x801, [2, 1, 2], [1, 2, 3, 4]))).toThrow(/magic/);
    expect(() => readIdxImages(idx(0x803, [2, 1, 2], [1, 2, 3]))).toThrow(/header implies 20/);
    expect(() => readIdxLabels(idx(0x801, [3], [7, 8]))).toThrow(/header implies 11/);
    expect(() => readIdxLabels(new Uint8Array(3))).toThrow(/too short/);
  });
});

describe('seeded shuffle', () => {
  it('is a permutation, the same for the same seed and different for another', () => {
    const a = seededPermutation(1000, fnv1a32('bottleneck/mnist/train'));
    const b = seededPermutation(1000, fnv1a32('bottleneck/mnist/train'));
    const c = seededPermutation(1000, fnv1a32('bottleneck/mnist/test'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('hashes seed text with FNV-1a (published test vector)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });
});
