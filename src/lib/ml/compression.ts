/**
 * "Autoencoders offer no tangible advantage over JPEG" (the source material), measured: for the
 * same number of bytes, how close does each get to the original?
 *
 * Autoencoder side: encode → quantise each code to `bits` bits (code-quantise.ts, header
 * counted) → dequantise → decode → PSNR of every image against its original.
 * JPEG side: the browser's own encoder (injected as a `JpegCodec`, so Node tests can pass
 * another), at the highest quality whose file fits the autoencoder's byte budget
 * (jpeg-match.ts), decoded and compared the same way.
 *
 * Two views, because either alone misleads:
 * - 'single': one JPEG file per 28×28 image. Its fixed headers (≈300 bytes of tables and
 *   markers) dwarf a 24-byte code, so JPEG usually cannot fit at all (`jpegFitted` false; the
 *   row then shows its smallest file).
 * - 'sheet': the images tiled into one sprite sheet (10 × 10 tiles of 28×28 = 280×280 for
 *   100 images), one JPEG matched to all the codes' bytes together; the headers are shared.
 * And the autoencoder's own overhead: its decoder's weights must reach the reader too
 * (`amortisedBytes`, `breakEvenImages`).
 */
import * as tf from '@tensorflow/tfjs';
import type { GrayImage } from '../math/conv2d';
import { codeSizeBytes, dequantiseCode, quantiseCode } from '../math/code-quantise';
import { matchJpegSize } from '../math/jpeg-match';
import { perImagePsnr } from '../math/reconstruction';
import { CODE_LAYER, bottleneckOf, decoderOf, encoderOf } from './models-autoencoder';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** An uncompressed 28×28 8-bit grey image: one byte per pixel. */
export const RAW_BYTES_PER_IMAGE = PIXELS;
export const DEFAULT_CODE_BITS = 8;
/** Per-image PSNRs are capped here before averaging: an exact copy would otherwise make the mean infinite. */
export const PSNR_CAP_DB = 60;

/** 8-bit grey pixels, row-major. */
export interface Gray8 {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** One JPEG file: its size, and its pixels decoded back to 8-bit grey. */
export interface EncodedJpeg {
  bytes: number;
  decode(): Promise<Uint8Array>;
}

/** Encodes a grey image as a JPEG file at quality q ∈ (0, 1]. In the browser: canvas.toBlob. */
export type JpegCodec = (image: Gray8, quality: number) => Promise<EncodedJpeg>;

export type CompressionView = 'single' | 'sheet';

export interface CompressionRow {
  /** Which image set, e.g. 'mnist'. */
  set: string;
  view: CompressionView;
  images: number;
  /** Bytes per image of the quantised code (header included). */
  aeBytes: number;
  /** Mean per-image PSNR (dB) of the autoencoder's reconstruction from the quantised code. */
  aePsnr: number;
  /** The same without quantising the code: what quantisation costs. */
  aePsnrUnquantised: number;
  /** Bytes per image of the JPEG ('sheet': the file's size divided by the images in it). */
  jpegBytes: number;
  /** Mean chosen quality ('sheet': the one file's). */
  jpegQuality: number;
  /** Mean per-image PSNR (dB) of the JPEG round trip. */
  jpegPsnr: number;
  /** Every JPEG fitted within the autoencoder's bytes. */
  jpegFitted: boolean;
  /** How many JPEG files fitted, of `jpegFiles`. */
  jpegFittedFiles: number;
  jpegFiles: number;
}

export interface ImageBatch {
  set: string;
  /** count × 784 grey levels 0..255. */
  images: Uint8Array;
  count: number;
}

export interface CompareOptions {
  bits?: number;
  /** Tiles per row of the sprite sheet (default 10). */
  sheetColumns?: number;
  /** Called between images of the JPEG search so a page can yield (default: none). */
  pause?: () => Promise<void>;
}

const meanCapped = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.min(values[i]!, PSNR_CAP_DB);
  return sum / values.length;
};

const toUnit = (bytes: ArrayLike<number>): Float32Array => Float32Array.from(bytes, (v) => v / 255);

function checkBatch(batch: ImageBatch): void {
  if (!(Number.isInteger(batch.count) && batch.count > 0)) throw new Error(`${batch.set}: need at least one image, got ${batch.count}`);
  if (batch.images.length !== batch.count * PIXELS) throw new Error(`${batch.set}: ${batch.count} images need ${batch.count * PIXELS} pixels, got ${batch.images.length}`);
}

export interface AutoencoderReconstruction {
  /** count × 784 reconstructions from the quantised codes, values in [0, 1]. */
  quantised: Float32Array;
  /** count × 784 reconstructions from the exact codes. */
  exact: Float32Array;
  bytesPerImage: number;
}

/**
 * Runs images through the autoencoder twice: from the exact code, and from the code quantised
 * to `bits` bits per value. Leaves no tensors behind (the decoder it builds is disposed; the
 * encoder shares the autoencoder's weights and must not be).
 */
export async function reconstructWithCode(model: tf.LayersModel, batch: ImageBatch, bits = DEFAULT_CODE_BITS): Promise<AutoencoderReconstruction> {
  checkBatch(batch);
  const k = bottleneckOf(model);
  const encoder = encoderOf(model);
  const decoder = decoderOf(model);
  try {
    const input = tf.tidy(() => tf.tensor4d(batch.images, [batch.count, SIDE, SIDE, 1], 'int32').toFloat().div(255));
    const code = encoder.predict(input) as tf.Tensor;
    const direct = decoder.predict(code) as tf.Tensor;
    const codes = await code.data();
    tf.dispose([input, code]);
    const exact = Float32Array.from(await direct.data());
    direct.dispose();
    const rounded = new Float32Array(codes.length);
    for (let n = 0; n < batch.count; n++) rounded.set(dequantiseCode(quantiseCode(codes.subarray(n * k, (n + 1) * k), bits)), n * k);
    const roundedCode = tf.tensor2d(rounded, [batch.count, k]);
    const output = decoder.predict(roundedCode) as tf.Tensor;
    roundedCode.dispose();
    const quantised = Float32Array.from(await output.data());
    output.dispose();
    return { quantised, exact, bytesPerImage: codeSizeBytes(k, bits) };
  } finally {
    decoder.dispose();
  }
}

/** Tiles images (count × 784) into a sheet `columns` tiles wide; empty tiles stay black. */
export function tileSheet(images: Uint8Array, count: number, columns: number): Gray8 {
  if (!(Number.isInteger(columns) && columns > 0)) throw new Error(`tileSheet: columns must be a positive whole number, got ${columns}`);
  const cols = Math.min(columns, count);
  const rows = Math.ceil(count / cols);
  const width = cols * SIDE;
  const pixels = new Uint8Array(width * rows * SIDE);
  for (let n = 0; n < count; n++) {
    const x0 = (n % cols) * SIDE;
    const y0 = Math.floor(n / cols) * SIDE;
    for (let y = 0; y < SIDE; y++) pixels.set(images.subarray(n * PIXELS + y * SIDE, n * PIXELS + (y + 1) * SIDE), (y0 + y) * width + x0);
  }
  return { width, height: rows * SIDE, pixels };
}

/** The inverse of tileSheet: the first `count` tiles back as count × 784. */
export function untileSheet(sheet: Gray8, count: number, columns: number): Uint8Array {
  const cols = Math.min(columns, count);
  const out = new Uint8Array(count * PIXELS);
  for (let n = 0; n < count; n++) {
    const x0 = (n % cols) * SIDE;
    const y0 = Math.floor(n / cols) * SIDE;
    for (let y = 0; y < SIDE; y++) out.set(sheet.pixels.subarray((y0 + y) * sheet.width + x0, (y0 + y) * sheet.width + x0 + SIDE), n * PIXELS + y * SIDE);
  }
  return out;
}

/** Best-fitting JPEG of one image: encodes are cached per quality, so the winner is not encoded twice. */
async function jpegAtBudget(codec: JpegCodec, image: Gray8, budget: number) {
  const files = new Map<number, EncodedJpeg>();
  const match = await matchJpegSize(async (q) => {
    const file = await codec(image, q);
    files.set(q, file);
    return file.bytes;
  }, budget);
  const decoded = await files.get(match.quality)!.decode();
  if (decoded.length !== image.pixels.length) throw new Error(`The JPEG decoded to ${decoded.length} pixels, expected ${image.pixels.length}`);
  return { match, decoded };
}

export interface SetComparison {
  rows: [CompressionRow, CompressionRow];
  /** count × 784 decoded JPEG pixels (0..255) of the 'single' view, for showing examples. */
  jpegSingle: Uint8Array;
  /** count × 784 autoencoder reconstructions from the quantised code, in [0, 1]. */
  autoencoder: Float32Array;
}

/** Measures one image set both ways ('single' and 'sheet' rows). */
export async function compareSet(model: tf.LayersModel, batch: ImageBatch, codec: JpegCodec, options: CompareOptions = {}): Promise<SetComparison> {
  const bits = options.bits ?? DEFAULT_CODE_BITS;
  const ae = await reconstructWithCode(model, batch, bits);
  const original = toUnit(batch.images);
  const aePsnr = meanCapped(perImagePsnr(original, ae.quantised, PIXELS));
  const aePsnrUnquantised = meanCapped(perImagePsnr(original, ae.exact, PIXELS));
  const base = { set: batch.set, images: batch.count, aeBytes: ae.bytesPerImage, aePsnr, aePsnrUnquantised };

  const jpegSingle = new Uint8Array(batch.count * PIXELS);
  let bytes = 0;
  let quality = 0;
  let fitted = 0;
  for (let n = 0; n < batch.count; n++) {
    const image: Gray8 = { width: SIDE, height: SIDE, pixels: batch.images.subarray(n * PIXELS, (n + 1) * PIXELS) };
    const { match, decoded } = await jpegAtBudget(codec, image, ae.bytesPerImage);
    jpegSingle.set(decoded, n * PIXELS);
    bytes += match.bytes;
    quality += match.quality;
    if (match.fitted) fitted++;
    await options.pause?.();
  }
  const single: CompressionRow = {
    ...base, view: 'single', jpegBytes: bytes / batch.count, jpegQuality: quality / batch.count,
    jpegPsnr: meanCapped(perImagePsnr(original, toUnit(jpegSingle), PIXELS)), jpegFitted: fitted === batch.count, jpegFittedFiles: fitted, jpegFiles: batch.count,
  };

  const columns = options.sheetColumns ?? 10;
  const sheet = tileSheet(batch.images, batch.count, columns);
  const { match, decoded } = await jpegAtBudget(codec, sheet, ae.bytesPerImage * batch.count);
  const sheetTiles = untileSheet({ ...sheet, pixels: decoded }, batch.count, columns);
  const sheetRow: CompressionRow = {
    ...base, view: 'sheet', jpegBytes: match.bytes / batch.count, jpegQuality: match.quality,
    jpegPsnr: meanCapped(perImagePsnr(original, toUnit(sheetTiles), PIXELS)), jpegFitted: match.fitted, jpegFittedFiles: match.fitted ? 1 : 0, jpegFiles: 1,
  };
  return { rows: [single, sheetRow], jpegSingle, autoencoder: ae.quantised };
}

/** Weights after the code layer: what a receiver needs to turn codes back into images. */
export function decoderParameters(model: tf.LayersModel): number {
  const layers = model.layers;
  const codeIndex = layers.findIndex((l) => l.name === CODE_LAYER);
  if (codeIndex < 0) throw new Error('This model has no code layer');
  return layers.slice(codeIndex + 1).reduce((sum, l) => sum + l.countParams(), 0);
}

/** Bytes per image once the decoder's `decoderBytes` are shared by `images` images. */
export function amortisedBytes(codeBytes: number, decoderBytes: number, images: number): number {
  if (!(images > 0)) throw new Error(`amortisedBytes: need at least one image, got ${images}`);
  return codeBytes + decoderBytes / images;
}

/**
 * Images after which code + shared decoder costs fewer bytes per image than `jpegBytes` per
 * image: the smallest N with codeBytes + decoderBytes / N < jpegBytes. Infinity if never.
 */
export function breakEvenImages(codeBytes: number, decoderBytes: number, jpegBytes: number): number {
  if (jpegBytes <= codeBytes) return Infinity;
  return Math.floor(decoderBytes / (jpegBytes - codeBytes)) + 1;
}

/**
 * 28×28 patches of a photo, as a digit-sized test: a `grid` × `grid` lattice of square crops of
 * `crop` pixels, evenly spaced from corner to corner, each shrunk to 28×28 by averaging
 * (crop/28)² blocks (box filter: no aliasing, exact when crop is a multiple of 28).
 * Returns count × 784 grey levels, count = grid².
 */
export function photoPatches(photo: GrayImage, grid = 5, crop = 112): Uint8Array {
  if (!(Number.isInteger(crop) && crop >= SIDE && crop % SIDE === 0)) throw new Error(`photoPatches: crop must be a multiple of ${SIDE}, got ${crop}`);
  if (crop > photo.width || crop > photo.height) throw new Error(`photoPatches: a ${crop}-pixel crop does not fit a ${photo.width}×${photo.height} photo`);
  if (!(Number.isInteger(grid) && grid >= 1)) throw new Error(`photoPatches: grid must be a positive whole number, got ${grid}`);
  const block = crop / SIDE;
  const out = new Uint8Array(grid * grid * PIXELS);
  const at = (i: number, span: number) => (grid === 1 ? 0 : Math.round((i * (span - crop)) / (grid - 1)));
  let n = 0;
  for (let gy = 0; gy < grid; gy++) {
    for (let gx = 0; gx < grid; gx++, n++) {
      const x0 = at(gx, photo.width);
      const y0 = at(gy, photo.height);
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) {
          let sum = 0;
          for (let dy = 0; dy < block; dy++) {
            const row = (y0 + y * block + dy) * photo.width + x0 + x * block;
            for (let dx = 0; dx < block; dx++) sum += photo.pixels[row + dx]!;
          }
          out[n * PIXELS + y * SIDE + x] = Math.round(sum / (block * block));
        }
      }
    }
  }
  return out;
}
