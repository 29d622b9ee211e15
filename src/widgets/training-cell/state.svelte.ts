/**
 * State of one training cell: the reader's settings, the run's status, live curves and the
 * result. Training happens in the worker (TrainingClient); this class only keeps what the view
 * draws. One run at a time: every action checks `status` synchronously, so a double click or a
 * second Train does nothing while a run is under way.
 */
import { BACKEND_LABELS, chooseBackend, parseBackendOverride, type BackendChoice, type ProbeReport } from '../../lib/ml/backends';
import { browserStorage, loadCachedReport } from '../../lib/ml/probe-cache';
import { describeRecord, announceModelSaved, browserModelStore, type ModelRecord } from '../../lib/ml/model-store';
import type { DonePayload, EpochPayload, ProgressPayload, StartPayload } from '../../lib/workers/protocol';
import { TrainingClient } from '../../lib/workers/training-client';
import { MODELS, type Task } from '../../lib/ml/models';
import { logRun, announceCellSettings } from '../../lib/ml/run-log';
import { DEFAULT_SETTINGS, estimateSeconds, formatSeconds, percent, pickTrainSize, type CellSettings } from './settings';
import { pretrainedRequest, runSummary, trainRequest } from './run-payload';
import type { CellOptions, CellStatus, CurvePoint, Estimate, ReferenceRun } from './types';

export type { CellOptions, CellStatus, CurvePoint, Estimate, ReferenceRun } from './types';

/** No word from a running worker for this long (tab visible) means its backend hangs. */
const STALL_MS = 30_000;

/** At most one curve point per this many ms (keeps the SVG light on fast backends). */
const CURVE_INTERVAL_MS = 250;

export class TrainingCellState {
  settings = $state<CellSettings>({ ...DEFAULT_SETTINGS });
  status = $state<CellStatus>('idle');
  progress = $state<ProgressPayload | null>(null);
  backend = $state<BackendChoice | null>(null);
  trainCurve = $state<CurvePoint[]>([]);
  epochStats = $state<EpochPayload[]>([]);
  result = $state<DonePayload | null>(null);
  stored = $state<ModelRecord | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  announcement = $state('');
  examples = $state(0);
  checkpoint = $state<ModelRecord | null>(null);
  reference = $state<ReferenceRun | null>(null);
  estimate = $state<Estimate | null>(null);
  measuring = $state(false);
  /** The reader changed the training-set size: the probe must not override it. */
  sizeChosen = false;

  readonly busy = $derived(['starting', 'running', 'stopping', 'evaluating'].includes(this.status));
  readonly canTrain = $derived(!this.busy);
  readonly canStop = $derived(this.status === 'running' || this.status === 'starting');
  readonly canResume = $derived(this.status === 'stopped');
  readonly storedLabel = $derived(this.stored ? describeRecord(this.stored) : null);
  readonly estimatedSeconds = $derived(this.estimate ? estimateSeconds(this.estimate.examplesPerSecond, this.settings) : null);

  private client: TrainingClient | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastActivity = 0;
  private recovered = false;
  private unsubscribe: Array<() => void> = [];
  private lastCurveAt = -Infinity;
  private runSettings: CellSettings = { ...DEFAULT_SETTINGS };

  constructor(readonly options: CellOptions) {
    this.settings = { ...DEFAULT_SETTINGS, dataset: options.dataset, ...options.defaults };
  }

  get task(): Task {
    return MODELS[this.options.model].task;
  }

  /** Tells islands that follow this cell (a diagram of the network) its current settings. */
  announceSettings(): void {
    const { bottleneck, dataset } = this.settings;
    announceCellSettings({ storeKey: this.options.storeKey, model: this.options.model, dataset, ...(this.task === 'reconstruct' ? { bottleneck } : {}) });
  }

  /** Reads the model this cell stored earlier (a reload keeps it) and any unfinished run's checkpoint. */
  async loadStored(): Promise<void> {
    try {
      const store = browserModelStore();
      this.stored = (await store?.get(this.options.storeKey)) ?? null;
      this.checkpoint = (await store?.get(this.checkpointKey)) ?? null;
    } catch {
      this.stored = null; // storage blocked: the cell still trains
      this.checkpoint = null;
    }
  }

  get checkpointKey(): string {
    return `${this.options.storeKey}-checkpoint`;
  }

  /** Continues a run that a reload (or closing the tab) interrupted, from its last finished epoch. */
  continueCheckpoint(): void {
    const c = this.checkpoint;
    if (this.busy || !c || !c.totalEpochs) return;
    this.settings = {
      ...this.settings, epochs: c.totalEpochs, batchSize: c.hyper.batchSize, learningRate: c.hyper.learningRate, trainSize: c.trainExamples, seed: c.seed, dataset: c.dataset,
      ...(c.hiddenUnits ? { hiddenUnits: c.hiddenUnits } : {}), ...(c.bottleneck ? { bottleneck: c.bottleneck } : {}),
    };
    this.sizeChosen = true;
    this.checkpoint = null;
    this.startRun({ initialWeights: { kind: 'store', key: this.checkpointKey }, startEpoch: c.epochs });
  }

  /** Forgets an interrupted run. */
  async discardCheckpoint(): Promise<void> {
    this.checkpoint = null;
    await browserModelStore()?.remove(this.checkpointKey).catch(() => undefined);
  }

  /** The reference curve (defaults of this cell, trained offline) to draw under the reader's. */
  async loadReference(): Promise<void> {
    if (!this.options.pretrained) return;
    try {
      const response = await fetch(`${this.options.baseUrl}/${this.options.pretrained}/reference.json`);
      if (response.ok) this.reference = (await response.json()) as ReferenceRun;
    } catch {
      this.reference = null; // optional decoration
    }
  }

  /** Uses this browser's cached backend measurement, if any, for the time estimate. */
  useCachedProbe(): void {
    const report = loadCachedReport(browserStorage(), globalThis.navigator?.userAgent ?? '');
    if (report) this.adoptProbe(report);
  }

  /** Measures the backends (about a second per backend) in the worker, then estimates. */
  async measure(): Promise<void> {
    if (this.busy || this.measuring) return;
    this.measuring = true;
    try {
      const result = await this.ensureClient().probe();
      this.adoptProbe(result.report);
      this.announcement = this.estimatedSeconds !== null ? `Estimated training time: ${formatSeconds(this.estimatedSeconds)}.` : '';
    } catch (error) {
      this.notice = `Could not measure this device: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.measuring = false;
    }
  }

  private adoptProbe(report: ProbeReport): void {
    const kind = MODELS[this.options.model].kind;
    const choice = chooseBackend(report, kind, parseBackendOverride(globalThis.location?.search ?? ''));
    const eps = report.probes.find((p) => p.backend === choice.backend)?.examplesPerSecond[kind];
    if (!eps || !(eps > 0)) return;
    this.estimate = { backend: choice.backend, examplesPerSecond: eps };
    if (!this.sizeChosen && this.status === 'idle') this.settings.trainSize = pickTrainSize(eps, this.settings);
  }

  /** Loads the shipped weights instead of training: evaluated on the test images and stored. */
  loadPretrained(): void {
    if (this.busy || !this.options.pretrained) return;
    this.clearRun();
    const url = new URL(`${this.options.baseUrl}/${this.options.pretrained}/model.json`, globalThis.location.href).href;
    this.status = 'starting';
    this.announcement = 'Loading the pretrained weights.';
    try {
      this.ensureClient().start(pretrainedRequest(this.options, this.settings, url));
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  train(): void {
    this.recovered = false;
    this.checkpoint = null;
    this.startRun({});
  }

  private startRun(extra: Pick<StartPayload, 'initialWeights' | 'startEpoch'>, backend: StartPayload['backend'] = 'auto'): void {
    if (this.busy) return;
    this.clearRun();
    this.runSettings = { ...this.settings };
    const payload = trainRequest(this.options, this.runSettings, this.checkpointKey, extra, backend);
    this.status = 'starting';
    this.announcement = 'Training started.';
    try {
      this.ensureClient().start(payload);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  stop(): void {
    if (!this.canStop || !this.client) return;
    this.status = 'stopping';
    this.client.stop();
  }

  resume(): void {
    if (this.status !== 'stopped' || !this.client) return;
    this.status = 'running';
    this.announcement = 'Training resumed.';
    this.client.resume();
  }

  /** Ends any run (the worker and its memory go), clears the curves; the stored model stays. */
  reset(): void {
    this.dropClient();
    this.clearRun();
    this.status = 'idle';
    this.announcement = 'Training cell reset.';
  }

  /** Leaving the page: the worker must not outlive it. */
  destroy(): void {
    this.dropClient();
  }

  private clearRun(): void {
    this.progress = null;
    this.trainCurve = [];
    this.epochStats = [];
    this.result = null;
    this.error = null;
    this.notice = null;
    this.lastCurveAt = -Infinity;
  }

  private ensureClient(): TrainingClient {
    if (this.client) return this.client;
    this.startWatchdog();
    const client = new TrainingClient({ baseUrl: this.options.baseUrl, forcedBackend: parseBackendOverride(globalThis.location?.search ?? '') });
    this.unsubscribe = [
      client.on('started', (p) => {
        this.lastActivity = performance.now();
        this.status = 'running';
        this.examples = p.examples;
        // The badge shows the reason's first part as the backend's name: use the display label.
        const [, ...why] = p.reason.split(' · ');
        this.backend = { kind: MODELS[this.options.model].kind, backend: p.backend, forced: false, reason: [BACKEND_LABELS[p.backend], ...why].join(' · ') };
      }),
      client.on('progress', (p) => this.onProgress(p)),
      client.on('epoch', (e) => {
        this.lastActivity = performance.now();
        this.epochStats = [...this.epochStats, e];
        const val = e.valAccuracy !== undefined ? `, validation accuracy ${percent(e.valAccuracy)}` : '';
        this.announcement = `Epoch ${e.epoch} of ${e.epochs} finished: training accuracy ${percent(e.accuracy)}${val}.`;
        if (e.epoch === e.epochs) this.status = 'evaluating';
      }),
      client.on('stopped', (p) => {
        this.status = 'stopped';
        this.announcement = `Training stopped after ${p.examplesSeen.toLocaleString('en-US')} examples. Resume continues from the next batch.`;
      }),
      client.on('done', (d) => this.onDone(d)),
      client.on('error', (e) => (/context/i.test(e.message) && this.backendIsGpu() ? this.recover(e.message) : this.fail(e.message))),
    ];
    this.client = client;
    return client;
  }

  /**
   * A lost WebGL context can leave training hanging with no error at all. While a run is under
   * way and the tab is visible, no message for STALL_MS means the backend is stuck: end the
   * worker and continue from the last checkpoint on WASM (or CPU), telling the reader.
   */
  private startWatchdog(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      if (this.status !== 'running' || globalThis.document?.hidden) {
        this.lastActivity = performance.now();
        return;
      }
      if (performance.now() - this.lastActivity > STALL_MS) this.recover(`The ${this.backend?.backend ?? 'current'} backend stopped responding`);
    }, 1000);
  }

  private backendIsGpu(): boolean {
    return this.backend?.backend === 'webgl' || this.backend?.backend === 'webgpu';
  }

  /** Continues the interrupted run on a CPU-side backend from its last finished epoch. */
  private recover(why: string): void {
    const failed = this.backend?.backend;
    const next = failed === 'wasm' ? 'cpu' : 'wasm';
    if (failed === 'cpu' || this.recovered) {
      this.fail(`${why}, and no other backend is left to try. Reload the page and train again.`);
      return;
    }
    this.recovered = true;
    this.dropClient();
    this.status = 'idle';
    void (async () => {
      await this.loadStored();
      const from = this.checkpoint;
      this.checkpoint = null;
      this.startRun(from?.totalEpochs ? { initialWeights: { kind: 'store', key: this.checkpointKey }, startEpoch: from.epochs } : {}, next);
      this.notice = `${why} (a lost graphics context?). Training continues on ${next.toUpperCase()} from ${from?.totalEpochs ? `epoch ${from.epochs + 1}` : 'the start'}.`;
      this.announcement = this.notice;
    })();
  }

  private dropClient(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.client?.terminate();
    this.client = null;
  }

  private onProgress(p: ProgressPayload): void {
    this.lastActivity = performance.now();
    if (this.status === 'starting') this.status = 'running';
    this.progress = p;
    const now = performance.now();
    if (now - this.lastCurveAt < CURVE_INTERVAL_MS && p.batch < p.batches) return;
    this.lastCurveAt = now;
    const point = { x: p.epoch - 1 + p.batch / p.batches, loss: p.loss, accuracy: p.metrics['accuracy'] ?? NaN };
    this.trainCurve = [...this.trainCurve, point];
  }

  private onDone(d: DonePayload): void {
    this.result = d;
    this.status = 'done';
    const summary = runSummary(this.options, this.runSettings, d);
    if (summary) logRun(browserStorage(), summary);
    const test = !d.test ? 'Training finished.'
      : d.test.psnr !== undefined ? `Test PSNR: ${d.test.psnr.toFixed(1)} dB.` : `Test accuracy: ${percent(d.test.accuracy)}.`;
    if (d.record) {
      this.stored = d.record;
      announceModelSaved(d.record.key);
    }
    if (d.saveError) this.notice = d.saveError;
    this.announcement = d.examplesSeen === 0 ? `Pretrained weights loaded. ${test}` : `${test} Trained in ${formatSeconds(d.timings.trainMs / 1000)}.`;
  }

  private fail(message: string): void {
    this.error = message;
    this.status = 'error';
    this.announcement = `Training failed: ${message}`;
    // A failed run leaves nothing to resume; a fresh worker next time avoids half-set-up state.
    this.dropClient();
  }
}
