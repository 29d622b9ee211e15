// One answer file per lesson (src/lib/exercises/answer-keys.ts): fetched by the lesson's
// exercises when the reader presses Check or opens a solution, so no answer is in the page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { answerFileOf } from '../../lib/exercises/answer-file';

export const getStaticPaths: GetStaticPaths = async () => {
  const lessons = await getCollection('lessons');
  return lessons.map((lesson) => ({ params: { lesson: lesson.id }, props: { body: lesson.body } }));
};

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(answerFileOf((props as { body?: string }).body)), { headers: { 'Content-Type': 'application/json' } });
