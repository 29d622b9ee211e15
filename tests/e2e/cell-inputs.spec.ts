import { test, expect, expectNoProblems, waitForHydration } from './fixtures';

// A training cell's typed field refuses bad input where it is typed, in plain words, and never
// sends it to the worker: Train waits until the seed is a seed again.
test('the seed field refuses what is not a seed, and Train waits for a good one', async ({ page, problems }) => {
  await page.goto('/lessons/01-classification/');
  await waitForHydration(page);
  const cell = page.locator('.training-cell').first();
  await cell.scrollIntoViewIfNeeded();
  const seed = cell.getByLabel('Seed');
  const train = cell.getByRole('button', { name: 'Train', exact: true });
  for (const bad of ['-1', 'abc', '1e309', '12345678901234567890', '']) {
    await seed.fill(bad);
    await expect(seed).toHaveAttribute('aria-invalid', 'true');
    await expect(cell.getByRole('alert')).toContainText('whole number from 0 to 999,999');
    await expect(train).toBeDisabled();
  }
  await seed.fill('7');
  await expect(seed).not.toHaveAttribute('aria-invalid', 'true');
  await expect(cell.getByRole('alert')).toHaveCount(0);
  await expect(train).toBeEnabled();
  expectNoProblems(problems);
});
