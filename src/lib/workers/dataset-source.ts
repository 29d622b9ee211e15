/**
 * Loads a named data set inside the worker through src/lib/data/loader.ts. The loader is
 * written separately; import.meta.glob finds it when it exists, so this module builds either way.
 * Expected API: loadImageSet(dataset, split, { limit, baseUrl: '<site base>/data/' }) → { images: Uint8Array, labels: Uint8Array }.
 */
import type { DataSource } from './protocol';

interface ImageSetLike {
  images: Uint8Array;
  labels: Uint8Array;
}
interface LoaderModule {
  loadImageSet: (dataset: string, split: string, options: { limit: number; baseUrl: string }) => Promise<ImageSetLike>;
}

const loaders = import.meta.glob<LoaderModule>('../data/loader.ts');

export function datasetLoaderAvailable(): boolean {
  return Object.keys(loaders).length > 0;
}

export async function loadDatasetInWorker(source: Extract<DataSource, { kind: 'dataset' }>, baseUrl: string): Promise<ImageSetLike> {
  const importLoader = Object.values(loaders)[0];
  if (!importLoader) throw new Error('The data loader (src/lib/data/loader.ts) is not part of this build yet');
  const { loadImageSet } = await importLoader();
  // The loader's baseUrl is the data folder (where manifest.json lives); ours is the site's base path.
  const set = await loadImageSet(source.dataset, source.split, { limit: source.limit, baseUrl: `${baseUrl}/data/` });
  if (!(set.images instanceof Uint8Array) || !(set.labels instanceof Uint8Array)) {
    throw new Error('loadImageSet() returned an unexpected shape: expected { images: Uint8Array, labels: Uint8Array }');
  }
  return set;
}
