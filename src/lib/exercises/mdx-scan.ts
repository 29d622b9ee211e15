/** Reads exercise ids and prompts from a lesson's MDX source, for the progress page (no rendering). */
export interface ExerciseSummary {
  readonly id: string;
  readonly prompt: string;
}

const TAG = /<Exercise\b[^>]*?>/g;

export function scanExercises(body: string | undefined): ExerciseSummary[] {
  return [...(body ?? '').matchAll(TAG)].flatMap((match) => {
    const tag = match[0];
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    const prompt = /\bprompt="([^"]*)"/.exec(tag)?.[1] ?? /\btitle="([^"]*)"/.exec(tag)?.[1] ?? '';
    return id ? [{ id, prompt }] : [];
  });
}
