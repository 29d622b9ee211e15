import { test, expect, expectNoProblems } from './fixtures';
import { axeInBothSchemes } from './axe';

// The site search (Pagefind's static index, dist/pagefind/) and the glossary, used like a reader
// would: from the header, by shortcut, by keyboard alone.

test('typing "pooling" lists the Pooling lesson, and a result opens it at the heading', async ({ page, problems }) => {
  await page.goto('/lessons/01-classification/');
  await page.getByRole('button', { name: 'Search the course' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  const box = dialog.getByRole('searchbox', { name: 'Words to find in the lessons and the glossary' });
  await expect(box).toBeFocused();
  await box.fill('pooling');
  await expect(dialog.getByRole('status')).toHaveText(/^\d+ pages match “pooling”\.$/);
  const pooling = dialog.locator('.search-results > li').filter({ has: page.getByRole('link', { name: 'Pooling', exact: true }) });
  await expect(pooling).toHaveCount(1);
  const section = pooling.locator('a.search-section').first();
  const href = await section.getAttribute('href');
  expect(href).toMatch(/^\/lessons\/03-pooling\/#[a-z0-9-]+$/);
  await section.click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[/#-]/g, (c) => `\\${c}`)}$`));
  const heading = page.locator(`[id="${href!.split('#')[1]}"]`);
  await expect(heading).toBeInViewport();
  await expect(dialog).toBeHidden();
  expectNoProblems(problems);
});

test('a word that appears nowhere says so, and the glossary is offered', async ({ page, problems }) => {
  await page.goto('/');
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await dialog.getByRole('searchbox').fill('qwertyuiop');
  await expect(dialog.getByRole('status')).toHaveText(/^Nothing in the course matches “qwertyuiop”/);
  await expect(dialog.locator('.search-results > li')).toHaveCount(0);
  await expect(dialog.getByRole('link', { name: 'The glossary' })).toBeVisible();
  expectNoProblems(problems);
});

test('search works by keyboard alone, and is axe-clean with results open in both themes', async ({ page, problems }) => {
  await page.goto('/lessons/05-autoencoders/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('KL divergence');
  await expect(dialog.getByRole('status')).toHaveText(/pages? match/);
  expect(await axeInBothSchemes(page, '.search-dialog')).toEqual({ light: [], dark: [] });
  // Enter moves to the first result; Tab walks the rest; Enter follows a link.
  await page.keyboard.press('Enter');
  const first = dialog.locator('.search-results a').first();
  await expect(first).toBeFocused();
  const target = await first.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${target!.replace(/[/#-]/g, (c) => `\\${c}`)}$`));
  // Escape closes an open search and gives the page back.
  await page.waitForLoadState('domcontentloaded');
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog', { name: 'Search the course' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search the course' })).toBeHidden();
  expectNoProblems(problems);
});

test('a search index that does not load is reported in the box, and the page still works', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/glossary/');
  await page.getByRole('button', { name: 'Search the course' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog.getByRole('status')).toHaveText(/^Search is not available right now/);
  await dialog.getByRole('searchbox').fill('pooling');
  await expect(dialog.getByRole('status')).toHaveText(/^Search is not available right now/);
  await dialog.getByRole('button', { name: 'Close search' }).click();
  await page.getByRole('link', { name: 'Lesson 3: Pooling' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pooling' })).toBeVisible();
});

test('the glossary defines its terms, links each to its lesson section, and is axe-clean', async ({ page, problems }) => {
  await page.goto('/glossary/');
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  const kl = page.locator('#term-kl-divergence');
  await expect(kl).toContainText('N(0, I)');
  await kl.getByRole('link').click();
  await expect(page).toHaveURL(/\/lessons\/08-variational-autoencoders\/#the-loss-rebuild-well-stay-close-to-n0-i$/);
  await expect(page.locator('#the-loss-rebuild-well-stay-close-to-n0-i')).toBeInViewport();
  await page.goto('/glossary/');
  expect(await axeInBothSchemes(page)).toEqual({ light: [], dark: [] });
  expectNoProblems(problems);
});
