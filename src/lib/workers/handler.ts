/**
 * The training worker's brain, apart from `self` so Node tests can drive it: give it a `post`
 * function and feed it messages. One run at a time; every tensor it makes is disposed when the
 * run ends (done, error, or replaced after a stop), and when setting a run up fails half-way.
 * It names no task: what is specific to one is its module in src/lib/tasks/.
 */
import { chooseAll, chooseBackend, fallbackChoice, type BackendChoice, type BackendName, type ProbeReport } from '../ml/backends';
import type { SmoothingState } from '../math/smoothed-curve';
import type { EpochStats, ModelStore } from '../ml/model-store';
import { saveOptimizerState } from '../ml/optimizer-state';
import { initBackend, probeBackends, type ProbeOptions } from '../ml/probe';
import { syntheticImages } from '../ml/synthetic';
import { TrainLoop, tensorsFromBytes, type TrainResult, type TrainingTensors } from '../ml/train-loop';
import { taskModule } from '../tasks/registry';
import type { DataSets, PrepareTools, Trainable } from '../tasks/task-module';
import { nonFiniteMessage } from './non-finite';
import { disposeTensors, disposeTrainable, evaluateShipped, initialTrainable, loadRunData, makeRecord, resumedSmoothing, storeResult } from './run-parts';
import { parseRequest, type DataSource, type DonePayload, type FeaturesRequest, type ProbePayload, type StartPayload, type WorkerEvent } from './protocol';
import { computeFeatures, REQUEST_SEED } from '../tasks/features/service';
import type { RowsStore } from '../tasks/features/rows-store';

export interface HandlerDeps {
  post: (event: WorkerEvent) => void;
  /** Measures backends; default probeBackends(). */
  probe?: (options: ProbeOptions) => Promise<ProbeReport>;
  /** Loads a 'dataset' source; without it such a start is refused with a clear error. */
  loadDataset?: (source: Extract<DataSource, { kind: 'dataset' }>, baseUrl: string) => Promise<{ images: Uint8Array; labels: Uint8Array }>;
  /** Called once with the base URL before the first backend switch (the worker sets WASM paths). */
  configure?: (baseUrl: string) => void;
  /** Minimum ms between progress messages (the last batch of each epoch is always sent). Default 200. */
  progressIntervalMs?: number;
  /** Where StartPayload.saveKey models go; without it saving is reported as unavailable. */
  modelStore?: ModelStore;
  /** Where lesson 6's feature rows are kept across visits; without it they last the worker's life. */
  rowsStore?: RowsStore;
}

interface Run {
  loop: TrainLoop;
  trainable: Trainable;
  tensors: TrainingTensors;
  validation: TrainingTensors | null;
  test: TrainingTensors | null;
  backend: BackendName;
  dataMs: number;
  setupMs: number;
  payload: StartPayload;
  history: EpochStats[];
  /** Set when a batch's loss was not finite: the run stops and is reported as an error. */
  nonFinite: string | null;
}

export function createTrainingHandler(deps: HandlerDeps): (data: unknown) => Promise<void> {
  const probe = deps.probe ?? probeBackends;
  const progressInterval = deps.progressIntervalMs ?? 200; // 5 updates a second: the curve samples every 250 ms anyway, and fewer messages leave the page's CPU to the worker
  let report: ProbeReport | null = null; // in-memory probe cache for this worker's life
  let run: Run | null = null;
  let busy = false; // true from 'start'/'probe' until the work settles (covers data loading too)
  // A 'stop' that came while the run was still being set up (probe, data, model): the run is
  // set up, reported started and at once stopped, so Resume works and the stop is never lost.
  let stopBeforeTraining = false;

  const fail = (error: unknown): void => {
    deps.post({ type: 'error', payload: { message: error instanceof Error ? error.message : String(error) } });
  };

  const release = (): void => {
    if (!run) return;
    disposeTrainable(run.trainable);
    disposeTensors(run.tensors);
    disposeTensors(run.validation);
    disposeTensors(run.test);
    run = null;
  };

  async function ensureReport(payload: Pick<ProbePayload, 'force' | 'cached' | 'baseUrl'>): Promise<{ report: ProbeReport; cached: boolean }> {
    if (!payload.force && report) return { report, cached: true };
    if (!payload.force && payload.cached) {
      report = payload.cached;
      return { report, cached: true };
    }
    deps.configure?.(payload.baseUrl);
    report = await probe({ onBackend: (p) => deps.post({ type: 'probe-progress', payload: p }) });
    return { report, cached: false };
  }

  async function handleProbe(payload: ProbePayload): Promise<void> {
    const { report: r, cached } = await ensureReport(payload);
    deps.post({ type: 'probe-result', payload: { report: r, choices: chooseAll(r, payload.forced ?? null), cached } });
  }

  async function loadData(source: DataSource, seed: number, baseUrl: string): Promise<TrainingTensors> {
    if (source.kind === 'bytes') return tensorsFromBytes(source.images, source.labels);
    if (source.kind === 'synthetic') {
      const { images, labels } = syntheticImages(source.count, seed);
      return tensorsFromBytes(images, labels);
    }
    if (!deps.loadDataset) throw new Error('Loading data sets inside the worker is not available yet: send the examples as bytes');
    const { images, labels } = await deps.loadDataset(source, baseUrl);
    const limit = Math.min(source.limit, labels.length);
    return tensorsFromBytes(images.subarray(0, limit * 784), labels.subarray(0, limit));
  }

  /** The speed test a run goes by: this worker's, else the page's cached one, else a fresh one. */
  const reportFor = (p: StartPayload): Promise<{ report: ProbeReport; cached: boolean }> =>
    ensureReport({ force: false, baseUrl: p.baseUrl, ...(p.probe ? { cached: p.probe } : {}) });

  async function chooseFor(p: StartPayload): Promise<BackendChoice> {
    const kind = taskModule(p.task).workKind(p as never);
    if (p.backend !== 'auto') return { kind, backend: p.backend, forced: true, reason: `${p.backend} · chosen by the page` };
    const had = report !== null || p.probe !== undefined;
    const { report: r } = await reportFor(p);
    if (!had) deps.post({ type: 'probe-result', payload: { report: r, choices: chooseAll(r), cached: false } });
    return chooseBackend(r, kind);
  }

  /** What a task's data preparation and a features request may use: stores, and progress for the page. */
  const prepareTools: PrepareTools = {
    store: deps.modelStore,
    progress: (stage, done, total) => deps.post({ type: 'preparing', payload: { stage, done, total } }),
    ...(deps.rowsStore ? { rows: deps.rowsStore } : {}),
  };

  /** Feature rows without training. A stopped run stays resumable: its tensors are untouched. */
  async function handleFeatures(p: FeaturesRequest): Promise<void> {
    deps.configure?.(p.baseUrl);
    const { report: r } = await ensureReport({ force: false, baseUrl: p.baseUrl });
    // A stopped run's tensors live on its backend: switching away would lose them.
    const init = await initBackend(run ? run.backend : chooseBackend(r, 'conv-training').backend);
    if (!init.ok) throw new Error(`Could not start a backend for the features: ${init.error ?? 'unknown error'}`);
    const result = await computeFeatures(p, { ...prepareTools, load: (source) => loadData(source, REQUEST_SEED, p.baseUrl) });
    deps.post({ type: 'features-result', payload: result });
  }

  async function handleStart(request: StartPayload): Promise<void> {
    let p = request; // a task's prepareData completes it (the features' width)
    release(); // a stopped run that was never resumed is abandoned
    stopBeforeTraining = false;
    deps.configure?.(p.baseUrl);
    let choice = await chooseFor(p);
    const setupStart = performance.now();
    let init = await initBackend(choice.backend);
    if (!init.ok && choice.backend !== 'cpu') {
      // The measurement said it would work (a stale cached speed test), or the page forced it: fall
      // back to the next measured backend, and send the corrected report, which the page stores
      // in place of the stale one, so the next run does not try it again.
      const failed = fallbackChoice((await reportFor(p)).report, choice.kind, choice.backend, init.error ?? 'it failed to start');
      report = failed.report;
      choice = failed.choice;
      deps.post({ type: 'probe-result', payload: { report, choices: chooseAll(report), cached: false } });
      init = await initBackend(choice.backend);
    }
    if (!init.ok) throw new Error(`Could not start the ${choice.backend} backend: ${init.error ?? 'unknown error'}`);
    if (p.evaluateOnly) {
      const load = (source: DataSource): Promise<TrainingTensors> => loadData(source, p.seed, p.baseUrl);
      deps.post({ type: 'done', payload: await evaluateShipped(p, choice.backend, load, deps.modelStore) });
      return;
    }
    // Everything made below is freed here if a later step fails (a missing test shard, a stored model gone).
    const dataStart = performance.now();
    let dataMs = 0;
    let buildStart = 0;
    let sets: DataSets | null = null;
    let made: Trainable | null = null;
    try {
      ({ payload: p, sets } = await loadRunData(p, (source, seed) => loadData(source, seed, request.baseUrl), prepareTools));
      dataMs = performance.now() - dataStart;
      buildStart = performance.now();
      made = (await initialTrainable(p, deps.modelStore)).trainable;
    } catch (error) {
      if (made) disposeTrainable(made);
      if (sets) [sets.train, sets.validation, sets.test].forEach(disposeTensors);
      throw error;
    }
    const { train: tensors, validation, test } = sets;
    const trainable = made;
    const setupMs = dataStart - setupStart + (performance.now() - buildStart);
    const startSmoothing = await resumedSmoothing(p, deps.modelStore);
    const loop = makeLoop(p, trainable, tensors, validation, choice.backend, startSmoothing);
    run = { loop, trainable, tensors, validation, test, backend: choice.backend, dataMs, setupMs, payload: p, history: [], nonFinite: null };
    deps.post({
      type: 'started',
      payload: { backend: choice.backend, reason: choice.reason, model: p.model, examples: tensors.labels.shape[0], batches: Math.ceil(tensors.labels.shape[0] / p.hyper.batchSize) },
    });
    if (stopBeforeTraining) {
      stopBeforeTraining = false;
      deps.post({ type: 'stopped', payload: { next: loop.position, loss: NaN, examplesSeen: 0 } });
      return;
    }
    await continueRun();
  }

  function makeLoop(p: StartPayload, trainable: Trainable, tensors: TrainingTensors, validation: TrainingTensors | null, backend: BackendName, startSmoothing: SmoothingState | null): TrainLoop {
    const task = taskModule(p.task);
    let lastPost = -Infinity;
    const loop: TrainLoop = new TrainLoop(trainable.model, tensors, {
      epochs: p.hyper.epochs,
      batchSize: p.hyper.batchSize,
      seed: p.seed,
      step: trainable.step,
      metricNames: trainable.metricNames,
      makeBatch: task.makeBatches(p as never, tensors),
      ...(p.startEpoch !== undefined ? { startEpoch: p.startEpoch } : {}),
      ...(startSmoothing ? { startSmoothing } : {}),
      ...(p.maxSeconds !== undefined ? { timeBudgetMs: p.maxSeconds * 1000 } : {}),
      onProgress: (progress) => {
        if (!Number.isFinite(progress.batchLoss) && run && !run.nonFinite) {
          run.nonFinite = nonFiniteMessage(progress.epoch, progress.batch, backend, p.hyper.learningRate);
          loop.stop();
          return;
        }
        const now = performance.now();
        if (now - lastPost < progressInterval && progress.batch < progress.batches) return;
        lastPost = now;
        deps.post({ type: 'progress', payload: { ...progress, backend } });
      },
      onEpochEnd: async (epoch, stats) => {
        if (!run || run.nonFinite) return;
        const { accuracy = NaN, ...others } = stats.metrics;
        const entry: EpochStats = { epoch, loss: stats.loss, accuracy, smoothing: stats.smoothing, ...(Object.keys(others).length ? { metrics: others } : {}) };
        if (validation) Object.assign(entry, await task.validate(p as never, trainable, validation));
        run.history.push(entry);
        if (p.checkpointKey && deps.modelStore && epoch < p.hyper.epochs) await checkpoint(p, run, epoch, entry);
        deps.post({ type: 'epoch', payload: { ...entry, epochs: p.hyper.epochs, backend } });
      },
    });
    return loop;
  }

  /** Best effort: a failed checkpoint only loses the offer to continue after a reload. */
  async function checkpoint(p: StartPayload, current: Run, epoch: number, entry: EpochStats): Promise<void> {
    try {
      const optimizerState = await saveOptimizerState(current.trainable.optimizer);
      const fields = { trainExamples: current.tensors.labels.shape[0], epochs: epoch, backend: current.backend, trainAccuracy: entry.accuracy, history: [...current.history] };
      const record = makeRecord(p, p.checkpointKey!, fields, null, taskModule(p.task).untestedRecord(p as never));
      await deps.modelStore!.save(current.trainable.model, { ...record, totalEpochs: p.hyper.epochs, optimizerState });
    } catch {
      // keep training
    }
  }

  async function continueRun(): Promise<void> {
    const current = run;
    if (!current) return;
    let result: TrainResult;
    try {
      result = await current.loop.run();
    } catch (error) {
      release();
      throw error;
    }
    if (current.nonFinite) {
      const message = current.nonFinite;
      release();
      throw new Error(message);
    }
    if (result.outcome === 'stopped') {
      deps.post({ type: 'stopped', payload: { next: result.next, loss: result.loss, examplesSeen: result.examplesSeen } });
      return;
    }
    const p = current.payload;
    const payload: DonePayload = {
      outcome: result.outcome, backend: current.backend, loss: result.loss, metrics: result.metrics,
      examplesSeen: result.examplesSeen, examplesPerSecond: result.examplesPerSecond, batchLosses: result.batchLosses,
      timings: { dataMs: current.dataMs, setupMs: current.setupMs, trainMs: result.trainingSeconds * 1000 },
    };
    try {
      if (current.test) {
        const { summary, record: part } = await taskModule(p.task).test(p as never, current.trainable, current.test, (source) => loadData(source, p.seed, p.baseUrl));
        payload.test = summary;
        if (p.saveKey) {
          const fields = { trainExamples: current.tensors.labels.shape[0], epochs: p.hyper.epochs, backend: current.backend, trainAccuracy: result.metrics['accuracy'] ?? NaN, history: current.history };
          await storeResult(deps.modelStore, current.trainable.model, makeRecord(p, p.saveKey, fields, summary, part), payload);
        }
      }
      if (p.checkpointKey) await deps.modelStore?.remove(p.checkpointKey).catch(() => undefined);
    } finally {
      release();
    }
    deps.post({ type: 'done', payload });
  }

  return async function handle(data: unknown): Promise<void> {
    const parsed = parseRequest(data);
    if (!parsed.ok) {
      fail(parsed.error);
      return;
    }
    const message = parsed.value;
    if (message.type === 'stop') {
      // Stopping when nothing runs is harmless (the run may have just finished).
      if (run) run.loop.stop();
      else if (busy) stopBeforeTraining = true;
      return;
    }
    if (busy) {
      fail(message.type === 'start' ? 'A training run is already in progress: stop it or wait for it to finish first' : `Cannot ${message.type} while the worker is busy`);
      return;
    }
    if (message.type === 'resume' && (!run || run.loop.finished)) {
      fail('There is no stopped run to resume');
      return;
    }
    busy = true;
    try {
      if (message.type === 'probe') await handleProbe(message.payload);
      else if (message.type === 'start') await handleStart(message.payload);
      else if (message.type === 'features') await handleFeatures(message.payload);
      else await continueRun();
    } catch (error) {
      release();
      fail(error);
    } finally {
      busy = false;
    }
  };
}
