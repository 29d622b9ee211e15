// Browser side of the features section of `npm run bench` (BENCH_ONLY=features): lesson 6's
// costs per backend. Feature extraction through the shipped CNN (images per second, dense and
// conv layers), and softmax regression fitted the way the training cell does (trainOnBatch, Adam)
// on 1,000 rows for 480 steps (30 epochs of 16 batches of 64). Random inputs: the time does not
// depend on the values. Exposes window.runFeaturesBench().
import * as tf from '@tensorflow/tfjs';
import { extractFeatures, featureModel } from '../../src/lib/ml/feature-extractor';
import { initBackend } from '../../src/lib/ml/probe';
import { mulberry32 } from '../../src/lib/ml/random';
import { configureWasm } from '../../src/lib/ml/register-backends';
import { buildSoftmaxRegression } from '../../src/lib/tasks/features/model';

export interface FeaturesBench {
  backend: string;
  /** Images per second through the cut network, by layer (after one warm-up batch). */
  extraction: Record<'cnn-dense' | 'cnn-flatten', number> | string;
  /** Seconds for 480 steps of softmax regression, by feature width. */
  fit: Record<'128' | '1600', number> | string;
}

async function extractionRate(cnn: tf.LayersModel, layer: 'cnn-dense' | 'cnn-flatten', count: number): Promise<number> {
  const random = mulberry32(3);
  const images = Float32Array.from({ length: count * 784 }, () => random());
  const cut = featureModel(cnn, layer);
  await extractFeatures(cut, images, 256); // warm-up: shader compilation, kernel set-up
  const t0 = performance.now();
  await extractFeatures(cut, images, count);
  return count / ((performance.now() - t0) / 1000);
}

async function fitSeconds(dims: number): Promise<number> {
  const random = mulberry32(dims);
  const rows = 1000;
  const model = buildSoftmaxRegression(dims, 1);
  const optimizer = tf.train.adam(0.003);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.tensor2d(Float32Array.from({ length: rows * dims }, () => random()), [rows, dims]);
  const ys = tf.oneHot(tf.tensor1d(Int32Array.from({ length: rows }, () => Math.floor(random() * 10)), 'int32'), 10);
  const t0 = performance.now();
  for (let epoch = 0; epoch < 30; epoch++) {
    for (let start = 0; start < rows; start += 64) {
      const size = Math.min(64, rows - start);
      const [x, y] = [xs.slice(start, size), ys.slice(start, size)];
      await model.trainOnBatch(x, y);
      tf.dispose([x, y]);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([xs, ys]);
  model.dispose();
  optimizer.dispose();
  return seconds;
}

async function runFeaturesBench(options: { images: number; backends: string[] }): Promise<FeaturesBench[]> {
  configureWasm('');
  const out: FeaturesBench[] = [];
  for (const backend of options.backends) {
    const init = await initBackend(backend as never);
    if (!init.ok) {
      out.push({ backend, extraction: `unavailable: ${init.error ?? ''}`, fit: 'unavailable' });
      continue;
    }
    const cnn = await tf.loadLayersModel('/models/cnn-fashion/model.json');
    try {
      const extraction = { 'cnn-dense': await extractionRate(cnn, 'cnn-dense', options.images), 'cnn-flatten': await extractionRate(cnn, 'cnn-flatten', options.images) };
      out.push({ backend, extraction, fit: { 128: await fitSeconds(128), 1600: await fitSeconds(1600) } });
    } catch (error) {
      out.push({ backend, extraction: `failed: ${error instanceof Error ? error.message : String(error)}`, fit: 'failed' });
    } finally {
      cnn.dispose();
    }
  }
  return out;
}

(globalThis as unknown as { runFeaturesBench: typeof runFeaturesBench }).runFeaturesBench = runFeaturesBench;
