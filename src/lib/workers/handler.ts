/**
 * The training worker's brain, apart from `self` so Node tests can drive it: give it a `post`
 * function and feed it messages. One run at a time; every tensor it makes is disposed when the
 * run ends (done, error, or replaced after a stop).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseAll, chooseBackend, type BackendChoice, type BackendName, type ProbeReport } from '../ml/backends';
import { MODELS, disposeModel } from '../ml/models';
import type { EpochStats, ModelStore } from '../ml/model-store';
import { saveOptimizerState } from '../ml/optimizer-state';
import { initBackend, probeBackends, type ProbeOptions } from '../ml/probe';
import { syntheticImages } from '../ml/synthetic';
import { TrainLoop, tensorsFromBytes, type TrainResult, type TrainingTensors } from '../ml/train-loop';
import { batchMakerFor, disposeTensors, initialModel, recordBase, resumedSmoothing, splitOff, storeResult, taskOf, testModel, validate } from './run-parts';
import { parseRequest, type DataSource, type DonePayload, type ProbePayload, type StartPayload, type WorkerEvent } from './protocol';

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
}

interface Run {
  loop: TrainLoop;
  model: tf.LayersModel;
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

/** The message a reader sees when training diverges (NaN/Infinity loss). */
export function nonFiniteMessage(epoch: number, batch: number, backend: BackendName, learningRate: number): string {
  const start = `The loss became NaN (not a number) in epoch ${epoch}, batch ${batch}, so training stopped: the weights can no longer improve. `;
  // A GPU that renders only 16-bit floats overflows even at sane learning rates (measured with
  // WEBGL_FORCE_F16_TEXTURES: NaN by batch 2 at 0.001), so on WebGL the backend comes first.
  if (!float32Rendering(backend)) {
    return `${start}This graphics card computes in 16-bit floats, which overflow: open the page with ?backend=wasm (or ?backend=cpu) to train on the processor, or try a lower learning rate than ${learningRate}. Then press Reset and Train.`;
  }
  return `${start}Try a lower learning rate than ${learningRate}${backend === 'webgl' ? ', or another backend (some GPUs compute in 16-bit floats, which overflow)' : ''}, then press Reset and Train.`;
}

/** False when tfjs's WebGL backend renders to 16-bit float textures only. */
function float32Rendering(backend: BackendName): boolean {
  if (backend !== 'webgl') return true;
  try {
    return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  } catch {
    return true;
  }
}

export function createTrainingHandler(deps: HandlerDeps): (data: unknown) => Promise<void> {
  const probe = deps.probe ?? probeBackends;
  const progressInterval = deps.progressIntervalMs ?? 200; // 5 updates a second: the curve samples every 250 ms anyway, and fewer messages leave the page's CPU to the worker
  let report: ProbeReport | null = null; // in-memory probe cache for this worker's life
  let run: Run | null = null;
  let busy = false; // true from 'start'/'probe' until the work settles (covers data loading too)

  const fail = (error: unknown): void => {
    deps.post({ type: 'error', payload: { message: error instanceof Error ? error.message : String(error) } });
  };

  const release = (): void => {
    if (!run) return;
    disposeModel(run.model);
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

  async function handleStart(p: StartPayload): Promise<void> {
    release(); // a stopped run that was never resumed is abandoned
    const spec = MODELS[p.model];
    deps.configure?.(p.baseUrl);
    let choice: BackendChoice;
    if (p.backend === 'auto') {
      const had = report !== null || p.probe !== undefined;
      const { report: r } = await ensureReport({ force: false, baseUrl: p.baseUrl, ...(p.probe ? { cached: p.probe } : {}) });
      if (!had) deps.post({ type: 'probe-result', payload: { report: r, choices: chooseAll(r), cached: false } });
      choice = chooseBackend(r, spec.kind);
    } else {
      choice = { kind: spec.kind, backend: p.backend, forced: true, reason: `${p.backend} · chosen by the page` };
    }
    const setupStart = performance.now();
    const init = await initBackend(choice.backend);
    if (!init.ok) throw new Error(`Could not start the ${choice.backend} backend: ${init.error ?? 'unknown error'}`);
    if (p.evaluateOnly) {
      await evaluateOnly(p, choice.backend);
      return;
    }
    const dataStart = performance.now();
    const validationCount = p.validationCount ?? 0;
    const source = p.data.kind === 'dataset' && validationCount > 0 ? { ...p.data, limit: p.data.limit + validationCount } : p.data;
    let tensors: TrainingTensors;
    let validation: TrainingTensors | null = null;
    let test: TrainingTensors | null = null;
    try {
      tensors = await loadData(source, p.seed, p.baseUrl);
      if (validationCount > 0) {
        const parts = splitOff(tensors, validationCount);
        disposeTensors(tensors);
        tensors = parts.train;
        validation = parts.validation;
      }
      if (p.test) test = await loadData(p.test, p.seed + 1, p.baseUrl);
    } catch (error) {
      disposeTensors(validation);
      throw error;
    }
    const dataMs = performance.now() - dataStart;
    const buildStart = performance.now();
    let model: tf.LayersModel;
    try {
      model = await initialModel(p, deps.modelStore);
    } catch (error) {
      [tensors, validation, test].forEach(disposeTensors);
      throw error;
    }
    const setupMs = dataStart - setupStart + (performance.now() - buildStart);
    const startSmoothing = await resumedSmoothing(p, deps.modelStore);
    let lastPost = -Infinity;
    const history: EpochStats[] = [];
    const classify = taskOf(p) === 'classify';
    const loop: TrainLoop = new TrainLoop(model, tensors, {
      epochs: p.hyper.epochs,
      batchSize: p.hyper.batchSize,
      seed: p.seed,
      metricNames: classify ? ['accuracy'] : [],
      makeBatch: batchMakerFor(p, tensors),
      ...(p.startEpoch !== undefined ? { startEpoch: p.startEpoch } : {}),
      ...(startSmoothing ? { startSmoothing } : {}),
      ...(p.maxSeconds !== undefined ? { timeBudgetMs: p.maxSeconds * 1000 } : {}),
      onProgress: (progress) => {
        if (!Number.isFinite(progress.batchLoss) && run && !run.nonFinite) {
          run.nonFinite = nonFiniteMessage(progress.epoch, progress.batch, choice.backend, p.hyper.learningRate);
          loop.stop();
          return;
        }
        const now = performance.now();
        if (now - lastPost < progressInterval && progress.batch < progress.batches) return;
        lastPost = now;
        deps.post({ type: 'progress', payload: { ...progress, backend: choice.backend } });
      },
      onEpochEnd: async (epoch, stats) => {
        if (run?.nonFinite) return;
        const entry: EpochStats = { epoch, loss: stats.loss, accuracy: stats.metrics['accuracy'] ?? NaN, smoothing: stats.smoothing };
        if (validation) Object.assign(entry, await validate(p, model, validation));
        history.push(entry);
        if (p.checkpointKey && deps.modelStore && epoch < p.hyper.epochs) {
          // Best effort: a failed checkpoint only loses the offer to continue after a reload.
          try {
            const optimizerState = await saveOptimizerState(model.optimizer);
            await deps.modelStore.save(model, {
              ...recordBase(p, { trainExamples: tensors.labels.shape[0], epochs: epoch, backend: choice.backend, trainAccuracy: entry.accuracy, history: [...history] }),
              key: p.checkpointKey, totalEpochs: p.hyper.epochs, optimizerState,
            });
          } catch {
            // keep training
          }
        }
        deps.post({ type: 'epoch', payload: { ...entry, epochs: p.hyper.epochs, backend: choice.backend } });
      },
    });
    run = { loop, model, tensors, validation, test, backend: choice.backend, dataMs, setupMs, payload: p, history, nonFinite: null };
    deps.post({
      type: 'started',
      payload: { backend: choice.backend, reason: choice.reason, model: p.model, examples: tensors.labels.shape[0], batches: Math.ceil(tensors.labels.shape[0] / p.hyper.batchSize) },
    });
    await continueRun();
  }

  /** Shipped weights: evaluate on the test data, store with the settings recorded in model.json. */
  async function evaluateOnly(p: StartPayload, backend: BackendName): Promise<void> {
    const started = performance.now();
    const test = await loadData(p.test!, p.seed, p.baseUrl);
    let model: tf.LayersModel | null = null;
    try {
      model = await initialModel(p, deps.modelStore);
      const { summary, fields } = await testModel(p, model, test, (source) => loadData(source, p.seed, p.baseUrl));
      const meta = (model.getUserDefinedMetadata() ?? {}) as { trainExamples?: number; epochs?: number; seed?: number; hiddenUnits?: number };
      const payload: DonePayload = {
        outcome: 'completed', backend, loss: summary.loss, metrics: Number.isFinite(summary.accuracy) ? { accuracy: summary.accuracy } : {}, examplesSeen: 0, examplesPerSecond: 0,
        batchLosses: [], timings: { dataMs: 0, setupMs: performance.now() - started, trainMs: 0 }, test: summary,
      };
      if (p.saveKey) {
        const record = {
          ...recordBase(p, {
            trainExamples: meta.trainExamples ?? 0, epochs: meta.epochs ?? 0, backend, trainAccuracy: NaN, history: [], seed: meta.seed ?? p.seed,
            ...(meta.hiddenUnits !== undefined ? { hiddenUnits: meta.hiddenUnits } : {}),
          }),
          ...fields, key: p.saveKey,
        };
        await storeResult(deps.modelStore, model, record, payload);
      }
      deps.post({ type: 'done', payload });
    } finally {
      if (model) disposeModel(model);
      disposeTensors(test);
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
    const payload: DonePayload = {
      outcome: result.outcome, backend: current.backend, loss: result.loss, metrics: result.metrics,
      examplesSeen: result.examplesSeen, examplesPerSecond: result.examplesPerSecond, batchLosses: result.batchLosses,
      timings: { dataMs: current.dataMs, setupMs: current.setupMs, trainMs: result.trainingSeconds * 1000 },
    };
    try {
      if (current.test) {
        const { summary, fields } = await testModel(current.payload, current.model, current.test, (source) => loadData(source, current.payload.seed, current.payload.baseUrl));
        payload.test = summary;
        const p = current.payload;
        if (p.saveKey) {
          const record = {
            ...recordBase(p, { trainExamples: current.tensors.labels.shape[0], epochs: p.hyper.epochs, backend: current.backend, trainAccuracy: result.metrics['accuracy'] ?? NaN, history: current.history }),
            ...fields, key: p.saveKey,
          };
          await storeResult(deps.modelStore, current.model, record, payload);
        }
      }
      if (current.payload.checkpointKey) await deps.modelStore?.remove(current.payload.checkpointKey).catch(() => undefined);
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
      run?.loop.stop(); // stopping when nothing runs is harmless (the run may have just finished)
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
      else await continueRun();
    } catch (error) {
      release();
      fail(error);
    } finally {
      busy = false;
    }
  };
}
