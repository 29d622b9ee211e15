/**
 * Graded exercises on the convolution lesson, driven like a reader: keyboard only for answering,
 * progress across reloads and tabs, damaged storage, export → reset → import, and axe.
 */
import { axeBuilder } from './axe';
import type { Locator, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, expectNoProblems, test } from './fixtures';

const LESSON = '/lessons/02-convolution-filters/';
const KEY = 'bottleneck:progress';

/** Scrolls an exercise into view (islands hydrate when visible) and waits until it is interactive. */
async function exercise(page: Page, id: string): Promise<Locator> {
  const section = page.locator(`#exercise-${id}`);
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 20_000 });
  return section;
}

const feedback = (section: Locator): Locator => section.getByRole('status').last();

/** Reads a rendered number table (input patch or filter) back into numbers. */
async function readTable(table: Locator): Promise<number[][]> {
  const rows = await table.locator('tr').allInnerTexts();
  return rows.map((row) => row.trim().split(/\s+/).map((v) => Number(v.replace('\u2212', '-'))));
}

/** Valid 3×3 cross-correlation written out independently of the site's code. */
function convolveValid(input: number[][], kernel: number[][]): number[][] {
  const out: number[][] = [];
  for (let r = 0; r + 2 < input.length; r++) {
    out.push([]);
    for (let c = 0; c + 2 < input[0]!.length; c++) {
      let sum = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += input[r + i]![c + j]! * kernel[i]![j]!;
      out[r]!.push(sum);
    }
  }
  return out;
}

async function typeInto(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Waits until the store's asynchronous write (inside navigator.locks) has saved the exercise as solved. */
async function expectSaved(page: Page, id: string): Promise<void> {
  await expect
    .poll(async () => {
      const saved = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? '{}');
      return saved.exercises?.[id]?.solved;
    })
    .toBe(true);
}

async function solveNeighbours(page: Page): Promise<void> {
  const section = await exercise(page, 'conv-neighbours');
  await section.getByRole('textbox').focus();
  await typeInto(page, '25');
  await page.keyboard.press('Enter');
  await expect(feedback(section)).toContainText('Correct');
}

async function solveWhichFilter(page: Page): Promise<void> {
  const section = await exercise(page, 'conv-which-filter');
  await section.getByRole('radio').first().focus();
  await page.keyboard.press('ArrowDown'); // Filter B
  await page.keyboard.press('Tab');
  await expect(section.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(feedback(section)).toContainText('Correct');
}

test.describe('graded exercises', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(LESSON);
  });

  test('every kind can be solved with the keyboard only', async ({ page, problems }) => {
    // Numeric: wrong first (Enter checks), then a hint, then right.
    const neighbours = await exercise(page, 'conv-neighbours');
    const input = neighbours.getByRole('textbox');
    await input.focus();
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await expect(feedback(neighbours)).toContainText('too low');
    await page.keyboard.press('Tab'); // Check
    await page.keyboard.press('Tab'); // Hint
    await expect(neighbours.getByRole('button', { name: /hint/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(neighbours.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(input).toBeFocused();
    await typeInto(page, '25');
    await page.keyboard.press('Enter');
    await expect(feedback(neighbours)).toContainText('Correct');
    await expect(neighbours.getByText('Solved')).toBeVisible();

    // Worked pixel: the patch and filter stated in the prompt.
    const worked = await exercise(page, 'conv-worked-pixel');
    const patch = [[0, 64, 128], [0, 192, 255], [0, 64, 128]];
    const sobel = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]];
    await worked.getByRole('textbox').focus();
    await page.keyboard.type(String(convolveValid(patch, sobel)[0]![0]));
    await page.keyboard.press('Enter');
    await expect(feedback(worked)).toContainText('Correct');

    // Grid: compute the expected output from the tables the page shows; arrows move between cells.
    const grid = await exercise(page, 'conv-by-hand');
    const tables = grid.locator('table');
    const expected = convolveValid(await readTable(tables.nth(0)), await readTable(tables.nth(1)));
    const cells = grid.getByRole('group').getByRole('textbox');
    await expect(cells).toHaveCount(expected.flat().length);
    await cells.first().focus();
    const cols = expected[0]!.length;
    for (const [i, value] of expected.flat().entries()) {
      await page.keyboard.type(String(i === 0 ? value + 1 : value)); // First cell deliberately wrong.
      if ((i + 1) % cols !== 0) await page.keyboard.press('ArrowRight');
      else if (i + 1 < expected.flat().length) {
        await page.keyboard.press('ArrowDown');
        for (let k = 1; k < cols; k++) await page.keyboard.press('ArrowLeft');
      }
    }
    await expect(grid.getByRole('textbox', { name: 'Output row 2, column 2' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(feedback(grid)).toContainText(`${expected.flat().length - 1} of ${expected.flat().length} cells are right`);
    await expect(grid.locator('.cell.incorrect')).toHaveCount(1);
    await cells.first().focus();
    await typeInto(page, String(expected[0]![0]));
    await page.keyboard.press('Enter');
    await expect(feedback(grid)).toContainText('Correct');

    await solveWhichFilter(page);

    // Filter design: zeros fail with measured numbers; Sobel for horizontal edges passes.
    const design = await exercise(page, 'conv-design-horizontal');
    await design.getByRole('textbox', { name: 'Row 1, column 1' }).focus();
    await page.keyboard.press('Enter');
    await expect(feedback(design)).toContainText('Not yet');
    await expect(design.getByText(/Failed: Responds to horizontal edges/)).toBeVisible();
    await design.getByRole('textbox', { name: 'Row 1, column 1' }).focus();
    for (const value of ['-1', '-2', '-1', '0', '0', '0', '1', '2', '1']) {
      await typeInto(page, value);
      await page.keyboard.press('Tab');
    }
    await expect(design.getByRole('button', { name: 'Check' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(feedback(design)).toContainText('passed all 3 tests');
    await expect(design.getByRole('img', { name: /Your filter's output for a horizontal edge/ })).toBeVisible();

    // Predict: commit a guess, Run, and the guess is locked.
    const predict = await exercise(page, 'conv-predict-blur');
    await predict.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await expect(predict.getByRole('button', { name: 'Run' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(feedback(predict)).toContainText('prediction was right');
    await expect(predict.getByRole('img', { name: /^Filtered image/ })).toBeVisible();
    await expect(predict.getByRole('radio').first()).toBeDisabled();

    const axe = await axeBuilder(page).include('.exercise').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expectNoProblems(problems);
  });

  test('bad input is refused visibly; the solution opens after three failures', async ({ page, problems }) => {
    const section = await exercise(page, 'conv-neighbours');
    const input = section.getByRole('textbox');
    for (const bad of ['', '0x10', '1abc', '９']) {
      await input.fill(bad);
      await input.press('Enter');
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(feedback(section)).not.toContainText('Correct');
    }
    await expect(section.getByText(/attempt/)).toHaveCount(0); // Unreadable answers are not attempts.
    await expect(section.getByText('Solution', { exact: true })).toHaveCount(0);
    for (const wrong of ['7', '8']) {
      await input.fill(wrong);
      await input.press('Enter');
    }
    await expect(feedback(section)).toContainText('Attempt 2');
    await expect(section.getByRole('button', { name: 'Show solution' })).toBeVisible();
    await input.fill('10');
    await input.press('Enter');
    await expect(section.getByText('Solution', { exact: true })).toBeVisible();
    expectNoProblems(problems);
  });

  test('the same wrong answer counts once, however often Check is pressed', async ({ page, problems }) => {
    const section = await exercise(page, 'conv-neighbours');
    const input = section.getByRole('textbox');
    const check = section.getByRole('button', { name: 'Check' });
    await input.fill('7');
    await check.dblclick();
    await expect(feedback(section)).toContainText('Attempt 1.');
    await check.click();
    await expect(feedback(section)).toContainText('not counted again');
    await check.click();
    await input.fill('8');
    await input.press('Enter');
    await expect(feedback(section)).toContainText('Attempt 2');
    // Two attempts offer the solution; five presses did not open it.
    await expect(section.getByRole('button', { name: 'Show solution' })).toBeVisible();
    await expect(section.getByText('Solution', { exact: true })).toHaveCount(0);
    expectNoProblems(problems);
  });

  test('a right answer explains why, never before; the card ends with its buttons', async ({ page, problems }) => {
    const section = await exercise(page, 'conv-neighbours');
    const why = section.getByTestId('explanation');
    const actions = section.getByRole('button', { name: 'Check' });
    // No empty live region padding the bottom of the card: it ends with its padding under the buttons.
    const gap = async (): Promise<number> => {
      const card = (await section.boundingBox())!;
      const button = (await actions.boundingBox())!;
      return card.y + card.height - (button.y + button.height);
    };
    expect(await gap()).toBeLessThanOrEqual(24);
    await expect(why).toHaveCount(0);
    await section.getByRole('textbox').fill('8');
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(feedback(section)).toContainText('too low');
    await expect(why).toHaveCount(0);
    await section.getByRole('textbox').fill('25');
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(feedback(section)).toContainText('Correct');
    // Inside the status region, so it is announced with the verdict.
    await expect(feedback(section)).toContainText('Why: The second filter reads a 3 × 3 patch of the first output');
    await expectSaved(page, 'conv-neighbours');
    await page.reload();
    const again = await exercise(page, 'conv-neighbours');
    await expect(again.getByTestId('explanation')).toContainText('a 5 × 5 patch of the image');
    expectNoProblems(problems);
  });

  test('progress persists across reload and shows in the sidebar badge', async ({ page, problems }) => {
    await solveNeighbours(page);
    const badge = page.locator('.lesson-sidebar li.current .badge');
    const total = Number(await badge.getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(5);
    await expect(badge).toHaveAttribute('data-solved', '1');
    await expect(badge).toContainText(`1 of ${total} exercises solved`);
    await expectSaved(page, 'conv-neighbours');
    await page.reload();
    const section = await exercise(page, 'conv-neighbours');
    await expect(section.getByRole('textbox')).toHaveValue('25');
    await expect(section.getByText('Solved')).toBeVisible();
    await expect(badge).toHaveAttribute('data-solved', '1');
    await page.goto('/');
    await expect(page.getByRole('progressbar', { name: `1 of ${total} exercises solved` })).toBeVisible();
    expectNoProblems(problems);
  });

  test('a wrong prediction is graded as wrong, locked, and still counts as done', async ({ page, problems }) => {
    await page.goto(LESSON);
    const predict = await exercise(page, 'conv-predict-blur');
    await predict.getByRole('radio').first().check();
    await predict.getByRole('button', { name: 'Run' }).click();
    await expect(feedback(predict)).not.toContainText('prediction was right');
    await expect(predict.getByText('✓ Done')).toBeVisible();
    await expect(predict.getByRole('radio').first()).toBeDisabled();
    await expect(page.locator('.lesson-sidebar li.current .badge')).toHaveAttribute('data-solved', '1');
    await expectSaved(page, 'conv-predict-blur');
    await page.reload();
    const again = await exercise(page, 'conv-predict-blur');
    await expect(again.getByText('✓ Done')).toBeVisible();
    await expect(again.getByRole('radio').first()).toBeDisabled();
    expectNoProblems(problems);
  });

  test('damaged saved progress shows a notice, is backed up, and the page keeps working', async ({ page, problems }) => {
    // Damage the value from a page without exercises, so no store on the lesson page can rewrite it first.
    await page.goto('/404.html');
    await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"exercises":{"conv-neighbours":'), KEY);
    await page.goto(LESSON);
    const section = await exercise(page, 'conv-neighbours');
    await expect(page.getByText(/could not be read/)).toHaveCount(1);
    expect(await page.evaluate((key) => localStorage.getItem(`${key}:backup`), KEY)).toBe('{"version":1,"exercises":{"conv-neighbours":');
    await section.getByRole('textbox').fill('25');
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(feedback(section)).toContainText('Correct');
    await expectSaved(page, 'conv-neighbours');
    expectNoProblems(problems);
  });

  test('one damaged record found on the home page: said there, the other exercises kept', async ({ page, problems }) => {
    await page.goto('/404.html');
    const good = { solved: true, attempts: 1, answer: '25', updatedAt: 5 };
    const raw = JSON.stringify({ version: 1, resetAt: 0, exercises: { 'conv-neighbours': good, 'conv-which-filter': { solved: 'yes' } } });
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [KEY, raw]);
    await page.goto('/');
    await expect(page.getByRole('status').filter({ hasText: 'Some saved progress was damaged' })).toBeVisible();
    expect(await page.evaluate((key) => localStorage.getItem(`${key}:backup`), KEY)).toBe(raw);
    const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').exercises as Record<string, unknown>, KEY);
    expect(Object.keys(kept)).toEqual(['conv-neighbours']);
    // The lesson's solved exercise is still solved.
    await page.goto(LESSON);
    const section = await exercise(page, 'conv-neighbours');
    await expect(section.getByText('Solved')).toBeVisible();
    expectNoProblems(problems);
  });

  test('newer saved progress is never overwritten', async ({ page }) => {
    const newer = JSON.stringify({ version: 99, anything: [1, 2, 3] });
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [KEY, newer]);
    await page.reload();
    await solveNeighbours(page);
    await expect(page.getByText(/saved by a newer version/)).toBeVisible();
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(newer);
  });

  for (const [name, breakStorage, notice] of [
    ['blocked storage', () => Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('blocked', 'SecurityError'); } }), /does not let the site store data/],
    ['a full storage quota', () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }, /storage is full/],
  ] as const) {
    test(`with ${name} the exercises keep working in memory, with a notice`, async ({ page, problems }) => {
      await page.addInitScript(breakStorage);
      await page.reload();
      await solveNeighbours(page);
      await expect(page.getByText(notice)).toBeVisible();
      await solveWhichFilter(page);
      await expect(page.locator('.lesson-sidebar li.current .badge')).toHaveAttribute('data-solved', '2');
      expectNoProblems(problems);
    });
  }

  test('exercises are accessible in dark mode after checking', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const section = await exercise(page, 'conv-by-hand');
    await section.getByRole('textbox').first().fill('1');
    await section.getByRole('button', { name: 'Check' }).click();
    await solveNeighbours(page);
    const axe = await axeBuilder(page).include('.exercise').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  test('two tabs solving different exercises at the same moment keep both', async ({ page, problems }) => {
    const other = await page.context().newPage();
    await other.goto(LESSON);
    const a = await exercise(page, 'conv-neighbours');
    const b = await exercise(other, 'conv-which-filter');
    await a.getByRole('textbox').fill('25');
    await b.getByRole('radio').nth(1).check();
    await Promise.all([a.getByRole('button', { name: 'Check' }).click(), b.getByRole('button', { name: 'Check' }).click()]);
    await expect(feedback(a)).toContainText('Correct');
    await expect(feedback(b)).toContainText('Correct');
    // Each tab learns of the other's completion (storage events) and so does a fresh load.
    await expect(page.locator('.lesson-sidebar li.current .badge')).toHaveAttribute('data-solved', '2');
    await expect(other.locator('.lesson-sidebar li.current .badge')).toHaveAttribute('data-solved', '2');
    await page.reload();
    await expect(page.locator('.lesson-sidebar li.current .badge')).toHaveAttribute('data-solved', '2');
    await other.close();
    expectNoProblems(problems);
  });

  test('export, reset, then import restores progress; a bad file is refused', async ({ page, problems }, testInfo) => {
    await solveNeighbours(page);
    await solveWhichFilter(page);
    await expectSaved(page, 'conv-neighbours');
    await expectSaved(page, 'conv-which-filter');
    await page.goto('/progress/');
    const status = (id: string): Locator => page.locator(`li[data-exercise-id="${id}"] .status`);
    await expect(status('conv-neighbours')).toHaveText('Solved');
    await expect(status('conv-which-filter')).toHaveText('Solved');

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = testInfo.outputPath('progress.json');
    await (await downloadPromise).saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).exercises['conv-neighbours'].solved).toBe(true);

    await page.getByRole('button', { name: /Reset all progress/ }).click();
    await expect(page.getByRole('button', { name: 'Erase all progress' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(status('conv-neighbours')).toHaveText('Not started');
    await expect(page.getByRole('status').filter({ hasText: 'erased' })).toBeVisible();

    const bad = testInfo.outputPath('bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, exercises: { 'conv-neighbours': { solved: 'yes' } } }));
    await page.locator('input[type=file]').setInputFiles(bad);
    await expect(page.getByText(/not a valid Bottleneck progress file/)).toBeVisible();
    await expect(status('conv-neighbours')).toHaveText('Not started');

    await page.locator('input[type=file]').setInputFiles(file);
    await expect(page.getByText(/Imported progress for 2 exercises/)).toBeVisible();
    await expect(status('conv-neighbours')).toHaveText('Solved');
    await expect(status('conv-which-filter')).toHaveText('Solved');

    await page.goto(LESSON);
    const section = await exercise(page, 'conv-neighbours');
    await expect(section.getByText('Solved')).toBeVisible();
    const axe = await axeBuilder(page).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expectNoProblems(problems);
  });
});

test.describe('exercises about a table', () => {
  test('the confusion-matrix exercise names its rows and columns', async ({ page, problems }) => {
    await page.goto('/lessons/01-classification/');
    const section = await exercise(page, 'cls-read-matrix');
    const table = section.getByRole('table', { name: /Confusion matrix/ });
    await expect(table.getByRole('columnheader', { name: 'Predicted class →' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'True class ↓' })).toBeVisible();
    for (const name of ['T-shirt', 'Shirt', 'Trouser']) {
      await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
      await expect(table.getByRole('rowheader', { name, exact: true })).toBeVisible();
    }
    // Row "Shirt", column "T-shirt": the 10 shirts taken for T-shirts.
    await expect(table.getByRole('row', { name: /^Shirt/ }).getByRole('cell').first()).toHaveText('10');
    await section.getByRole('textbox').fill('86');
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(section.getByTestId('explanation')).toContainText('The diagonal holds');
    const axe = await axeBuilder(page).include('#exercise-cls-read-matrix').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    expectNoProblems(problems);
  });
});
