/**
 * State of one training cell: the reader's settings, the run's status, live curves and the
 * result. Training happens in the worker (TrainingClient); this class only keeps what the view
 * draws. One run at a time: every action checks `status` synchronously, so a double click or a
 * second Train does nothing while a run is under way.
 */
import { parseBackendOverride, type BackendChoice, type ProbeReport } from '../../lib/ml/backends';
import { browserStorage, loadCachedReport } from '../../lib/ml/probe-cache';
import { describeRecord } from '../../lib/ml/record-text';
import { announceModelSaved } from '../../lib/ml/model-events';
import type { ModelRecord } from '../../lib/tasks/record';
import type { DonePayload, EpochPayload, PreparingPayload, ProgressPayload, StartPayload, TaskName } from '../../lib/workers/protocol';
import { TrainingClient } from '../../lib/workers/training-client';
import { debugConfig } from '../../lib/workers/debug-hooks';
import { logRun, repairedRunLogNote, announceCellSettings } from '../../lib/ml/run-log';
import { DEFAULT_SETTINGS, estimateSeconds, formatSeconds, pickTrainSize, type CellSettings } from './settings';
import { cellTask, pretrainedFolder, pretrainedRequest, runSummary, trainRequest } from './run-payload';
import { taskCell } from '../../lib/tasks/cells';
import type { CellOptions, CellStatus, CurvePoint, Estimate, ReferenceRun } from './types';
import { STALL_MS, StallWatchdog } from './watchdog';
import { checkpointKeyOf, fallbackBackend, finishedEpochs, isCheckpoint, resumeRequest, settingsOf, sameRun } from './checkpoint';
import { fetchReference, readStored, removeCheckpoint } from './stored';
import { progressPoint, resumedCurve } from './curves';
import { badgeChoice, doneAnnouncement, isContextLoss, epochAnnouncement, estimateFrom, recoveryNotice, stoppedAnnouncement } from './messages';

export type { CellOptions, CellStatus, CurvePoint, Estimate, ReferenceRun } from './types';

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
  /** A slow step before training (computing deep features), while the worker reports it. */
  preparing = $state<PreparingPayload | null>(null);
  checkpoint = $state<ModelRecord | null>(null);
  reference = $state<ReferenceRun | null>(null);
  estimate = $state<Estimate | null>(null);
  measuring = $state(false);
  /** The reader changed the training-set size: the probe must not override it. */
  sizeChosen = false;

  readonly busy = $derived(['starting', 'running', 'stopping', 'evaluating'].includes(this.status));
  /** Why the Seed field's text is not a seed ('' when it is): runs wait until it is fixed. */
  seedError = $state('');
  readonly canTrain = $derived(!this.busy && this.seedError === '');
  readonly canStop = $derived(this.status === 'running' || this.status === 'starting');
  readonly canResume = $derived(this.status === 'stopped' && this.seedError === '');
  readonly storedLabel = $derived(this.stored ? describeRecord(this.stored) : null);
  readonly estimatedSeconds = $derived(this.estimate ? estimateSeconds(this.estimate.examplesPerSecond, { epochs: this.settings.epochs, trainSize: taskCell(this.task).trainingExamples?.(this.settings) ?? this.settings.trainSize }) : null);

  private client: TrainingClient | null = null;
  /** Notices a backend that hangs (a lost WebGL context): see watchdog.ts. Tests shorten it with ?debug-stall-ms=. */
  private readonly watchdog = new StallWatchdog({
    stallMs: debugConfig().stallMs ?? STALL_MS,
    watching: () => this.status === 'running',
    quiet: () => !this.progress || this.progress.batch === this.progress.batches,
    onStall: () => this.recover(`The ${this.backend?.backend ?? 'current'} backend stopped responding`),
  });
  private recovered = false;
  private unsubscribe: Array<() => void> = [];
  private lastCurveAt = -Infinity;
  private runSettings: CellSettings = { ...DEFAULT_SETTINGS };

  constructor(readonly options: CellOptions) {
    this.settings = { ...DEFAULT_SETTINGS, dataset: options.dataset, ...options.defaults };
  }

  get task(): TaskName { return cellTask(this.options); }

  /** Tells islands that follow this cell (a diagram of the network) its current settings. */
  announceSettings(): void {
    announceCellSettings({ storeKey: this.options.storeKey, model: this.options.model, dataset: this.settings.dataset, ...taskCell(this.task).announced(this.settings) });
  }

  /** Reads the model this cell stored earlier (a reload keeps it) and any unfinished run's checkpoint. */
  async loadStored(): Promise<void> {
    ({ stored: this.stored, checkpoint: this.checkpoint } = await readStored(this.options.storeKey));
  }

  /** Set when another tab stored a newer model under this cell's key, replacing the one this tab showed. */
  replacedNote = $state('');
  /** Said when saving this run to the run log found it damaged (the readable runs were kept, the rest backed up). */
  runLogNote = $state('');

  /**
   * Another tab logged a run (the run log's storage event): if it stored a model under this cell's
   * key, the one this tab showed as stored is gone. Say so, and show the stored one.
   */
  async otherTabStored(): Promise<void> {
    const shown = this.stored;
    const { stored } = await readStored(this.options.storeKey);
    if (!stored || stored.savedAt === shown?.savedAt) return;
    this.stored = stored;
    if (shown) this.replacedNote = 'Another tab of the course has since stored a different model for this cell, replacing this one: the widgets and the challenge on this page now use that one (described below).';
  }

  get checkpointKey(): string { return checkpointKeyOf(this.options.storeKey); }

  /** Continues a run that a reload (or closing the tab) interrupted, from its last finished epoch. */
  continueCheckpoint(): void {
    const c = this.checkpoint;
    if (this.busy || !isCheckpoint(c)) return;
    this.settings = settingsOf(this.settings, c);
    this.sizeChosen = true;
    this.checkpoint = null;
    this.startRun(resumeRequest(c, this.checkpointKey), 'auto', finishedEpochs(c));
  }

  /** Forgets an interrupted run. */
  async discardCheckpoint(): Promise<void> {
    this.checkpoint = null;
    await removeCheckpoint(this.options.storeKey);
  }

  /** The reference curve (the run that made the shipped weights) in `folder`, drawn under the reader's; a later call for another folder wins. */
  async loadReference(folder: string): Promise<void> {
    this.referenceFolder = folder;
    const reference = await fetchReference(this.options.baseUrl, folder);
    if (folder === this.referenceFolder) this.reference = reference;
  }

  private referenceFolder = '';

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
    const estimate = estimateFrom(report, this.options.model, globalThis.location?.search ?? '');
    if (!estimate) return;
    this.estimate = estimate;
    if (!this.sizeChosen && this.status === 'idle' && !taskCell(this.task).trainingExamples) this.settings.trainSize = pickTrainSize(estimate.examplesPerSecond, this.settings);
  }

  /** Loads the shipped weights instead of training: evaluated on the test images and stored. */
  loadPretrained(): void {
    if (this.busy || !this.options.pretrained || this.seedError) return;
    this.clearRun();
    const url = new URL(`${this.options.baseUrl}/${pretrainedFolder(this.options.pretrained, this.settings)}/model.json`, globalThis.location.href).href;
    this.send(pretrainedRequest(this.options, this.settings, url), 'Loading the pretrained weights.');
  }

  train(): void {
    this.recovered = false;
    this.checkpoint = null;
    this.startRun({});
  }

  /** `done`: epochs a checkpoint already finished, drawn before the new ones. */
  private startRun(extra: Pick<StartPayload, 'initialWeights' | 'startEpoch'>, backend: StartPayload['backend'] = 'auto', done: EpochPayload[] = []): void {
    if (this.busy) return;
    this.clearRun(done);
    this.runSettings = { ...this.settings };
    this.send(trainRequest(this.options, this.runSettings, this.checkpointKey, extra, backend), 'Training started.');
  }

  private send(request: Parameters<TrainingClient['start']>[0], announcement: string): void {
    this.status = 'starting';
    this.announcement = announcement;
    try {
      this.ensureClient().start(request);
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

  /**
   * Leaving the page: the worker must not outlive it. A page kept in the back/forward cache comes
   * back without its worker, so an unfinished run shows as interrupted, with its checkpoint offered.
   */
  destroy(): void {
    this.dropClient();
    if (!this.busy && this.status !== 'stopped') return;
    this.status = 'idle';
    this.progress = null;
    void this.loadStored();
  }

  private clearRun(done: EpochPayload[] = []): void {
    this.progress = null;
    this.preparing = null;
    this.trainCurve = resumedCurve(done);
    this.epochStats = done;
    this.result = null;
    this.error = null;
    this.notice = null;
    this.runLogNote = '';
    this.lastCurveAt = -Infinity;
  }

  private ensureClient(): TrainingClient {
    if (this.client) return this.client;
    this.watchdog.start();
    const client = new TrainingClient({ baseUrl: this.options.baseUrl, forcedBackend: parseBackendOverride(globalThis.location?.search ?? '') });
    this.unsubscribe = [
      client.on('preparing', (p) => {
        this.watchdog.touch();
        this.preparing = p;
      }),
      client.on('started', (p) => {
        this.watchdog.touch();
        this.preparing = null;
        this.status = 'running';
        this.examples = p.examples;
        this.backend = badgeChoice(this.options.model, p);
      }),
      client.on('progress', (p) => this.onProgress(p)),
      client.on('epoch', (e) => {
        this.watchdog.touch();
        this.epochStats = [...this.epochStats, e];
        this.announcement = epochAnnouncement(e);
        if (e.epoch === e.epochs) this.status = 'evaluating';
      }),
      client.on('stopped', (p) => {
        this.status = 'stopped';
        this.announcement = stoppedAnnouncement(p);
      }),
      client.on('done', (d) => this.onDone(d)),
      client.on('error', (e) => (isContextLoss(e.message, this.backend?.backend) ? this.recover(e.message) : this.fail(e.message))),
    ];
    this.client = client;
    return client;
  }

  /** Continues the interrupted run on a CPU-side backend from its last finished epoch. */
  private recover(why: string): void {
    const next = fallbackBackend(this.backend?.backend);
    if (!next || this.recovered) {
      this.fail(`${why}, and no other backend is left to try. Reload the page and train again.`);
      return;
    }
    this.recovered = true;
    this.dropClient();
    this.status = 'idle';
    void (async () => {
      await this.loadStored();
      // Only this run's checkpoint: an older interrupted run's, with other settings, is not continued.
      const from = isCheckpoint(this.checkpoint) && sameRun(this.runSettings, this.checkpoint) ? this.checkpoint : null;
      this.checkpoint = null;
      this.startRun(from ? resumeRequest(from, this.checkpointKey) : {}, next, from ? finishedEpochs(from) : []);
      this.notice = recoveryNotice(why, next, from ? from.epochs + 1 : null);
      this.announcement = this.notice;
    })();
  }

  private dropClient(): void {
    this.watchdog.stop();
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.client?.terminate();
    this.client = null;
  }

  private onProgress(p: ProgressPayload): void {
    this.watchdog.touch();
    if (this.status === 'starting') this.status = 'running';
    this.progress = p;
    const now = performance.now();
    if (now - this.lastCurveAt < CURVE_INTERVAL_MS && p.batch < p.batches) return;
    this.lastCurveAt = now;
    this.trainCurve = [...this.trainCurve, progressPoint(p)];
  }

  private onDone(d: DonePayload): void {
    this.replacedNote = '';
    this.result = d;
    this.status = 'done';
    const summary = runSummary(this.options, this.runSettings, d);
    const logged = summary ? logRun(browserStorage(), summary) : null;
    this.runLogNote = logged?.kind === 'repaired' ? repairedRunLogNote(logged.backupKey) : '';
    if (d.record) {
      this.stored = d.record;
      announceModelSaved(d.record.key);
    }
    if (d.saveError) this.notice = d.saveError;
    this.announcement = doneAnnouncement(d);
  }

  private fail(message: string): void {
    this.error = message;
    this.status = 'error';
    this.announcement = `Training failed: ${message}`;
    // A failed run leaves nothing to resume; a fresh worker next time avoids half-set-up state.
    this.dropClient();
  }
}
