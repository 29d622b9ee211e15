/**
 * The retrieval widget's rules, framework-free and tested: how many hits a reader may ask for,
 * when a drawing counts as drawn, and a query's hits in both spaces with their classes.
 */
import { nearest, precisionAt, type Hit, type Metric } from '../../lib/math/nearest';

/** Test images indexed, and the first of them used as queries for precision@10. */
export const INDEX_SIZE = 10_000;
export const PRECISION_QUERIES = 1_000;
/** Test images on the 2-D maps: enough to show the classes' shapes, few enough to see single points. */
export const MAP_POINTS = 1_000;
/** More hits than this would not fit on a screen, and say nothing more. */
export const MAX_K = 50;

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** The reader's k, or why not ("" → ask for a number; 0, 10,000, 2.5 → the allowed range). */
export function parseK(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Enter how many similar images to show, from 1 to ${MAX_K}.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || !Number.isInteger(value)) return { ok: false, message: `k must be a whole number from 1 to ${MAX_K}; “${trimmed}” is not.` };
  if (value < 1 || value > MAX_K) return { ok: false, message: `k must be from 1 to ${MAX_K}; ${value.toLocaleString('en-US')} is ${value < 1 ? 'too few to show anything' : 'more than fit on the screen'}.` };
  return { ok: true, value };
}

/** A drawing counts once a few pixels carry ink: an empty pad would match the emptiest images. */
export function hasInk(pixels: ArrayLike<number>, minimum = 8): boolean {
  let inked = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > 127 && ++inked >= minimum) return true;
  return false;
}

/** The test index as rows of 0…1 pixels, for Euclidean search in pixel space. */
export function pixelRows(images: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count * 784);
  for (let i = 0; i < out.length; i++) out[i] = images[i]! / 255;
  return out;
}

export interface SpaceHits {
  hits: Hit[];
  /** Share of hits of the query's class; null for a drawing (no label). */
  precision: number | null;
}

/** The k nearest index rows to a query row in one space; `self` leaves the query's own row out. */
export function search(rows: Float32Array, dims: number, query: ArrayLike<number>, k: number, metric: Metric, labels: ArrayLike<number>,
  own: { index: number; label: number } | null, norms?: Float64Array): SpaceHits {
  const count = rows.length / dims;
  const hits = nearest({ data: rows, count, dims }, query, k, metric, { ...(own ? { skip: own.index } : {}), ...(norms ? { norms } : {}) });
  return { hits, precision: own ? precisionAt(hits, labels, own.label) : null };
}
