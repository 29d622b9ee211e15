/** One exercise's view state, kept in step with the shared progress store. */
import { solutionAccess, nextHintCount } from '../../lib/exercises/attempt-policy';
import type { AnswerKey, ExerciseKindName, SpecOf } from '../../lib/exercises/answer-keys';
import type { Grade, GradeStatus } from '../../lib/exercises/grading';
import { fetchAnswerKey, KEY_UNAVAILABLE } from '../../lib/exercises/key-client';
import { getProgressStore } from '../../lib/exercises/progress-store';
import type { SavedAnswer } from '../../lib/exercises/types';

export interface Feedback {
  readonly tone: GradeStatus;
  readonly message: string;
}

/** Two saved answers are the same when their JSON is (answers are plain JSON values). */
export function sameAnswer(a: SavedAnswer | undefined, b: SavedAnswer): boolean {
  return a !== undefined && a !== null && JSON.stringify(a) === JSON.stringify(b);
}

export class ExerciseState {
  attempts = $state(0);
  solved = $state(false);
  hintsShown = $state(0);
  solutionOpened = $state(false);
  feedback = $state<Feedback | null>(null);
  readonly access = $derived(solutionAccess(this.attempts, this.solved));
  readonly solutionVisible = $derived(this.solutionOpened || this.access === 'shown');

  /** The answer key, fetched when first needed (answer-keys.ts): null until then. */
  key = $state.raw<AnswerKey | null>(null);
  /** A check is waiting for the key: further presses are ignored. */
  grading = $state(false);

  readonly id: string;
  readonly hintCount: number;
  readonly lesson: string;

  constructor(id: string, hintCount: number, lesson: string) {
    this.id = id;
    this.hintCount = hintCount;
    this.lesson = lesson;
  }

  /** The key, fetching the lesson's answer file once; null (with a message shown) when it cannot be fetched. */
  async loadKey(): Promise<AnswerKey | null> {
    if (this.key) return this.key;
    try {
      this.key = await fetchAnswerKey(import.meta.env.BASE_URL, this.lesson, this.id);
      return this.key;
    } catch {
      this.feedback = { tone: 'invalid', message: KEY_UNAVAILABLE };
      return null;
    }
  }

  /**
   * Check: fetches the key, grades with its full spec and submits (see submit). Presses while a
   * check waits for the key are ignored, so a double click is one check.
   */
  async check<K extends ExerciseKindName>(grade: (spec: SpecOf[K]) => Grade, answer: SavedAnswer, completes = false): Promise<Grade | null> {
    if (this.grading) return null;
    this.grading = true;
    try {
      const key = await this.loadKey();
      if (!key) return null;
      const result = grade(key.spec as SpecOf[K]);
      this.submit(result, answer, completes);
      return result;
    } finally {
      this.grading = false;
    }
  }

  /**
   * Loads this exercise's saved record (handing its answer to `restore`) and follows later
   * changes, including other tabs' and resets (then `cleared` runs). Browser only; returns the unsubscribe function.
   */
  connect(restore: (answer: SavedAnswer) => void, cleared?: () => void): () => void {
    const store = getProgressStore();
    const saved = store.record(this.id);
    if (saved && saved.answer !== null) restore(saved.answer);
    let had = saved !== undefined;
    const sync = (): void => {
      const record = store.record(this.id);
      this.attempts = record?.attempts ?? 0;
      this.solved = record?.solved ?? false;
      if (had && !record) {
        // Erased by a reset or an import, here or in another tab.
        this.feedback = null;
        this.solutionOpened = false;
        this.hintsShown = 0;
        cleared?.();
      }
      had = record !== undefined;
    };
    sync();
    return store.subscribe(sync);
  }

  /**
   * Shows the grade; a readable answer counts as an attempt and is saved. `completes` marks the
   * exercise done even when the answer was wrong (a locked prediction cannot be retried).
   */
  submit(grade: Grade, answer: SavedAnswer, completes = false): void {
    if (grade.status === 'invalid') {
      this.feedback = { tone: 'invalid', message: grade.message };
      return;
    }
    const store = getProgressStore();
    const last = store.record(this.id);
    // The same wrong answer again (a double click, or Check pressed twice) is one attempt, not two:
    // repeating it must not bring the solution closer.
    if (grade.status === 'incorrect' && !completes && last && !last.solved && sameAnswer(last.answer, answer)) {
      this.feedback = { tone: 'incorrect', message: `${grade.message} (The same answer as before: not counted again.)` };
      return;
    }
    void store.recordAttempt(this.id, completes || grade.status === 'correct', answer);
    // The attempt number makes a repeated message a new announcement for screen readers.
    const suffix = grade.status === 'incorrect' ? ` (Attempt ${this.attempts}.)` : '';
    this.feedback = { tone: grade.status, message: `${grade.message}${suffix}` };
  }

  showHint(): void {
    this.hintsShown = nextHintCount(this.hintsShown, this.hintCount);
  }

  openSolution(): void {
    if (this.access !== 'locked') this.solutionOpened = true;
  }
}
