// Runs inside headless Chromium (bundled by scripts/bench.ts). Measures, per backend:
// the 3×3 filter-update latency (what the filter editor does on each keystroke), dense-training
// throughput, and data-shard load time. Exposes window.runBench() returning plain JSON.
import * as tf from '@tensorflow/tfjs';
import { configureWasm } from '../../src/lib/ml/register-backends';
import { BACKEND_NAMES, type BackendName } from '../../src/lib/ml/backends';
import { detectWebGL, detectWebGPU, initBackend, measureThroughput } from '../../src/lib/ml/probe';
import { convolve3x3, type Kernel3x3 } from '../../src/lib/math/conv2d';
import { mulberry32 } from '../../src/lib/ml/random';
import { loadImageSet } from '../../src/lib/data/loader';
import type { DatasetId, SplitId } from '../../src/lib/data/datasets';
import './course-cnn'; // window.runCourseCnnBench, for the course-CNN section (course-cnn-run.ts)
import './bare-fit'; // window.runBareFit, for the cell-vs-fit section (cell-vs-fit.ts)
import './compression'; // window.runCompressionBench, for the JPEG-vs-autoencoder section (compression-run.ts)
import './vae'; // window.runVaeBench, for the VAE section (vae-run.ts)
import './retrieval'; // window.runRetrievalBench, for lesson 6's retrieval section (retrieval-run.ts)
import './features'; // window.runFeaturesBench, for lesson 6's extraction and fit times (features-run.ts)
import './superres'; // window.runSuperresBench, for lesson 10's training speed and photo pass (superres-run.ts)

export interface LatencyStats { median: number; p95: number; n: number }
export interface BenchResult {
  userAgent: string;
  crossOriginIsolated: boolean;
  renderers: { webgl: string | null; webgpu: string | null };
  filter: Record<string, Record<string, LatencyStats | string>>;
  dense: Record<string, number | string>;
  conv: Record<string, number | string>;
  data: Array<{ label: string; bytes: number; coldMs: number; cachedMs: number; cachedFromCache: boolean } | { label: string; error: string }>;
}

export interface BenchOptions { updates: number; sizes: number[]; trainMs: number; data: Array<[DatasetId, SplitId]> }

function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), n: samples.length };
}

/** A new kernel per update, like a reader typing values. */
function kernels(count: number): Kernel3x3[] {
  const random = mulberry32(7);
  return Array.from({ length: count }, () => Array.from({ length: 9 }, () => Math.round((random() * 4 - 2) * 10) / 10) as unknown as Kernel3x3);
}

function image(size: number): Float32Array {
  const random = mulberry32(size);
  return Float32Array.from({ length: size * size }, () => Math.floor(random() * 256));
}

const WARM_UP = 5;

function benchTsLoop(size: number, updates: number): LatencyStats {
  const pixels = image(size);
  const img = { width: size, height: size, pixels };
  const out = new Float32Array(size * size);
  const ks = kernels(updates + WARM_UP);
  const samples: number[] = [];
  ks.forEach((k, i) => {
    const t = performance.now();
    convolve3x3(img, k, out);
    if (i >= WARM_UP) samples.push(performance.now() - t);
  });
  return stats(samples);
}

/** One update = upload the kernel, conv2d 'same', read the result back into a Float32Array. */
async function benchTf(size: number, updates: number): Promise<LatencyStats> {
  const input = tf.tensor4d(image(size), [1, size, size, 1]);
  const ks = kernels(updates + WARM_UP);
  const samples: number[] = [];
  try {
    for (let i = 0; i < ks.length; i++) {
      const t = performance.now();
      const out = tf.tidy(() => tf.conv2d(input, tf.tensor4d([...ks[i]!], [3, 3, 1, 1]), 1, 'same'));
      const values = (await out.data()) as Float32Array;
      out.dispose();
      if (values.length !== size * size) throw new Error('wrong output size');
      if (i >= WARM_UP) samples.push(performance.now() - t);
    }
  } finally {
    input.dispose();
  }
  return stats(samples);
}

async function benchData(dataset: DatasetId, split: SplitId): Promise<BenchResult['data'][number]> {
  const label = `${dataset} ${split}`;
  try {
    for (const key of await caches.keys()) await caches.delete(key);
    let bytes = 0;
    let t = performance.now();
    const cold = await loadImageSet(dataset, split, { baseUrl: '/data/', onProgress: (p) => (bytes = p.totalBytes) });
    const coldMs = performance.now() - t;
    let fromCache = false;
    t = performance.now();
    await loadImageSet(dataset, split, { baseUrl: '/data/', onProgress: (p) => (fromCache = p.fromCache) });
    const cachedMs = performance.now() - t;
    return { label: `${label} (${cold.count.toLocaleString('en-US')} images)`, bytes, coldMs, cachedMs, cachedFromCache: fromCache };
  } catch (error) {
    return { label, error: error instanceof Error ? error.message : String(error) };
  }
}

async function runBench(options: BenchOptions): Promise<BenchResult> {
  configureWasm('');
  const webgl = detectWebGL();
  const webgpu = await detectWebGPU();
  const result: BenchResult = {
    userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated,
    renderers: { webgl: webgl?.renderer ?? null, webgpu: webgpu?.renderer ?? null },
    filter: { 'plain TS loop': {} }, dense: {}, conv: {}, data: [],
  };
  for (const size of options.sizes) result.filter['plain TS loop']![`${size}`] = benchTsLoop(size, options.updates);
  for (const backend of BACKEND_NAMES as readonly BackendName[]) {
    const name = `tfjs ${backend}`;
    result.filter[name] = {};
    const init = backend === 'webgpu' && !webgpu ? { ok: false, error: 'no WebGPU adapter' } : await initBackend(backend);
    if (!init.ok) {
      for (const size of options.sizes) result.filter[name]![`${size}`] = `unavailable: ${init.error ?? ''}`;
      result.dense[backend] = result.conv[backend] = 'unavailable';
      continue;
    }
    for (const size of options.sizes) {
      try {
        result.filter[name]![`${size}`] = await benchTf(size, options.updates);
      } catch (error) {
        result.filter[name]![`${size}`] = `failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    result.dense[backend] = await measureThroughput('dense-training', options.trainMs).catch((e: unknown) => `failed: ${String(e)}`);
    const software = (backend === 'webgl' && webgl?.software) || (backend === 'webgpu' && webgpu?.software);
    result.conv[backend] = software ? await measureThroughput('conv-training', 200).catch((e: unknown) => `failed: ${String(e)}`)
      : await measureThroughput('conv-training', options.trainMs).catch((e: unknown) => `failed: ${String(e)}`);
  }
  for (const [dataset, split] of options.data) result.data.push(await benchData(dataset, split));
  return result;
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
