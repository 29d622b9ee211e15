/**
 * The browser's own JPEG encoder as a JpegCodec (src/lib/ml/compression.ts): the grey image is
 * drawn on a canvas, `canvas.toBlob(…, 'image/jpeg', q)` gives the whole file (headers
 * included, so its size is what a download would cost), and the file is decoded again with
 * createImageBitmap to measure what survived. Browser only.
 */
import type { EncodedJpeg, Gray8, JpegCodec } from '../../lib/ml/compression';

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser offers no 2D canvas, so it cannot make JPEG files here');
  return ctx;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode a JPEG'))), 'image/jpeg', quality);
  });
}

/** Decodes a JPEG file to grey levels (the red channel: the encoder was given R = G = B). */
async function decodeGrey(blob: Blob, width: number, height: number): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const ctx = context(canvasOf(width, height));
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const out = new Uint8Array(width * height);
  for (let i = 0, o = 0; i < out.length; i++, o += 4) out[i] = rgba[o]!;
  return out;
}

/**
 * A codec that keeps one canvas per image: matching a size encodes the same image at several
 * qualities, so the pixels are uploaded once.
 */
export function browserJpegCodec(): JpegCodec {
  let last: { image: Gray8; canvas: HTMLCanvasElement } | null = null;
  return async (image, quality): Promise<EncodedJpeg> => {
    if (last?.image !== image) {
      const canvas = canvasOf(image.width, image.height);
      const data = new ImageData(image.width, image.height);
      for (let i = 0, o = 0; i < image.pixels.length; i++, o += 4) {
        const v = image.pixels[i]!;
        data.data[o] = v;
        data.data[o + 1] = v;
        data.data[o + 2] = v;
        data.data[o + 3] = 255;
      }
      context(canvas).putImageData(data, 0, 0);
      last = { image, canvas };
    }
    const blob = await toBlob(last.canvas, quality);
    return { bytes: blob.size, decode: () => decodeGrey(blob, image.width, image.height) };
  };
}
