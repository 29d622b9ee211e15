/**
 * The comparison widget's state: one run at a time, its progress, its result, and the model's
 * life cycle (loaded for the run and disposed after it, so the page keeps no tensors).
 */
import type { CompressionRow } from '../../lib/ml/compression';
import type { SetExamples } from './run';
import type { AmortisedView } from './reading';

export interface CompressionOptions {
  storeKey: string;
  /** Site base with a trailing slash. */
  baseUrl: string;
  /** Folder of the shipped weights under the site, e.g. "models/ae-dense-mnist". */
  pretrained: string;
  images: number;
  bits: number;
}

export class CompressionTableState {
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  step = $state('');
  error = $state('');
  rows = $state.raw<CompressionRow[]>([]);
  examples = $state.raw<SetExamples[]>([]);
  modelLabel = $state('');
  modelSource = $state<'stored' | 'shipped' | null>(null);
  decoderBytes = $state(0);
  seconds = $state(0);
  sentences = $state.raw<string[]>([]);
  amortised = $state.raw<AmortisedView | null>(null);
  private controller: AbortController | null = null;

  constructor(private readonly options: CompressionOptions) {}

  async run(): Promise<void> {
    if (this.status === 'running') return;
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.status = 'running';
    this.error = '';
    this.step = 'Loading the autoencoder…';
    const started = performance.now();
    let dispose: (() => void) | null = null;
    try {
      // tfjs and the measuring code load only when the reader asks for them.
      const [{ loadAutoencoder, runComparison }, { readComparison, amortisedView }] = await Promise.all([import('./run'), import('./reading')]);
      const { baseUrl, pretrained, storeKey, images, bits } = this.options;
      const loaded = await loadAutoencoder(storeKey, `${baseUrl}${pretrained.replace(/\/?$/, '/')}`);
      dispose = () => loaded.release();
      this.modelLabel = loaded.label;
      this.modelSource = loaded.source;
      const result = await runComparison(loaded.model, { baseUrl, images, bits, examples: 4, signal, onStep: (m) => (this.step = m) });
      if (signal.aborted) return;
      this.decoderBytes = loaded.decoderBytes;
      this.rows = result.rows;
      this.examples = result.examples;
      this.sentences = readComparison(result.rows, loaded.decoderBytes);
      this.amortised = amortisedView(result.rows, loaded.decoderBytes);
      this.seconds = (performance.now() - started) / 1000;
      this.status = 'done';
      this.step = '';
    } catch (error) {
      if (signal.aborted) return;
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      dispose?.();
    }
  }

  /** Stops a run (the widget unmounts). */
  destroy(): void {
    this.controller?.abort();
  }
}
