/**
 * An exercise in two halves: the question, which the page carries (prompt, options, the input's
 * shape, hints), and the answer key, which it does not (the right answer, per-option feedback,
 * the explanation and the worked solution). Keys are built into one file per lesson,
 * /answers/<lesson>.json (src/pages/answers/[lesson].json.ts), that the page fetches when the
 * reader presses Check or opens the solution. A static site cannot hide that file from someone
 * who goes looking (CONTRIBUTING.md says so), but the page itself no longer hands answers out.
 */
import type { ResolvedExercise } from './exercise-props';
import type { ChoiceOption, FilterDesignSpec, GridSpec, ModelChallengeSpec, MultipleChoiceSpec, NumericSpec, PredictSpec } from './types';

/** A multiple-choice question: the options, not which are right. */
export interface MultipleChoiceQuestion { readonly options: readonly ChoiceOption[]; readonly multiple: boolean }
/** A numeric question: what the field is called. */
export interface NumericQuestion { readonly label: string; readonly unit?: string }
/** A grid to fill in: its size only. */
export interface GridQuestion { readonly rows: number; readonly cols: number }
/** A prediction: the experiment Run shows, and the form of the guess without its answer. */
export interface PredictQuestion {
  readonly experiment: PredictSpec['experiment'];
  readonly guess:
    | { readonly kind: 'choice'; readonly options: readonly ChoiceOption[] }
    | { readonly kind: 'number'; readonly label: string; readonly pixel: readonly [number, number] }
    | { readonly kind: 'size'; readonly label: string };
}

/** What each kind's island is given to ask the question. A filter design and a model challenge have nothing secret: their goal is the question. */
export interface QuestionOf {
  'multiple-choice': MultipleChoiceQuestion;
  numeric: NumericQuestion;
  grid: GridQuestion;
  'filter-design': FilterDesignSpec;
  predict: PredictQuestion;
  'model-challenge': ModelChallengeSpec;
}

/** The full spec each kind is graded with. */
export interface SpecOf {
  'multiple-choice': MultipleChoiceSpec;
  numeric: NumericSpec;
  grid: GridSpec;
  'filter-design': FilterDesignSpec;
  predict: PredictSpec;
  'model-challenge': ModelChallengeSpec;
}

export type ExerciseKindName = keyof SpecOf;

/** One exercise's answer key: the full spec to grade with, and the texts shown after an attempt. */
export interface AnswerKey<K extends ExerciseKindName = ExerciseKindName> {
  readonly kind: K;
  readonly spec: SpecOf[K];
  readonly solution: string;
  readonly explanation?: string;
}

/** A lesson's answer file: exercise id → key. */
export type AnswerFile = Readonly<Record<string, AnswerKey>>;

/** The question half of a resolved exercise: only what is needed to ask it. */
export function questionOf(e: ResolvedExercise): QuestionOf[ExerciseKindName] {
  switch (e.kind) {
    case 'multiple-choice':
      return { options: e.spec.options, multiple: e.spec.multiple };
    case 'numeric':
      return { label: e.spec.label, ...(e.spec.unit ? { unit: e.spec.unit } : {}) };
    case 'grid':
      return { rows: e.spec.expected.length, cols: e.spec.expected[0]?.length ?? 0 };
    case 'filter-design':
      return e.spec;
    case 'predict': {
      const g = e.spec.guess;
      const guess = g.kind === 'choice' ? { kind: g.kind, options: g.options } : g.kind === 'number' ? { kind: g.kind, label: g.label, pixel: g.pixel } : { kind: g.kind, label: g.label };
      return { experiment: e.spec.experiment, guess };
    }
    case 'model-challenge':
      return e.spec;
  }
}

/** The answer half of a resolved exercise. */
export function answerKeyOf(e: ResolvedExercise): AnswerKey {
  return { kind: e.kind, spec: e.spec, solution: e.solution, ...(e.explanation ? { explanation: e.explanation } : {}) } as AnswerKey;
}

/** The URL of a lesson's answer file under the site's base ("/" or "/course/"). */
export function answerFileUrl(base: string, lesson: string): string {
  return `${base.replace(/\/?$/, '/')}answers/${encodeURIComponent(lesson)}.json`;
}
