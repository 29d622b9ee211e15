import { getCollection, type CollectionEntry } from 'astro:content';
import { COURSE_PLAN } from './plan';

export type Lesson = CollectionEntry<'lessons'>;

export interface CourseEntry {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  /** Undefined while the lesson is only planned. */
  readonly lesson: Lesson | undefined;
  readonly href: string | undefined;
  /** Ids of the graded exercises the lesson's MDX declares, in page order. */
  readonly exerciseIds: readonly string[];
}

const EXERCISE_TAG = /<Exercise\b[^>]*?\bid="([^"]+)"/g;

/** Exercise ids are read from the MDX source so progress can be shown without rendering the page. */
export function exerciseIdsOf(body: string | undefined): string[] {
  return [...(body ?? '').matchAll(EXERCISE_TAG)].map((m) => m[1] ?? '');
}

export function lessonHref(id: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/lessons/${id}/`;
}

/** The course plan joined with the written lessons; fails the build on a mismatch. */
export async function getCourse(): Promise<CourseEntry[]> {
  const lessons = await getCollection('lessons');
  const byId = new Map(lessons.map((l) => [l.id, l]));
  for (const l of lessons) {
    const index = COURSE_PLAN.findIndex((p) => p.id === l.id);
    if (index === -1) throw new Error(`Lesson "${l.id}" is not in src/lib/course/plan.ts.`);
    if (index + 1 !== l.data.order) {
      throw new Error(`Lesson "${l.id}" has order ${l.data.order}, but its place in the plan is ${index + 1}.`);
    }
  }
  return COURSE_PLAN.map((p, i) => {
    const lesson = byId.get(p.id);
    return {
      id: p.id,
      number: i + 1,
      title: lesson?.data.title ?? p.title,
      lesson,
      href: lesson ? lessonHref(p.id) : undefined,
      exerciseIds: exerciseIdsOf(lesson?.body),
    };
  });
}
