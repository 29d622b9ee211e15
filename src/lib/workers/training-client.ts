/**
 * The page's side of the training worker: owns ONE Worker, allows one run at a time,
 * turns messages into typed callbacks and caches the backend probe in localStorage.
 */
import type { BackendName } from '../ml/backends';
import { browserStorage, loadCachedReport, saveReport } from '../ml/probe-cache';
import {
  parseEvent, type EventPayload, type FeaturesRequest, type FeaturesResult, type ProbeResultPayload, type StartPayload, type StartRequest, type WorkerEvent, type WorkerEventType, type WorkerRequest,
} from './protocol';
import { attachDebug, debugConfig, workerName } from './debug-hooks';

/** The part of Worker we use, so tests can plug in an in-process fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  terminate(): void;
}

export type ClientState = 'idle' | 'probing' | 'extracting' | 'starting' | 'running' | 'stopping' | 'stopped' | 'terminated';

export class TrainingBusyError extends Error {
  constructor(state: ClientState) {
    super(`A training run is already in progress (${state}): stop it or wait for it to finish before starting another`);
    this.name = 'TrainingBusyError';
  }
}

export interface TrainingClientOptions {
  /** Site base path without trailing slash ('' at the root). */
  baseUrl: string;
  createWorker?: () => WorkerLike;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** From ?backend=, applied to probe choices. */
  forcedBackend?: BackendName | null;
}

type Listener<T extends WorkerEventType> = (payload: EventPayload<T>) => void;

function defaultWorker(): WorkerLike {
  // The name carries the debug mode (?debug-worker=…) into the worker before its first message.
  const name = workerName(debugConfig());
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;
}

export class TrainingClient {
  private worker: WorkerLike | null = null;
  /** Test hooks (debug-hooks.ts), only with ?debug-worker= in the page URL. */
  private debug: ReturnType<typeof attachDebug> | null = null;
  private currentState: ClientState = 'idle';
  private readonly listeners = new Map<WorkerEventType, Set<(payload: never) => void>>();
  private pendingProbe: { resolve: (r: ProbeResultPayload) => void; reject: (e: Error) => void } | null = null;
  private pendingFeatures: { resolve: (r: FeaturesResult) => void; reject: (e: Error) => void } | null = null;
  private readonly storage: TrainingClientOptions['storage'];
  private readonly userAgent = globalThis.navigator?.userAgent ?? 'node';

  constructor(private readonly options: TrainingClientOptions) {
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
  }

  get state(): ClientState {
    return this.currentState;
  }

  get busy(): boolean {
    return ['probing', 'extracting', 'starting', 'running', 'stopping'].includes(this.currentState);
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends WorkerEventType>(type: T, listener: Listener<T>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Measures the backends in the worker (or reuses the cached report unless `force`). */
  probe(options: { force?: boolean } = {}): Promise<ProbeResultPayload> {
    if (this.currentState === 'terminated') return Promise.reject(new Error('This training client was terminated'));
    if (this.busy) return Promise.reject(new TrainingBusyError(this.currentState));
    const cached = options.force ? null : loadCachedReport(this.storage, this.userAgent);
    this.currentState = 'probing';
    return new Promise((resolve, reject) => {
      this.pendingProbe = { resolve, reject };
      this.send({
        type: 'probe',
        payload: {
          force: options.force ?? false, baseUrl: this.options.baseUrl,
          ...(cached ? { cached } : {}), ...(this.options.forcedBackend ? { forced: this.options.forcedBackend } : {}),
        },
      });
    });
  }

  /** Feature rows of a set of images (lesson 6's retrieval), computed and cached in the worker. */
  features(request: Omit<FeaturesRequest, 'baseUrl'>): Promise<FeaturesResult> {
    if (this.currentState === 'terminated') return Promise.reject(new Error('This training client was terminated'));
    if (this.busy) return Promise.reject(new TrainingBusyError(this.currentState));
    this.currentState = 'extracting';
    return new Promise((resolve, reject) => {
      this.pendingFeatures = { resolve, reject };
      this.send({ type: 'features', payload: { ...request, baseUrl: this.options.baseUrl } });
    });
  }

  /** Starts a run. Throws TrainingBusyError while another run (or a probe) is in progress. */
  start(payload: StartRequest, transfer: Transferable[] = []): void {
    if (this.currentState === 'terminated') throw new Error('This training client was terminated');
    if (this.busy) throw new TrainingBusyError(this.currentState);
    const cached = loadCachedReport(this.storage, this.userAgent);
    const backend = payload.backend === 'auto' && this.options.forcedBackend ? this.options.forcedBackend : payload.backend;
    this.currentState = 'starting';
    this.send({ type: 'start', payload: { ...payload, backend, baseUrl: this.options.baseUrl, ...(cached ? { probe: cached } : {}) } as StartPayload }, transfer);
  }

  /** Asks the run to stop after its current batch; a 'stopped' event follows. */
  stop(): void {
    if (this.currentState !== 'running' && this.currentState !== 'starting') return;
    this.currentState = 'stopping';
    this.send({ type: 'stop', payload: {} });
  }

  /** Continues a stopped run from the next batch. */
  resume(): void {
    if (this.currentState !== 'stopped') throw new Error('There is no stopped run to resume');
    this.currentState = 'running';
    this.send({ type: 'resume', payload: {} });
  }

  /** Ends the worker at once (tfjs memory goes with it). The client cannot be used afterwards. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.debug?.terminated();
    this.currentState = 'terminated';
    this.pendingProbe?.reject(new Error('The training worker was terminated'));
    this.pendingProbe = null;
    this.pendingFeatures?.reject(new Error('The training worker was terminated'));
    this.pendingFeatures = null;
  }

  private send(message: WorkerRequest, transfer: Transferable[] = []): void {
    if (this.currentState === 'terminated') throw new Error('This training client was terminated');
    if (!this.worker) {
      const worker = (this.options.createWorker ?? defaultWorker)();
      if (!this.options.createWorker && debugConfig().enabled) this.debug = attachDebug(worker as unknown as { postMessage(m: unknown): void });
      worker.addEventListener('message', (event) => {
        if (!this.debug?.receive(event.data)) this.receive(event.data);
      });
      this.worker = worker;
    }
    this.worker.postMessage(message, transfer);
  }

  private receive(data: unknown): void {
    if (this.currentState === 'terminated') return;
    const parsed = parseEvent(data);
    const event: WorkerEvent = parsed.ok ? parsed.value : { type: 'error', payload: { message: parsed.error } };
    switch (event.type) {
      case 'probe-result':
        if (!event.payload.cached) saveReport(this.storage, event.payload.report);
        if (this.currentState === 'probing') this.currentState = 'idle';
        this.pendingProbe?.resolve(event.payload);
        this.pendingProbe = null;
        break;
      case 'started':
      case 'progress':
        if (this.currentState === 'starting') this.currentState = 'running';
        break;
      case 'stopped':
        this.currentState = 'stopped';
        break;
      case 'done':
        this.currentState = 'idle';
        break;
      case 'error':
        // The client refuses overlapping work itself, so an error from the worker ends whatever was going on.
        if (this.currentState !== 'stopped') this.currentState = 'idle';
        this.pendingProbe?.reject(new Error(event.payload.message));
        this.pendingProbe = null;
        this.pendingFeatures?.reject(new Error(event.payload.message));
        this.pendingFeatures = null;
        break;
      case 'features-result':
        if (this.currentState === 'extracting') this.currentState = 'idle';
        this.pendingFeatures?.resolve(event.payload);
        this.pendingFeatures = null;
        break;
      case 'probe-progress':
        break;
    }
    for (const listener of this.listeners.get(event.type) ?? []) (listener as (payload: unknown) => void)(event.payload);
  }
}
