import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  amortisedBytes, breakEvenImages, compareSet, decoderParameters, photoPatches, RAW_BYTES_PER_IMAGE, reconstructWithCode, tileSheet, untileSheet,
  type Gray8, type ImageBatch, type JpegCodec,
} from '../../../src/lib/ml/compression';
import { buildDenseAutoencoder } from '../../../src/lib/ml/models-autoencoder';
import { codeSizeBytes } from '../../../src/lib/math/code-quantise';
import { readComparison } from '../../../src/widgets/compression-table/reading';
import { readSplit } from '../../../scripts/pretrain/common';
import { useCpuBackend } from '../helpers/compare';

useCpuBackend();

const SHIPPED = 'public/models/ae-dense-mnist';
const HAVE_DATA = existsSync('public/data/manifest.json');

/** A real JPEG codec in Node (libjpeg through sharp), standing in for the browser's canvas.toBlob. */
const sharpJpeg: JpegCodec = async (image, quality) => {
  const file = await sharp(Buffer.from(image.pixels), { raw: { width: image.width, height: image.height, channels: 1 } })
    .jpeg({ quality: Math.max(1, Math.round(quality * 100)) }).toBuffer();
  return {
    bytes: file.length,
    decode: async () => {
      const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
      const out = new Uint8Array(image.width * image.height);
      for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels]!;
      return out;
    },
  };
};

async function loadShipped(): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(SHIPPED, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }> };
  const weightData = new Uint8Array(readFileSync(join(SHIPPED, 'weights.bin'))).buffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData }));
}

/** Soft blobs: smooth 28×28 images, seeded, no data files needed. */
function blobs(count: number): ImageBatch {
  const images = new Uint8Array(count * 784);
  for (let n = 0; n < count; n++) {
    const cx = 8 + (n * 5) % 12;
    const cy = 10 + (n * 3) % 9;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) images[n * 784 + y * 28 + x] = Math.round(255 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 30));
  }
  return { set: 'blobs', images, count };
}

describe('sprite sheets and photo patches', () => {
  it('tiles images into a sheet and back without changing a pixel', () => {
    const batch = blobs(7);
    const sheet = tileSheet(batch.images, 7, 3);
    expect([sheet.width, sheet.height]).toEqual([84, 84]);
    // Image 4 sits in row 1, column 1: its pixel (2, 5) is sheet pixel (28 + 2, 28 + 5).
    expect(sheet.pixels[(28 + 5) * 84 + 28 + 2]).toBe(batch.images[4 * 784 + 5 * 28 + 2]);
    expect(Array.from(untileSheet(sheet, 7, 3))).toEqual(Array.from(batch.images));
  });

  it('shrinks evenly spaced crops by averaging blocks', () => {
    // 112×112 photo: each pixel is its 4×4 block's index mod 250, plus 0..3 by column within the block (mean +1.5).
    const photo: Gray8 = { width: 112, height: 112, pixels: new Uint8Array(112 * 112) };
    for (let y = 0; y < 112; y++) for (let x = 0; x < 112; x++) photo.pixels[y * 112 + x] = ((Math.floor(y / 4) * 28 + Math.floor(x / 4)) % 250) + (x % 4);
    const one = photoPatches(photo, 1, 112);
    expect(one.length).toBe(784);
    expect(one[3 * 28 + 7]).toBe(Math.round(((3 * 28 + 7) % 250) + 1.5));
    const photo2: Gray8 = { width: 200, height: 150, pixels: new Uint8Array(200 * 150).fill(9) };
    photo2.pixels[149 * 200 + 199] = 255; // bottom-right corner: only the last crop (2×2 grid, 56-pixel crops) sees it
    const four = photoPatches(photo2, 2, 56);
    expect(four.length).toBe(4 * 784);
    expect(four[3 * 784 + 783]).toBe(Math.round((9 * 3 + 255) / 4));
    expect(four[783]).toBe(9);
    expect(() => photoPatches(photo2, 2, 50)).toThrow(/multiple of 28/);
    expect(() => photoPatches(photo2, 2, 168)).toThrow(/does not fit/);
  });
});

describe('bytes: code, decoder, break-even', () => {
  it('counts the decoder weights and amortises them', () => {
    const model = buildDenseAutoencoder(1, {}, 16);
    // 16·256 + 256 + 256·784 + 784
    expect(decoderParameters(model)).toBe(4352 + 201_488);
    model.dispose();
    expect(amortisedBytes(24, 1000, 10)).toBe(124);
    expect(() => amortisedBytes(24, 1000, 0)).toThrow();
    // 24 + 1000/N < 34 ⇔ N > 100
    expect(breakEvenImages(24, 1000, 34)).toBe(101);
    expect(breakEvenImages(24, 1000, 24)).toBe(Infinity);
    expect(RAW_BYTES_PER_IMAGE).toBe(784);
  });
});

describe('autoencoder vs JPEG (real tfjs, real JPEG encoder)', () => {
  it('reconstructs from quantised codes, matches JPEG sizes and leaves no tensors behind', async () => {
    const model = await loadShipped();
    const before = tf.memory().numTensors;
    const batch = blobs(12);
    const ae = await reconstructWithCode(model, batch, 8);
    expect(ae.bytesPerImage).toBe(codeSizeBytes(16, 8));
    expect(ae.quantised.length).toBe(12 * 784);
    // 8-bit codes barely move the output; 1-bit codes move it a lot more.
    const coarse = await reconstructWithCode(model, batch, 1);
    const diff = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
    expect(diff(ae.quantised, ae.exact)).toBeLessThan(diff(coarse.quantised, coarse.exact));

    const { rows, jpegSingle } = await compareSet(model, batch, sharpJpeg, { sheetColumns: 4 });
    const [single, sheet] = rows;
    expect(single.view).toBe('single');
    expect(jpegSingle.length).toBe(12 * 784);
    // A whole 28×28 JPEG file is far bigger than 24 bytes: it cannot fit, and says so.
    expect(single.jpegFitted).toBe(false);
    expect(single.jpegBytes).toBeGreaterThan(single.aeBytes * 5);
    // The sheet shares its headers: 12 × 24 = 288 bytes for one file may or may not fit, but its size is honest.
    expect(sheet.jpegFiles).toBe(1);
    if (sheet.jpegFitted) expect(sheet.jpegBytes).toBeLessThanOrEqual(sheet.aeBytes);
    for (const r of rows) {
      expect(Number.isFinite(r.aePsnr) && Number.isFinite(r.jpegPsnr)).toBe(true);
      expect(r.aePsnr).toBeCloseTo(rows[0].aePsnr, 10);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 60_000);

  it.runIf(HAVE_DATA)('does better on the digits it learnt than on Fashion-MNIST items; JPEG stays within budget when it fits and shares headers on a sheet', async () => {
    const model = await loadShipped();
    const before = tf.memory().numTensors;
    const digits = readSplit('mnist', 'test', 100);
    const fashion = readSplit('fashion-mnist', 'test', 100);
    const mnist = await compareSet(model, { set: 'mnist', images: digits.images, count: 100 }, sharpJpeg);
    const clothes = await compareSet(model, { set: 'fashion', images: fashion.images, count: 100 }, sharpJpeg);
    expect(mnist.rows[0].aePsnr).toBeGreaterThan(clothes.rows[0].aePsnr + 2);
    for (const r of [...mnist.rows, ...clothes.rows]) if (r.jpegFitted) expect(r.jpegBytes).toBeLessThanOrEqual(r.aeBytes);
    // One sheet shares the headers: far fewer bytes per image than 100 separate files.
    expect(mnist.rows[1].jpegBytes).toBeLessThan(mnist.rows[0].jpegBytes / 5);
    // JPEG does not care what the picture shows; the digit autoencoder does.
    expect(Math.abs(mnist.rows[1].jpegPsnr - clothes.rows[1].jpegPsnr)).toBeLessThan(mnist.rows[0].aePsnr - clothes.rows[0].aePsnr);
    const text = readComparison([...mnist.rows, ...clothes.rows], 2 * decoderParameters(model));
    expect(text.join(' ')).toMatch(/MNIST digits/);
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 120_000);
});

describe('readComparison', () => {
  const row = (set: string, view: 'single' | 'sheet', aePsnr: number, jpegPsnr: number, jpegBytes: number, jpegFitted: boolean) => ({
    set, view, images: 100, aeBytes: 24, aePsnr, aePsnrUnquantised: aePsnr + 0.1, jpegBytes, jpegQuality: 0.5, jpegPsnr, jpegFitted, jpegFittedFiles: jpegFitted ? 1 : 0, jpegFiles: 1,
  });

  it('writes what the numbers say, not a fixed verdict', () => {
    const rows = [row('mnist', 'single', 18, 20, 330, false), row('fashion', 'single', 12, 21, 330, false), row('mnist', 'sheet', 18, 15, 23, true), row('fashion', 'sheet', 12, 16, 23, true)];
    const text = readComparison(rows, 400_000);
    expect(text[0]).toMatch(/cannot get down to 24 B.*about 330 B/);
    expect(text[1]).toMatch(/JPEG fits the code.s 24 B/);
    expect(text[1]).toMatch(/MNIST digits the autoencoder is 3\.0 dB better than JPEG/);
    expect(text[1]).toMatch(/Fashion-MNIST items the autoencoder is 4\.0 dB worse than JPEG/);
    expect(text[2]).toMatch(/falls from 18\.0 dB on digits to 12\.0 dB/);
    // 24 + 400000/N < 23 never holds
    expect(text[3]).toMatch(/never/);
    const flipped = readComparison([row('mnist', 'sheet', 14, 18, 40, true), row('mnist', 'single', 14, 20, 20, true)], 1600);
    expect(flipped.join(' ')).toMatch(/4\.0 dB worse than JPEG/);
    expect(flipped.join(' ')).toMatch(/after about 101 images/);
    expect(flipped.join(' ')).not.toMatch(/cannot get down/);
  });
});
