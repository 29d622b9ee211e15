import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe with its default rules plus WCAG 2.2 AA's target-size (24 × 24 px), which axe ships
 * switched off. Every spec checks its pages through this, so all of them hold the course to 2.2 AA.
 */
export function axeBuilder(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } });
}

/** The page's violations in both colour schemes, as readable lines (empty when clean). */
export async function axeInBothSchemes(page: Page, include?: string): Promise<Record<'light' | 'dark', string[]>> {
  const out = { light: [] as string[], dark: [] as string[] };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const builder = include ? axeBuilder(page).include(include) : axeBuilder(page);
    const results = await builder.analyze();
    out[scheme] = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
  return out;
}

/** How far right each display formula reaches (Infinity where it scrolls inside itself). */
export function formulaRights(page: Page): Promise<number[]> {
  return page.locator('.katex-display').evaluateAll((els) => els.map((e) => Math.max(e.getBoundingClientRect().right, e.scrollWidth > e.clientWidth ? Infinity : 0)));
}
