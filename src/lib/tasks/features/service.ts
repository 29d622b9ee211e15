/**
 * Feature rows on request, without training: lesson 6's retrieval index (10,000 test images
 * through the frozen network) and the reader's drawing as a query. Shares the extraction and its
 * caches with the training task (extract.ts), so the rows of a set are computed once.
 */
import { meanPrecisionAtTensors } from '../../ml/precision-at';
import { pca, project } from '../../math/pca';
import type { TrainingTensors } from '../../ml/train-loop';
import type { DataSource } from '../schema';
import { featureRows, loadedSetName, openExtractor, type RowsSource } from './extract';
import type { PrepareTools } from '../task-module';
import type { FeaturesRequest } from './schema';

export interface FeaturesResult {
  /** [count × dims] row-major; empty when the request asked for figures only. */
  rows: Float32Array;
  dims: number;
  labels: Uint8Array;
  origin: 'none' | 'yours' | 'shipped';
  note?: string;
  /** Where the rows came from: this worker's memory, the browser's rows store (an earlier visit), or the network just now. */
  from: RowsSource;
  /** Mean precision@k over the first `precision.queries` rows, each against all others. */
  precision?: number;
  /** [points × 2]: the first `map.points` rows on their first two principal components. */
  map?: Float32Array;
}

/** The task's preparation tools, and how to load a requested set. */
export interface FeatureServiceDeps extends PrepareTools {
  load: (source: DataSource) => Promise<TrainingTensors>;
}

/** The seed a request's synthetic images are made with (the handler's loader). */
export const REQUEST_SEED = 0;

export async function computeFeatures(p: FeaturesRequest, deps: FeatureServiceDeps): Promise<FeaturesResult> {
  const set = await deps.load(p.data);
  try {
    const extractor = await openExtractor(p.features, p.preferStored !== false, p.baseUrl, deps.store);
    try {
      const stage = p.features === 'pixels' ? 'Reading the pixels of the images' : 'Computing deep features of the images';
      const { rows, dims, labels, from } = await featureRows(extractor, set, loadedSetName(p.data, REQUEST_SEED), (done, total) => deps.progress(stage, done, total), deps.rows);
      const count = labels.length;
      let precision: number | undefined;
      if (p.precision) {
        deps.progress('Measuring precision@10 over the test queries', 0, 1);
        precision = await meanPrecisionAtTensors(rows, count, dims, labels, p.precision.queries, p.precision.k, p.precision.metric);
      }
      let map: Float32Array | undefined;
      if (p.map) {
        deps.progress('Computing the 2-D map', 0, 1);
        const points = { data: rows.subarray(0, Math.min(p.map.points, count) * dims), count: Math.min(p.map.points, count), dims };
        map = Float32Array.from(project(points, pca(points, 2)));
      }
      return {
        ...(map ? { map } : {}),
        // A copy: the cache keeps its own rows, and the page may take these (transfer).
        rows: p.returnRows === false ? new Float32Array(0) : rows.slice(), dims, labels: Uint8Array.from(labels),
        origin: extractor.origin, from, ...(extractor.note ? { note: extractor.note } : {}), ...(precision !== undefined ? { precision } : {}),
      };
    } finally {
      extractor.dispose();
    }
  } finally {
    set.xs.dispose();
    set.labels.dispose();
  }
}
