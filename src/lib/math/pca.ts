/**
 * Principal component analysis for a 2-D map of feature vectors: the directions along which the
 * rows vary most, found by power iteration on the covariance matrix with deflation (one
 * component at a time). Enough for a scatter of a few thousand rows of up to ~1,600 numbers;
 * deterministic (a fixed start vector), so the map does not jump between visits.
 */
import type { FeatureRows } from './softmax-regression';

export interface Pca {
  mean: Float64Array;
  /** [components × dims], unit length, strongest first. */
  components: Float64Array[];
  /** Variance of the rows along each component. */
  variances: number[];
}

/** The dims × dims covariance of the rows (divided by count − 1). */
export function covariance(rows: FeatureRows, mean: Float64Array): Float64Array {
  const { dims, count, data } = rows;
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < dims; f++) centred[f] = data[i * dims + f]! - mean[f]!;
    for (let a = 0; a < dims; a++) {
      const ca = centred[a]!;
      if (ca === 0) continue;
      const row = a * dims;
      // Upper triangle only; mirrored below.
      for (let b = a; b < dims; b++) cov[row + b]! += ca * centred[b]!;
    }
  }
  const scale = 1 / Math.max(1, count - 1);
  for (let a = 0; a < dims; a++) {
    for (let b = a; b < dims; b++) {
      const v = cov[a * dims + b]! * scale;
      cov[a * dims + b] = v;
      cov[b * dims + a] = v;
    }
  }
  return cov;
}

export function pca(rows: FeatureRows, components = 2, iterations = 200): Pca {
  const { dims, count, data } = rows;
  const mean = new Float64Array(dims);
  for (let i = 0; i < count; i++) for (let f = 0; f < dims; f++) mean[f]! += data[i * dims + f]! / count;
  const cov = covariance(rows, mean);
  const found: Float64Array[] = [];
  const variances: number[] = [];
  for (let c = 0; c < Math.min(components, dims); c++) {
    // A start vector with every entry non-zero and no symmetry, the same each time.
    let v = new Float64Array(dims).map((_, i) => 1 + ((i * 7919) % 97) / 97);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const next = new Float64Array(dims);
      for (let a = 0; a < dims; a++) {
        let s = 0;
        for (let b = 0; b < dims; b++) s += cov[a * dims + b]! * v[b]!;
        next[a] = s;
      }
      // Deflation: remove what earlier components already explain.
      for (const u of found) {
        let dot = 0;
        for (let f = 0; f < dims; f++) dot += next[f]! * u[f]!;
        for (let f = 0; f < dims; f++) next[f]! -= dot * u[f]!;
      }
      let norm = 0;
      for (let f = 0; f < dims; f++) norm += next[f]! ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      for (let f = 0; f < dims; f++) next[f]! /= norm;
      const change = next.reduce((s, x, f) => s + Math.abs(x - v[f]!), 0);
      v = next;
      lambda = norm;
      if (change < 1e-10) break;
    }
    // A sign convention (largest entry positive) so the map does not mirror between runs.
    let largest = 0;
    for (let f = 1; f < dims; f++) if (Math.abs(v[f]!) > Math.abs(v[largest]!)) largest = f;
    if (v[largest]! < 0) v = v.map((x) => -x);
    found.push(v);
    variances.push(lambda);
  }
  return { mean, components: found, variances };
}

/** Each row's coordinates along the components: [count × components], row-major. */
export function project(rows: FeatureRows, model: Pca): Float64Array {
  const k = model.components.length;
  const out = new Float64Array(rows.count * k);
  for (let i = 0; i < rows.count; i++) {
    for (let c = 0; c < k; c++) {
      const u = model.components[c]!;
      let s = 0;
      for (let f = 0; f < rows.dims; f++) s += (rows.data[i * rows.dims + f]! - model.mean[f]!) * u[f]!;
      out[i * k + c] = s;
    }
  }
  return out;
}
