import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe with its default rules plus WCAG 2.2 AA's target-size (24 × 24 px), which axe ships
 * switched off. Every spec checks its pages through this, so all of them hold the course to 2.2 AA.
 */
export function axeBuilder(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } });
}
