/**
 * What the site search shows, from Pagefind's result data: one entry per page with its best
 * sections (the headings inside the lesson, with their excerpts). Pure; the header script fetches
 * the data and renders these.
 */

/** The parts of Pagefind's `result.data()` the search uses (see pagefind.app/docs/api). */
export interface PagefindSubResult { title: string; url: string; excerpt: string }
export interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}

export interface SearchHit {
  title: string;
  url: string;
  /** Pagefind's excerpt: text with the matched words in <mark>, nothing else. */
  excerpt: string;
  sections: PagefindSubResult[];
}

/** Sections shown under each page. */
export const SECTIONS_PER_PAGE = 3;

/** Pagefind excerpts are escaped text with <mark> tags; anything else is escaped again, so no markup but <mark> survives. */
export function safeExcerpt(excerpt: string): string {
  const escaped = excerpt.replace(/&(?!(?:amp|lt|gt|quot|#39|#x27);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/&lt;mark&gt;/g, '<mark>').replace(/&lt;\/mark&gt;/g, '</mark>');
}

const isObjectives = (s: PagefindSubResult): boolean => s.url.endsWith('#objectives-heading');

/** A page's hit: its title, and the sections whose heading links into it (the page's own top left out). */
export function toHit(data: PagefindData): SearchHit {
  const pageUrl = data.url.split('#')[0];
  const inPage = (data.sub_results ?? []).filter((s) => s.url.includes('#') && s.url.split('#')[0] === pageUrl);
  // A lesson's objectives repeat words from every section; a section that teaches them comes first.
  const sections = [...inPage.filter((s) => !isObjectives(s)), ...inPage.filter(isObjectives)].slice(0, SECTIONS_PER_PAGE);
  return {
    title: data.meta.title ?? data.url,
    url: data.url,
    excerpt: safeExcerpt(data.excerpt),
    sections: sections.map((s) => ({ title: s.title, url: s.url, excerpt: safeExcerpt(s.excerpt) })),
  };
}

/** The sentence above the results. */
export function summaryText(query: string, count: number): string {
  if (!query.trim()) return '';
  if (count === 0) return `Nothing in the course matches “${query.trim()}”. Try a shorter or different word, or look in the glossary.`;
  return `${count} ${count === 1 ? 'page matches' : 'pages match'} “${query.trim()}”.`;
}
