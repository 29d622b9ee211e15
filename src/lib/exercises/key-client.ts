/**
 * Fetches a lesson's answer file (answer-keys.ts) once per page, when the first exercise needs
 * it: on Check, or to show a solution or an explanation. A failed fetch is forgotten, so the next
 * press tries again.
 */
import { answerFileUrl, type AnswerFile, type AnswerKey } from './answer-keys';

const files = new Map<string, Promise<AnswerFile>>();

/** What the reader is told when the answers cannot be fetched. */
export const KEY_UNAVAILABLE = 'The answers could not be loaded to check this (are you offline?). Try again in a moment.';

function fetchFile(base: string, lesson: string, fetcher: typeof fetch): Promise<AnswerFile> {
  let file = files.get(lesson);
  if (!file) {
    file = fetcher(answerFileUrl(base, lesson)).then(async (response) => {
      if (!response.ok) throw new Error(`answer file: HTTP ${response.status}`);
      const json = (await response.json()) as unknown;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('answer file: not an object');
      return json as AnswerFile;
    });
    files.set(lesson, file);
    file.catch(() => files.delete(lesson));
  }
  return file;
}

/** The key of exercise `id` in `lesson`; rejects when the file cannot be fetched or lacks the exercise. */
export async function fetchAnswerKey(base: string, lesson: string, id: string, fetcher: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<AnswerKey> {
  const key = (await fetchFile(base, lesson, fetcher))[id];
  if (!key || typeof key.solution !== 'string' || typeof key.spec !== 'object') throw new Error(`answer file: no key for ${id}`);
  return key;
}
