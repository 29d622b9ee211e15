/**
 * State of the "Your device" check: the backend probe (in the training worker) and a short
 * real training run per backend. View logic only; the measuring lives in src/lib/ml.
 */
import {
  BACKEND_LABELS, WORK_KINDS, parseBackendOverride,
  type BackendChoice, type BackendName, type BackendProbe, type WorkKind,
} from '../../lib/ml/backends';
import { DEFAULT_HYPER_PARAMETERS } from '../../lib/ml/model-info';
import { datasetLoaderAvailable } from '../../lib/workers/dataset-source';
import type { DataSource, DonePayload, ProgressPayload } from '../../lib/workers/protocol';
import { TrainingClient } from '../../lib/workers/training-client';

/** Seconds of training per backend in the speed test. */
export const SPEED_TEST_SECONDS = 2;
/** Examples the speed test trains on (cycled through for as many epochs as 2 s allow). */
export const SPEED_TEST_EXAMPLES = 2048;
const SPEED_TEST_SEED = 2024;

export interface SpeedResult {
  backend: BackendName;
  examplesPerSecond: number | null;
  firstLoss: number | null;
  lastLoss: number | null;
  note: string;
}

export class DeviceCheckState {
  probeStatus = $state<'idle' | 'probing' | 'done' | 'error'>('idle');
  probes = $state<BackendProbe[]>([]);
  choices = $state<Record<WorkKind, BackendChoice> | null>(null);
  probeCached = $state(false);
  probeTakenAt = $state<number | null>(null);
  speedStatus = $state<'idle' | 'running' | 'stopped' | 'done'>('idle');
  current = $state<ProgressPayload | null>(null);
  results = $state<SpeedResult[]>([]);
  error = $state<string | null>(null);
  announcement = $state('');
  readonly isolated: boolean;
  readonly forced: BackendName | null;
  readonly dataLabel: string;

  private readonly client: TrainingClient;
  private queue: BackendName[] = [];
  private firstLoss: number | null = null;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(baseUrl: string) {
    this.isolated = globalThis.crossOriginIsolated === true;
    this.forced = parseBackendOverride(globalThis.location?.search ?? '');
    this.dataLabel = datasetLoaderAvailable() ? `${SPEED_TEST_EXAMPLES.toLocaleString('en-US')} MNIST training images` : `${SPEED_TEST_EXAMPLES.toLocaleString('en-US')} synthetic 28×28 images`;
    this.client = new TrainingClient({ baseUrl, forcedBackend: this.forced });
    this.unsubscribe.push(
      this.client.on('probe-progress', (probe) => {
        this.probes = [...this.probes.filter((p) => p.backend !== probe.backend), probe];
      }),
      this.client.on('progress', (p) => {
        this.firstLoss ??= p.loss;
        this.current = p;
      }),
      this.client.on('done', (d) => this.finishBackend(d)),
      this.client.on('stopped', () => {
        this.speedStatus = 'stopped';
        this.queue = [];
        this.announcement = 'Speed test stopped.';
      }),
      this.client.on('error', (e) => {
        if (this.speedStatus === 'running' && this.current) {
          this.results = [...this.results, { backend: this.current.backend, examplesPerSecond: null, firstLoss: null, lastLoss: null, note: e.message }];
          this.next();
        } else this.error = e.message;
      }),
    );
  }

  /** Measures the backends (or reuses this browser's cached measurement unless `force`). */
  async probe(force = false): Promise<void> {
    if (this.client.busy) return;
    this.probeStatus = 'probing';
    this.error = null;
    if (force) this.probes = [];
    this.announcement = 'Measuring the backends…';
    try {
      const result = await this.client.probe({ force });
      this.probes = result.report.probes;
      this.choices = result.choices;
      this.probeCached = result.cached;
      this.probeTakenAt = result.report.takenAt;
      this.probeStatus = 'done';
      const dense = result.choices['dense-training'];
      this.announcement = `Measurement done. Dense training runs on ${BACKEND_LABELS[dense.backend]}.`;
    } catch (error) {
      this.probeStatus = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Backends the speed test will run: every available one, fastest-probed first. */
  get testable(): BackendName[] {
    return this.probes
      .filter((p) => p.available)
      .sort((a, b) => (b.examplesPerSecond['dense-training'] ?? 0) - (a.examplesPerSecond['dense-training'] ?? 0))
      .map((p) => p.backend);
  }

  /** Trains the dense net for ~2 s on each available backend in turn. */
  measureSpeed(): void {
    if (this.client.busy || this.testable.length === 0) return;
    this.results = [];
    this.queue = [...this.testable];
    this.speedStatus = 'running';
    this.announcement = `Training for ${SPEED_TEST_SECONDS} seconds on each of ${this.queue.length} backends…`;
    this.next();
  }

  stop(): void {
    this.queue = [];
    this.client.stop();
  }

  destroy(): void {
    this.unsubscribe.forEach((off) => off());
    this.client.terminate();
  }

  private next(): void {
    const backend = this.queue.shift();
    if (!backend) {
      this.speedStatus = 'done';
      this.current = null;
      const best = [...this.results].sort((a, b) => (b.examplesPerSecond ?? 0) - (a.examplesPerSecond ?? 0))[0];
      this.announcement = best ? `Speed test done. Fastest: ${BACKEND_LABELS[best.backend]}, ${Math.round(best.examplesPerSecond ?? 0)} examples per second.` : 'Speed test done.';
      return;
    }
    this.firstLoss = null;
    this.current = null;
    const data: DataSource = datasetLoaderAvailable()
      ? { kind: 'dataset', dataset: 'mnist', split: 'train', limit: SPEED_TEST_EXAMPLES }
      : { kind: 'synthetic', count: SPEED_TEST_EXAMPLES };
    this.client.start({
      task: 'classifier', model: 'dense-784-128-10', hyper: { ...DEFAULT_HYPER_PARAMETERS, epochs: 100 }, seed: SPEED_TEST_SEED,
      backend, data, maxSeconds: SPEED_TEST_SECONDS,
    });
  }

  private finishBackend(done: DonePayload): void {
    const software = this.probes.find((p) => p.backend === done.backend)?.software;
    this.results = [...this.results, {
      backend: done.backend,
      examplesPerSecond: done.examplesPerSecond,
      firstLoss: this.firstLoss,
      lastLoss: this.current?.loss ?? done.loss,
      note: software ? 'software renderer' : '',
    }];
    this.next();
  }
}

export { WORK_KINDS };
