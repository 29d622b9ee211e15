/**
 * Which section of a page is being read, for the "On this page" menus: the last heading whose top
 * has passed a line a third of the way down the window (the first heading before any has).
 */
export function currentSectionIndex(headingTops: readonly number[], viewportHeight: number): number {
  const line = viewportHeight / 3;
  let current = 0;
  for (let i = 0; i < headingTops.length; i++) {
    if (headingTops[i]! <= line) current = i;
    else break;
  }
  return current;
}

/** Keeps `aria-current="location"` on the links (in every menu) whose target is the current section. */
export function trackCurrentSection(links: Iterable<HTMLAnchorElement>): void {
  const bySlug = new Map<string, HTMLAnchorElement[]>();
  for (const link of links) {
    const slug = decodeURIComponent(link.hash.slice(1));
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), link]);
  }
  const headings = [...bySlug.keys()].map((slug) => document.getElementById(slug)).filter((h): h is HTMLElement => h !== null);
  if (headings.length === 0) return;
  let marked: string | null = null;
  let scheduled = false;
  const update = (): void => {
    scheduled = false;
    const index = currentSectionIndex(headings.map((h) => h.getBoundingClientRect().top), window.innerHeight);
    const slug = headings[index]!.id;
    if (slug === marked) return;
    for (const link of bySlug.get(marked ?? '') ?? []) link.removeAttribute('aria-current');
    for (const link of bySlug.get(slug) ?? []) link.setAttribute('aria-current', 'location');
    marked = slug;
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule, { passive: true });
  update();
}
