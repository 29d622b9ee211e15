import { describe, expect, it } from 'vitest';
import { hasInk, parseK, pixelRows, search } from '../../../src/widgets/image-retrieval/retrieval';

describe('image retrieval rules', () => {
  it('takes k from 1 to 50 and says why not otherwise', () => {
    expect(parseK(' 10 ')).toEqual({ ok: true, value: 10 });
    expect(parseK('50')).toEqual({ ok: true, value: 50 });
    expect(parseK('')).toMatchObject({ ok: false, message: expect.stringMatching(/Enter how many/) });
    expect(parseK('0')).toMatchObject({ ok: false, message: expect.stringMatching(/too few/) });
    expect(parseK('10000')).toMatchObject({ ok: false, message: expect.stringMatching(/10,000 is more than fit/) });
    expect(parseK('2.5')).toMatchObject({ ok: false, message: expect.stringMatching(/whole number/) });
    expect(parseK('1e309')).toMatchObject({ ok: false, message: expect.stringMatching(/whole number/) });
  });

  it('counts a drawing as drawn once a few pixels carry ink', () => {
    expect(hasInk(new Uint8Array(784))).toBe(false);
    const few = new Uint8Array(784);
    few.fill(255, 0, 7);
    expect(hasInk(few)).toBe(false);
    few[100] = 200;
    expect(hasInk(few)).toBe(true);
  });

  it('finds hits without the query itself, with precision for a test query and none for a drawing', () => {
    // Four 2-pixel "images": two of class 0 near (1, 0), two of class 1 near (0, 1).
    const images = Uint8Array.from([255, 0, 250, 10, 0, 255, 10, 250]);
    const rows = Float32Array.from(images, (v) => v / 255);
    const labels = [0, 0, 1, 1];
    const own = search(rows, 2, rows.subarray(0, 2), 2, 'euclidean', labels, { index: 0, label: 0 });
    expect(own.hits.map((h) => h.index)).toEqual([1, 3]); // (0.04, 0.98) is nearer (1, 0) than (0, 1) is
    expect(own.precision).toBe(0.5);
    const drawing = search(rows, 2, [0, 1], 1, 'cosine', labels, null);
    expect(drawing).toEqual({ hits: [{ index: 2, score: expect.any(Number) }], precision: null });
  });

  it('turns bytes into 0…1 rows of 784', () => {
    const images = new Uint8Array(2 * 784).fill(51);
    const rows = pixelRows(images, 2);
    expect([rows.length, rows[0], rows[1567]]).toEqual([1568, Math.fround(0.2), Math.fround(0.2)]);
  });
});
