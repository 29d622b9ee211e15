/**
 * The course photos (public/images/photos.json) as grayscale images. Browser only: decoding a
 * PNG needs createImageBitmap and a canvas.
 */
import type { GrayImage } from '../../lib/math/conv2d';

export interface PhotoEntry {
  id: string;
  title: string;
  file: string;
  width: number;
  height: number;
  alt: string;
  license: string;
  source: string;
}

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
/** Photos larger than this are refused: a frame must stay within a few milliseconds. */
const MAX_SIDE = 1024;

function isPhotoEntry(e: unknown): e is PhotoEntry {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return (
    typeof r['id'] === 'string' && /^[a-z0-9][a-z0-9_-]{0,39}$/.test(r['id']) &&
    typeof r['title'] === 'string' && typeof r['file'] === 'string' && /^[\w./-]+$/.test(r['file']) && !r['file'].includes('..') &&
    typeof r['width'] === 'number' && typeof r['height'] === 'number' &&
    r['width'] > 0 && r['height'] > 0 && r['width'] <= MAX_SIDE && r['height'] <= MAX_SIDE &&
    typeof r['alt'] === 'string'
  );
}

let listPromise: Promise<PhotoEntry[]> | undefined;

/** The photo list; an empty list if it is missing or malformed (the editor then offers the other images). */
export function loadPhotoList(): Promise<PhotoEntry[]> {
  listPromise ??= fetch(`${BASE}images/photos.json`)
    .then((r) => (r.ok ? r.json() : []))
    .then((json: unknown) => {
      const list: unknown[] = Array.isArray(json) ? json : Array.isArray((json as { photos?: unknown })?.photos) ? (json as { photos: unknown[] }).photos : [];
      return list.filter(isPhotoEntry);
    })
    .catch(() => []);
  return listPromise;
}

const photoCache = new Map<string, Promise<GrayImage>>();

/** Decodes a photo to gray levels 0–255 (luma, which is exact for gray PNGs). */
export function loadPhoto(entry: PhotoEntry): Promise<GrayImage> {
  let promise = photoCache.get(entry.id);
  if (!promise) {
    promise = (async () => {
      const response = await fetch(`${BASE}images/${entry.file}`);
      if (!response.ok) throw new Error(`${entry.title}: HTTP ${response.status}`);
      // No colour management: the gray levels must stay the file's own numbers.
      const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const { width, height } = bitmap;
      if (width > MAX_SIDE || height > MAX_SIDE) throw new Error(`${entry.title} is larger than ${MAX_SIDE} pixels`);
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('No 2D canvas');
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const rgba = ctx.getImageData(0, 0, width, height).data;
      const pixels = new Uint8Array(width * height);
      for (let i = 0, o = 0; i < pixels.length; i++, o += 4) {
        pixels[i] = Math.round(0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!);
      }
      return { width, height, pixels };
    })();
    photoCache.set(entry.id, promise);
    promise.catch(() => photoCache.delete(entry.id));
  }
  return promise;
}
