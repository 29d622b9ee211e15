/**
 * The messages between the page and the training worker: typed `{ type, payload }` unions in
 * both directions, plus validators, because a worker must not trust what arrives (a stale tab,
 * a bug, a hand-crafted postMessage) — a malformed message gets an 'error' reply, never a crash.
 */
import {
  isBackendName, type BackendChoice, type BackendName, type BackendProbe, type ProbeReport, type WorkKind,
} from '../ml/backends';
import type { RunOutcome, TrainProgress } from '../ml/train-loop';
import type { EpochStats, ModelRecord } from '../tasks/record';
import { parseStartPayload, type StartPayload, type TestSummary } from '../tasks/schema';
import { featuresRequest, type FeaturesRequest } from '../tasks/features/schema';
import type { FeaturesResult } from '../tasks/features/service';
import { describeIssues } from '../tasks/schema-parts';

export type { FeaturesRequest } from '../tasks/features/schema';
export type { FeaturesResult } from '../tasks/features/service';

export type { AnomalyTest, DataSource, DatasetName, PayloadOf, StartPayload, StartRequest, TaskName, TestSummary } from '../tasks/schema';
export { MAX_EXAMPLES } from '../tasks/schema';

export type SplitName = 'train' | 'test';
export type BackendPreference = BackendName | 'auto';

export interface ProbePayload {
  /** Measure even if a report is cached. */
  force: boolean;
  /** The page's cached report; adopted when `force` is false. */
  cached?: ProbeReport;
  /** ?backend= from the page URL, applied to the choices. */
  forced?: BackendName;
  baseUrl: string;
}

/** Page → worker. */
export type WorkerRequest =
  | { type: 'probe'; payload: ProbePayload }
  | { type: 'start'; payload: StartPayload }
  /** Feature rows without training (lesson 6's retrieval): answered by 'features-result'. */
  | { type: 'features'; payload: FeaturesRequest }
  | { type: 'stop'; payload: Record<string, never> }
  | { type: 'resume'; payload: Record<string, never> };

export interface ProbeResultPayload {
  report: ProbeReport;
  choices: Record<WorkKind, BackendChoice>;
  /** True when the report came from a cache rather than a fresh measurement. */
  cached: boolean;
}

export interface StartedPayload {
  backend: BackendName;
  reason: string;
  model: StartPayload['model'];
  examples: number;
  batches: number;
}

export interface ProgressPayload extends TrainProgress {
  backend: BackendName;
}

export interface Timings {
  /** Getting the examples into tensors. */
  dataMs: number;
  /** setBackend + building the model. */
  setupMs: number;
  /** Training only, pauses excluded. */
  trainMs: number;
}

export interface DonePayload {
  outcome: Exclude<RunOutcome, 'stopped'>;
  backend: BackendName;
  loss: number;
  metrics: Record<string, number>;
  examplesSeen: number;
  examplesPerSecond: number;
  timings: Timings;
  batchLosses: number[];
  /** Evaluation on StartPayload.test, when given and the run completed. */
  test?: TestSummary;
  /** What was stored, when StartPayload.saveKey was given and storing worked. */
  record?: ModelRecord;
  /** Why storing failed, when it did (the result stands; only reuse is lost). */
  saveError?: string;
}

export interface EpochPayload extends EpochStats {
  epochs: number;
  backend: BackendName;
}

export interface StoppedPayload {
  /** 0-based position of the next batch, where resume continues. */
  next: { epoch: number; batch: number };
  loss: number;
  examplesSeen: number;
}

/** A slow step before training starts (computing a frozen network's features), as it goes. */
export interface PreparingPayload {
  stage: string;
  done: number;
  total: number;
}

/** Worker → page. */
export type WorkerEvent =
  | { type: 'probe-progress'; payload: BackendProbe }
  | { type: 'preparing'; payload: PreparingPayload }
  | { type: 'probe-result'; payload: ProbeResultPayload }
  | { type: 'features-result'; payload: FeaturesResult }
  | { type: 'started'; payload: StartedPayload }
  | { type: 'progress'; payload: ProgressPayload }
  | { type: 'epoch'; payload: EpochPayload }
  | { type: 'stopped'; payload: StoppedPayload }
  | { type: 'done'; payload: DonePayload }
  | { type: 'error'; payload: { message: string } };

export type WorkerEventType = WorkerEvent['type'];
export type EventPayload<T extends WorkerEventType> = Extract<WorkerEvent, { type: T }>['payload'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a page → worker message. */
export function parseRequest(data: unknown): Parsed<WorkerRequest> {
  if (!isObject(data)) return { ok: false, error: 'Malformed message: expected an object { type, payload }' };
  const { type, payload } = data;
  if (!isObject(payload)) return { ok: false, error: `Malformed message: ${JSON.stringify(type)} needs an object payload` };
  let error: string | null;
  switch (type) {
    case 'probe':
      error = typeof payload['force'] !== 'boolean' ? 'force must be a boolean'
        : typeof payload['baseUrl'] !== 'string' ? 'baseUrl must be a string'
        : payload['forced'] !== undefined && !isBackendName(payload['forced']) ? 'forced must be a backend name'
        : null;
      break;
    case 'start': {
      const parsed = parseStartPayload(payload);
      if (!parsed.ok) return { ok: false, error: `Malformed start message: ${parsed.error}` };
      return { ok: true, value: { type: 'start', payload: parsed.value } };
    }
    case 'features': {
      const parsed = featuresRequest.safeParse(payload);
      if (!parsed.success) return { ok: false, error: `Malformed features message: ${describeIssues(parsed.error)}` };
      return { ok: true, value: { type: 'features', payload: parsed.data } };
    }
    case 'stop':
    case 'resume':
      error = null;
      break;
    default:
      return { ok: false, error: `Malformed message: unknown type ${JSON.stringify(type)}` };
  }
  return error ? { ok: false, error: `Malformed ${String(type)} message: ${error}` } : { ok: true, value: data as WorkerRequest };
}

const EVENT_TYPES: readonly WorkerEventType[] = ['probe-progress', 'preparing', 'probe-result', 'features-result', 'started', 'progress', 'epoch', 'stopped', 'done', 'error'];

/** Checks the envelope of a worker → page message (the worker is our own code; the page only guards against garbage). */
export function parseEvent(data: unknown): Parsed<WorkerEvent> {
  if (!isObject(data) || !isObject(data['payload']) || !(EVENT_TYPES as readonly unknown[]).includes(data['type'])) {
    return { ok: false, error: 'Malformed message from the training worker' };
  }
  return { ok: true, value: data as WorkerEvent };
}
