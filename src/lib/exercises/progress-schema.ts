/**
 * The saved-progress format, its validation and its merge rule. Hand-written validators keep
 * zod out of every lesson page's JavaScript; the rules are small enough to read in one go.
 *
 * v1: { version: 1, resetAt: number, exercises: { [id]: { solved, attempts, answer, updatedAt } } }
 * v0 (the prototype's format, migrated on load): { version: 0, solved: string[] }
 */
import type { SavedAnswer } from './types';

export const PROGRESS_VERSION = 1;

export interface ExerciseRecord {
  readonly solved: boolean;
  readonly attempts: number;
  /** The reader's last checked answer, restored into the exercise on the next visit. */
  readonly answer: SavedAnswer;
  /** Milliseconds since 1970; the later record's answer wins a merge. */
  readonly updatedAt: number;
}

export interface ProgressData {
  readonly version: typeof PROGRESS_VERSION;
  /** Records not updated after this time were erased by a reset (or replaced by an import). */
  readonly resetAt: number;
  readonly exercises: Readonly<Record<string, ExerciseRecord>>;
}

export type ParsedProgress =
  | { kind: 'ok'; data: ProgressData }
  | { kind: 'migrated'; data: ProgressData; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'corrupt'; reason: string }
  /** Readable as a whole, but some exercises' records were not: they are left out (`dropped`, with the first reason). */
  | { kind: 'repaired'; data: ProgressData; dropped: string[]; reason: string };

export const emptyProgress = (resetAt = 0): ProgressData => ({ version: PROGRESS_VERSION, resetAt, exercises: {} });

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const MAX_EXERCISES = 5000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A small JSON value: strings ≤ 200 chars, arrays ≤ 100 items, nesting ≤ 3. */
export function isSavedAnswer(value: unknown, depth = 0): value is SavedAnswer {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= 200;
  if (Array.isArray(value)) return depth < 3 && value.length <= 100 && value.every((v) => isSavedAnswer(v, depth + 1));
  return false;
}

function validateRecord(id: string, value: unknown): ExerciseRecord | string {
  const at = `exercise “${id.slice(0, 40)}”`;
  if (!ID.test(id)) return `${at}: the id is not a valid exercise id`;
  if (!isRecord(value)) return `${at}: expected an object`;
  const { solved, attempts, answer, updatedAt } = value;
  if (typeof solved !== 'boolean') return `${at}: “solved” must be true or false`;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0) return `${at}: “attempts” must be a whole number, 0 or more`;
  if (!isSavedAnswer(answer)) return `${at}: “answer” is not a short JSON value`;
  if (!isTime(updatedAt)) return `${at}: “updatedAt” must be a time in milliseconds`;
  return { solved, attempts, answer, updatedAt };
}

/** Validates an already-parsed JSON value of any version. */
export function validateProgress(value: unknown): ParsedProgress {
  if (!isRecord(value)) return { kind: 'corrupt', reason: 'expected a JSON object' };
  const { version } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return { kind: 'corrupt', reason: '“version” is missing or not a whole number' };
  // Checked before the shape: a newer version may look like anything.
  if (version > PROGRESS_VERSION) return { kind: 'newer', version };
  if (version === 0) return migrateV0(value);
  const { exercises } = value;
  const resetAt = value['resetAt'] ?? 0;
  if (!isTime(resetAt)) return { kind: 'corrupt', reason: '“resetAt” must be a time in milliseconds' };
  if (!isRecord(exercises)) return { kind: 'corrupt', reason: '“exercises” must be an object' };
  const entries = Object.entries(exercises);
  if (entries.length > MAX_EXERCISES) return { kind: 'corrupt', reason: 'too many exercises' };
  const out: Record<string, ExerciseRecord> = {};
  const dropped: string[] = [];
  let reason = '';
  for (const [id, record] of entries) {
    const checked = validateRecord(id, record);
    if (typeof checked === 'string') {
      // One bad record costs only itself: the reader's other exercises are kept.
      dropped.push(id);
      reason ||= checked;
    } else out[id] = checked;
  }
  const data: ProgressData = { version: PROGRESS_VERSION, resetAt, exercises: out };
  return dropped.length > 0 ? { kind: 'repaired', data, dropped, reason } : { kind: 'ok', data };
}

function migrateV0(value: Record<string, unknown>): ParsedProgress {
  const { solved } = value;
  if (!Array.isArray(solved) || !solved.every((id) => typeof id === 'string' && ID.test(id))) {
    return { kind: 'corrupt', reason: 'version 0 data needs “solved”, a list of exercise ids' };
  }
  const exercises: Record<string, ExerciseRecord> = {};
  // v0 kept no times or attempts: count one attempt, dated just after the epoch so any newer record wins.
  for (const id of solved as string[]) exercises[id] = { solved: true, attempts: 1, answer: null, updatedAt: 1 };
  return { kind: 'migrated', from: 0, data: { version: PROGRESS_VERSION, resetAt: 0, exercises } };
}

/** Parses the stored text. Never throws. */
export function parseProgress(raw: string): ParsedProgress {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt', reason: 'not valid JSON' };
  }
  return validateProgress(value);
}

function answerKey(answer: SavedAnswer): string {
  return JSON.stringify(answer);
}

/** Combines two records of one exercise: solved stays solved; the later answer wins. Commutative. */
export function mergeRecord(a: ExerciseRecord, b: ExerciseRecord): ExerciseRecord {
  const later = a.updatedAt !== b.updatedAt ? (a.updatedAt > b.updatedAt ? a : b) : answerKey(a.answer) >= answerKey(b.answer) ? a : b;
  return {
    solved: a.solved || b.solved,
    attempts: Math.max(a.attempts, b.attempts),
    answer: later.answer,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

/**
 * Joins two states (another tab's and ours) so neither loses a completion. Commutative,
 * associative and idempotent, so tabs that merge in any order agree. A reset wins over every
 * record it is newer than.
 */
export function mergeProgress(a: ProgressData, b: ProgressData): ProgressData {
  const resetAt = Math.max(a.resetAt, b.resetAt);
  const exercises: Record<string, ExerciseRecord> = {};
  for (const id of new Set([...Object.keys(a.exercises), ...Object.keys(b.exercises)])) {
    const ra = a.exercises[id];
    const rb = b.exercises[id];
    const keepA = ra && ra.updatedAt > resetAt ? ra : undefined;
    const keepB = rb && rb.updatedAt > resetAt ? rb : undefined;
    const merged = keepA && keepB ? mergeRecord(keepA, keepB) : (keepA ?? keepB);
    if (merged) exercises[id] = merged;
  }
  return { version: PROGRESS_VERSION, resetAt, exercises };
}

/** A stable text form (ids sorted) to compare two states. */
export function canonicalProgress(data: ProgressData): string {
  const ids = Object.keys(data.exercises).sort();
  return JSON.stringify({ version: data.version, resetAt: data.resetAt, exercises: ids.map((id) => [id, data.exercises[id]]) });
}
