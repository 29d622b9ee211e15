/**
 * A lesson's answer file (build time): every <Exercise> of its MDX source resolved exactly as
 * Exercise.astro resolves it, keeping the answer half. Served as /answers/<lesson>.json.
 */
import { answerKeyOf, type AnswerFile } from './answer-keys';
import { resolveExercise } from './exercise-props';
import { exerciseTagProps } from './mdx-props';

export function answerFileOf(body: string | undefined): AnswerFile {
  const file: Record<string, ReturnType<typeof answerKeyOf>> = {};
  for (const props of exerciseTagProps(body ?? '')) {
    const exercise = resolveExercise(props);
    if (exercise.id in file) throw new Error(`<Exercise id="${exercise.id}"> appears twice in one lesson`);
    file[exercise.id] = answerKeyOf(exercise);
  }
  return file;
}
