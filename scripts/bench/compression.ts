// Browser side of the JPEG-vs-autoencoder section of `npm run bench` (BENCH_ONLY=compression):
// the lesson widget's own comparison (src/widgets/compression-table/run.ts) with the shipped
// weights (public/models/ae-dense-mnist), this Chromium's JPEG encoder, 100 images per set.
// Exposes window.runCompressionBench() returning plain JSON.
import * as tf from '@tensorflow/tfjs';
import { runComparison } from '../../src/widgets/compression-table/run';
import { decoderParameters, RAW_BYTES_PER_IMAGE, type CompressionRow } from '../../src/lib/ml/compression';

export interface CompressionBenchOptions { images: number; bits: number }

export interface CompressionBenchResult {
  userAgent: string;
  backend: string;
  rows: CompressionRow[];
  /** Decoder weights as shipped (float16). */
  decoderBytes: number;
  rawBytes: number;
  seconds: number;
  error?: string;
}

async function runCompressionBench(options: CompressionBenchOptions): Promise<CompressionBenchResult> {
  const started = performance.now();
  const base = { userAgent: navigator.userAgent, backend: '', rows: [] as CompressionRow[], decoderBytes: 0, rawBytes: RAW_BYTES_PER_IMAGE };
  try {
    await tf.setBackend('cpu'); // what the widget uses
    const model = await tf.loadLayersModel('/models/ae-dense-mnist/model.json');
    try {
      const { rows } = await runComparison(model, { baseUrl: '/', images: options.images, bits: options.bits, examples: 0 });
      return { ...base, backend: tf.getBackend(), rows, decoderBytes: 2 * decoderParameters(model), seconds: (performance.now() - started) / 1000 };
    } finally {
      model.dispose();
    }
  } catch (error) {
    return { ...base, backend: tf.getBackend(), seconds: (performance.now() - started) / 1000, error: error instanceof Error ? error.message : String(error) };
  }
}

(globalThis as unknown as { runCompressionBench: typeof runCompressionBench }).runCompressionBench = runCompressionBench;
