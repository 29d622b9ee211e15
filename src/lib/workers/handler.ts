/**
 * The training worker's brain, apart from `self` so Node tests can drive it: give it a `post`
 * function and feed it messages. One run at a time; every tensor it makes is disposed when the
 * run ends (done, error, or replaced after a stop).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseAll, chooseBackend, type BackendChoice, type BackendName, type ProbeReport } from '../ml/backends';
import { MODELS, disposeModel } from '../ml/models';
import { initBackend, probeBackends, type ProbeOptions } from '../ml/probe';
import { syntheticImages } from '../ml/synthetic';
import { TrainLoop, tensorsFromBytes, type TrainResult, type TrainingTensors } from '../ml/train-loop';
import { parseRequest, type DataSource, type ProbePayload, type StartPayload, type WorkerEvent } from './protocol';

export interface HandlerDeps {
  post: (event: WorkerEvent) => void;
  /** Measures backends; default probeBackends(). */
  probe?: (options: ProbeOptions) => Promise<ProbeReport>;
  /** Loads a 'dataset' source; without it such a start is refused with a clear error. */
  loadDataset?: (source: Extract<DataSource, { kind: 'dataset' }>, baseUrl: string) => Promise<{ images: Uint8Array; labels: Uint8Array }>;
  /** Called once with the base URL before the first backend switch (the worker sets WASM paths). */
  configure?: (baseUrl: string) => void;
  /** Minimum ms between progress messages (the last batch of each epoch is always sent). Default 50. */
  progressIntervalMs?: number;
}

interface Run {
  loop: TrainLoop;
  model: tf.LayersModel;
  tensors: TrainingTensors;
  backend: BackendName;
  dataMs: number;
  setupMs: number;
}

export function createTrainingHandler(deps: HandlerDeps): (data: unknown) => Promise<void> {
  const probe = deps.probe ?? probeBackends;
  const progressInterval = deps.progressIntervalMs ?? 50;
  let report: ProbeReport | null = null; // in-memory probe cache for this worker's life
  let run: Run | null = null;
  let busy = false; // true from 'start'/'probe' until the work settles (covers data loading too)

  const fail = (error: unknown): void => {
    deps.post({ type: 'error', payload: { message: error instanceof Error ? error.message : String(error) } });
  };

  const release = (): void => {
    if (!run) return;
    disposeModel(run.model);
    run.tensors.xs.dispose();
    run.tensors.labels.dispose();
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
    const dataStart = performance.now();
    const tensors = await loadData(p.data, p.seed, p.baseUrl);
    const dataMs = performance.now() - dataStart;
    const buildStart = performance.now();
    const model = spec.build(p.seed, p.hyper);
    const setupMs = dataStart - setupStart + (performance.now() - buildStart);
    let lastPost = -Infinity;
    const loop = new TrainLoop(model, tensors, {
      epochs: p.hyper.epochs,
      batchSize: p.hyper.batchSize,
      seed: p.seed,
      ...(p.maxSeconds !== undefined ? { timeBudgetMs: p.maxSeconds * 1000 } : {}),
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPost < progressInterval && progress.batch < progress.batches) return;
        lastPost = now;
        deps.post({ type: 'progress', payload: { ...progress, backend: choice.backend } });
      },
    });
    run = { loop, model, tensors, backend: choice.backend, dataMs, setupMs };
    deps.post({
      type: 'started',
      payload: { backend: choice.backend, reason: choice.reason, model: p.model, examples: tensors.labels.shape[0], batches: Math.ceil(tensors.labels.shape[0] / p.hyper.batchSize) },
    });
    await continueRun();
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
    if (result.outcome === 'stopped') {
      deps.post({ type: 'stopped', payload: { next: result.next, loss: result.loss, examplesSeen: result.examplesSeen } });
      return;
    }
    deps.post({
      type: 'done',
      payload: {
        outcome: result.outcome, backend: current.backend, loss: result.loss, metrics: result.metrics,
        examplesSeen: result.examplesSeen, examplesPerSecond: result.examplesPerSecond, batchLosses: result.batchLosses,
        timings: { dataMs: current.dataMs, setupMs: current.setupMs, trainMs: result.trainingSeconds * 1000 },
      },
    });
    release();
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
