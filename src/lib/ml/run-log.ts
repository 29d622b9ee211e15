/**
 * A short log of the reader's finished training runs (localStorage), so a lesson can compare
 * runs: reconstruction error per bottleneck size, accuracy per setting. Only figures, no weights.
 * A damaged or foreign entry is dropped on read, never trusted.
 */
import type { CorruptionSpec } from '../math/corruption';
import { isModelName, type ModelName } from './model-info';
import { FEATURE_LAYERS, type FeatureLayer } from '../tasks/features/schema';

export interface RunSummary {
  /** The cell that ran it (its model-store key). */
  storeKey: string;
  model: ModelName;
  dataset: 'mnist' | 'fashion-mnist';
  trainExamples: number;
  epochs: number;
  bottleneck?: number;
  corruption?: CorruptionSpec;
  testAccuracy?: number;
  testMse?: number;
  testPsnr?: number;
  /** VAEs: latent size, KL weight β, test figures per image (nats) and how evenly the test codes use the plane (math/latent-usage.ts). */
  latent?: number;
  beta?: number;
  testReconstruction?: number;
  testKl?: number;
  evenness?: number;
  /** Lesson 6: what softmax regression learned from, with how many labels per class, and whose network computed the features. */
  features?: FeatureLayer;
  labelsPerClass?: number;
  extractor?: 'none' | 'yours' | 'shipped';
  /** Lesson 10: the super-resolution scale. */
  scale?: number;
  /** 'pretrained': the reader loaded the course's pretrained weights (absent: trained by the reader). */
  source?: 'trained' | 'pretrained';
  /** ISO date. */
  at: string;
}

export const RUN_LOG_KEY = 'bottleneck:runs:v1';
export const RUN_LOG_LIMIT = 60;
/** Fired on window after a run is logged: detail { storeKey }. */
export const RUN_LOGGED_EVENT = 'bottleneck:run-logged';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** A figure for the log, or undefined where it is not a finite number (a NaN the task does not have). */
export const finiteFigure = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) ? v : undefined);

const finiteOrAbsent = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));

function isRunSummary(v: unknown): v is RunSummary {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r['storeKey'] === 'string' && isModelName(r['model']) && (r['dataset'] === 'mnist' || r['dataset'] === 'fashion-mnist')
    && Number.isInteger(r['trainExamples']) && Number.isInteger(r['epochs']) && typeof r['at'] === 'string'
    && (r['bottleneck'] === undefined || Number.isInteger(r['bottleneck']))
    && finiteOrAbsent(r['testAccuracy']) && finiteOrAbsent(r['testMse']) && finiteOrAbsent(r['testPsnr'])
    && (r['latent'] === undefined || Number.isInteger(r['latent'])) && finiteOrAbsent(r['beta'])
    && finiteOrAbsent(r['testReconstruction']) && finiteOrAbsent(r['testKl']) && finiteOrAbsent(r['evenness'])
    && (r['features'] === undefined || (FEATURE_LAYERS as readonly unknown[]).includes(r['features']))
    && (r['labelsPerClass'] === undefined || Number.isInteger(r['labelsPerClass']))
    && (r['extractor'] === undefined || ['none', 'yours', 'shipped'].includes(r['extractor'] as string))
    && (r['scale'] === undefined || r['scale'] === 2 || r['scale'] === 4)
    && (r['source'] === undefined || r['source'] === 'trained' || r['source'] === 'pretrained');
}

/** Every valid logged run, oldest first; [] when nothing (or nothing readable) is stored. */
export function readRuns(storage: KeyValueStorage | null): RunSummary[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(RUN_LOG_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRunSummary) : [];
  } catch {
    return [];
  }
}

/** The page's logged runs; [] where the browser blocks storage (reading localStorage itself can throw). */
export function readPageRuns(): RunSummary[] {
  try {
    return readRuns(globalThis.localStorage ?? null);
  } catch {
    return [];
  }
}

/** Where a damaged run log is copied before the valid runs in it are written back. */
export const RUN_LOG_BACKUP_KEY = `${RUN_LOG_KEY}:backup`;

/** Whether the stored text holds anything readRuns drops (damage, or entries it cannot read). */
function hasUnreadable(raw: string): boolean {
  try {
    const parsed: unknown = JSON.parse(raw);
    return !Array.isArray(parsed) || parsed.some((r) => !isRunSummary(r));
  } catch {
    return true;
  }
}

/**
 * What logRun did: 'saved'; 'repaired' (saved, but entries of the log it could not read were
 * dropped, and the text as it was copied to `backupKey`); 'failed' (storage refused it).
 */
export type RunLogOutcome = { kind: 'saved' } | { kind: 'repaired'; backupKey: string } | { kind: 'failed' };

/** A backup key not yet in use: RUN_LOG_BACKUP_KEY, or with a time stamp when an earlier backup holds it. */
function freeBackupKey(storage: KeyValueStorage, raw: string): string | null {
  const existing = storage.getItem(RUN_LOG_BACKUP_KEY);
  if (existing === null) return RUN_LOG_BACKUP_KEY;
  if (existing === raw) return null; // this very text is already kept
  return `${RUN_LOG_BACKUP_KEY}:${new Date().toISOString()}`;
}

/**
 * Appends a run (dropping the oldest beyond RUN_LOG_LIMIT). A log with unreadable parts (damage,
 * or entries from a newer version) keeps its readable runs, and the text as it was is copied to a
 * backup key first, never over an earlier backup, so nothing is lost; the outcome says so, for
 * the reader.
 */
export function logRun(storage: KeyValueStorage | null, run: RunSummary): RunLogOutcome {
  if (!storage || !isRunSummary(run)) return { kind: 'failed' };
  const runs = [...readRuns(storage), run].slice(-RUN_LOG_LIMIT);
  let outcome: RunLogOutcome = { kind: 'saved' };
  try {
    const raw = storage.getItem(RUN_LOG_KEY);
    if (raw !== null && hasUnreadable(raw)) {
      const backupKey = freeBackupKey(storage, raw);
      if (backupKey) storage.setItem(backupKey, raw);
      outcome = { kind: 'repaired', backupKey: backupKey ?? RUN_LOG_BACKUP_KEY };
    }
    storage.setItem(RUN_LOG_KEY, JSON.stringify(runs));
  } catch {
    return { kind: 'failed' }; // quota or blocked storage: the run's result still shows in its cell
  }
  globalThis.dispatchEvent?.(new CustomEvent(RUN_LOGGED_EVENT, { detail: { storeKey: run.storeKey } }));
  return outcome;
}

/** What the reader is told when their run history had to be repaired (logRun's 'repaired'). */
export function repairedRunLogNote(backupKey: string): string {
  return `Your history of training runs in this browser had entries this version cannot read (damaged, or written by a newer version of the course). They were set aside and this run was added to the readable ones; a copy of the history as it was is kept in this browser under “${backupKey}”.`;
}

/** Calls `listener` after every logged run; returns the unsubscribe function. */
export function onRunLogged(listener: (storeKey: string) => void): () => void {
  const handler = (event: Event): void => {
    const key = (event as CustomEvent<{ storeKey?: unknown }>).detail?.storeKey;
    if (typeof key === 'string') listener(key);
  };
  globalThis.addEventListener?.(RUN_LOGGED_EVENT, handler);
  return () => globalThis.removeEventListener?.(RUN_LOGGED_EVENT, handler);
}

/**
 * Calls `refresh` after every run logged in this tab or another tab of the course (the storage
 * event); returns the unsubscribe function. For charts of the reader's runs.
 */
export function followRunLog(refresh: () => void): () => void {
  const fromOtherTab = (event: StorageEvent): void => {
    if (event.key === RUN_LOG_KEY || event.key === null) refresh();
  };
  globalThis.addEventListener?.('storage', fromOtherTab);
  const stop = onRunLogged(refresh);
  return () => {
    stop();
    globalThis.removeEventListener?.('storage', fromOtherTab);
  };
}

/** Fired on window when a cell's settings change: detail { storeKey, settings }. A diagram can follow them. */
export const CELL_SETTINGS_EVENT = 'bottleneck:cell-settings';

export interface CellSettingsDetail {
  storeKey: string;
  model: ModelName;
  bottleneck?: number;
  /** Lesson 6: the features the cell's regression learns from (a pipeline diagram follows them). */
  features?: FeatureLayer;
  dataset: 'mnist' | 'fashion-mnist';
}

export function announceCellSettings(detail: CellSettingsDetail): void {
  globalThis.dispatchEvent?.(new CustomEvent(CELL_SETTINGS_EVENT, { detail }));
}

export function onCellSettings(storeKey: string, listener: (detail: CellSettingsDetail) => void): () => void {
  const handler = (event: Event): void => {
    const detail = (event as CustomEvent<CellSettingsDetail | undefined>).detail;
    if (detail?.storeKey === storeKey) listener(detail);
  };
  globalThis.addEventListener?.(CELL_SETTINGS_EVENT, handler);
  return () => globalThis.removeEventListener?.(CELL_SETTINGS_EVENT, handler);
}
