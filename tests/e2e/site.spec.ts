import { axeBuilder } from './axe';
import { builtPages, expect, expectNoProblems, test, openPage } from './fixtures';

const PAGES = builtPages();

test.describe('every page', () => {
  for (const path of PAGES) {
    test(`${path} loads cleanly and is accessible`, async ({ page, problems }) => {
      const response = await openPage(page, path);
      expect(response?.status()).toBe(200);
      // The device page measures the backends on load. Let it finish: WebGL/WebGPU work left queued
      // in a closed page keeps SwiftShader's GPU process busy, and the next page then renders no
      // frames (no IntersectionObserver callbacks, so client:visible islands never hydrate).
      if (path === '/device/') await expect(page.getByText(/^Measured (just now|earlier in this browser)/)).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('h1').first()).toBeVisible();
      const axe = await axeBuilder(page).analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expectNoProblems(problems);
    });
  }
});

for (const width of [390, 320]) {
  test(`at ${width} px no page scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    for (const path of PAGES) {
      await openPage(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow}px at ${width} px`).toBeLessThanOrEqual(0);
    }
  });
}

test('every lesson of the plan is written and linked, in the sidebar too', async ({ page }) => {
  await page.goto('/lessons/10-super-resolution/');
  await expect(page.locator('.lesson-sidebar .planned')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Super-resolution/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Convolution filters/ }).first()).toBeVisible();
});

test('theme toggle cycles and persists across reload', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /Colour theme/ });
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('every link within the site leads to a page that exists', async ({ page, request }) => {
  const targets = new Set<string>();
  for (const path of PAGES) {
    await page.goto(path);
    for (const href of await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))) {
      targets.add(href);
    }
  }
  expect(targets.size).toBeGreaterThan(3);
  for (const target of targets) {
    const response = await request.get(target);
    expect(response.status(), `${target} is linked but missing`).toBe(200);
  }
});

test('"On this page" marks the section being read', async ({ page }) => {
  await page.goto('/lessons/01-classification/');
  const menu = page.getByRole('navigation', { name: 'On this page' }).last();
  await expect(menu.locator('a[aria-current="location"]')).toHaveCount(1);
  const heading = page.getByRole('heading', { name: 'Measuring how wrong: cross-entropy' });
  await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await expect(menu.locator('a[aria-current="location"]')).toHaveText('Measuring how wrong: cross-entropy');
  await page.getByRole('heading', { name: 'The data: Fashion-MNIST' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await expect(menu.locator('a[aria-current="location"]')).toHaveText('The data: Fashion-MNIST');
});
