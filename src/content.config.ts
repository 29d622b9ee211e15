import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const DATASETS = ['mnist', 'fashion-mnist', 'photos'] as const;

/** One lesson: `content/lessons/NN-slug/index.mdx`. The folder name is the lesson's id and URL. */
export const lessonSchema = z
  .object({
    title: z.string().min(3).describe('Lesson title, shown in the sidebar, the page heading and the tab.'),
    summary: z.string().min(20).max(240).describe('One or two sentences for the home page and the meta description.'),
    order: z.number().int().min(1).describe('Position in the course; must match the NN prefix of the folder.'),
    objectives: z
      .array(z.string().min(5))
      .min(1)
      .describe('What the reader can do after the lesson; listed at the top of the page.'),
    prerequisites: z
      .array(z.string().regex(/^\d\d-[a-z0-9-]+$/))
      .default([])
      .describe('Ids (folder names) of lessons to read first.'),
    minutes: z.number().int().min(1).max(120).describe('Honest estimate of reading and doing time, in minutes.'),
    datasets: z
      .array(z.enum(DATASETS))
      .default([])
      .describe('Data the lesson loads, so the page can say what it will download.'),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonSchema>;

const lessons = defineCollection({
  loader: glob({ pattern: '*/index.mdx', base: './content/lessons', generateId: ({ entry }) => entry.split('/')[0] ?? entry }),
  schema: lessonSchema,
});

export const collections = { lessons };
