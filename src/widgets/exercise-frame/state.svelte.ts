/** One exercise's view state, kept in step with the shared progress store. */
import { solutionAccess, nextHintCount } from '../../lib/exercises/attempt-policy';
import type { Grade, GradeStatus } from '../../lib/exercises/grading';
import { getProgressStore } from '../../lib/exercises/progress-store';
import type { SavedAnswer } from '../../lib/exercises/types';

export interface Feedback {
  readonly tone: GradeStatus;
  readonly message: string;
}

export class ExerciseState {
  attempts = $state(0);
  solved = $state(false);
  hintsShown = $state(0);
  solutionOpened = $state(false);
  feedback = $state<Feedback | null>(null);
  readonly access = $derived(solutionAccess(this.attempts, this.solved));
  readonly solutionVisible = $derived(this.solutionOpened || this.access === 'shown');

  readonly id: string;
  readonly hintCount: number;

  constructor(id: string, hintCount: number) {
    this.id = id;
    this.hintCount = hintCount;
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
    void getProgressStore().recordAttempt(this.id, completes || grade.status === 'correct', answer);
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
