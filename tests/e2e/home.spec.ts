import { expect, test, openPage } from './fixtures';

/** A cheap fingerprint of the hero's filtered canvas. */
async function outputHash(page: import('@playwright/test').Page): Promise<number> {
  return page.getByRole('img', { name: /^The photo after/ }).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i]!) | 0;
    return hash;
  });
}

test('the home page opens with a filter the reader can change', async ({ page }) => {
  await openPage(page, '/');
  const output = page.getByRole('img', { name: /^The photo after the outline filter/ });
  await expect(output).toBeVisible();
  await expect.poll(() => outputHash(page)).not.toBe(0);
  const outline = await outputHash(page);

  await page.getByRole('button', { name: 'Box blur' }).click();
  await expect(page.getByRole('button', { name: 'Box blur' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('img', { name: /^The photo after the box blur filter/ })).toBeVisible();
  const blur = await outputHash(page);
  expect(blur).not.toBe(outline);

  // Typing a value redraws; the filter is no longer a preset.
  const centre = page.getByRole('textbox', { name: 'Row 2, column 2' });
  await centre.fill('2');
  await expect(page.getByRole('img', { name: /^The photo after the filter you typed/ })).toBeVisible();
  await expect.poll(() => outputHash(page)).not.toBe(blur);
  const typed = await outputHash(page);

  // Bad input is refused at the field, and the picture keeps the last valid filter.
  await centre.fill('1e309');
  await expect(centre).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/too large to be a number here/)).toBeVisible();
  expect(await outputHash(page)).toBe(typed);
  await centre.fill('');
  await expect(page.getByText(/Empty: type a number/)).toBeVisible();

  // The link carries the filter into lesson 2's editor.
  await page.getByRole('button', { name: 'Vertical lines' }).click();
  await page.getByRole('link', { name: /Open this filter in the full editor/ }).click();
  await expect(page).toHaveURL(/\/lessons\/02-convolution-filters\/\?k=vertical/);
});

test('all ten lessons are released, each with a thumbnail from its widget; nothing waits under "Coming next"', async ({ page }) => {
  await page.goto('/');
  const cards = page.locator('.lesson-list .lesson-card');
  await expect(cards).toHaveCount(10);
  for (const card of await cards.all()) {
    await expect(card.locator('img.thumb')).toHaveCount(2);
  }
  await expect(page.getByRole('region', { name: 'Coming next' })).toHaveCount(0);
});
