/**
 * The pooling lesson, driven like a reader: the step-through grid against an independent
 * reference, the explorer's canvases read back with getImageData and pooled here, sizes,
 * graded exercises, keyboard use, 390 px and a clean console.
 */
import { axeBuilder } from './axe';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoProblems, test, openPage } from './fixtures';

const LESSON = '/lessons/03-pooling/';

/** Pooling written out independently of the site's code: valid windows only. */
function poolRef(values: number[], width: number, height: number, mode: 'max' | 'avg', window: number, stride: number) {
  const outW = Math.floor((width - window) / stride) + 1;
  const outH = Math.floor((height - window) / stride) + 1;
  const out: number[] = [];
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      const win: number[] = [];
      for (let i = 0; i < window; i++) for (let j = 0; j < window; j++) win.push(values[(r * stride + i) * width + c * stride + j]!);
      out.push(mode === 'max' ? Math.max(...win) : win.reduce((a, b) => a + b, 0) / win.length);
    }
  }
  return { width: outW, height: outH, values: out };
}

async function openLesson(page: Page): Promise<void> {
  await openPage(page, LESSON);
}

const grid = (page: Page): Locator => page.getByTestId('pooling-grid');
const gridCell = (page: Page, row: number, column: number): Locator =>
  grid(page).getByRole('textbox', { name: `Input row ${row}, column ${column}`, exact: true });

async function gridOutput(page: Page): Promise<number[]> {
  const texts = await Promise.all([0, 1].flatMap((r) => [0, 1].map((c) => grid(page).getByTestId(`pool-out-${r}-${c}`).innerText())));
  return texts.map((t) => Number(t.replace(/^.*:\s*/s, '').trim().replace('\u2212', '-')));
}

/** Which input cells are highlighted as the current window, as "row,column". */
async function activeCells(page: Page): Promise<string[]> {
  return grid(page).locator('.cell.active input').evaluateAll((inputs) =>
    inputs.map((i) => (i.getAttribute('aria-label') ?? '').replace(/^Input row (\d+), column (\d+)$/, '$1,$2')),
  );
}

test.describe('step-through grid', () => {
  test('typed values give the reference max and average pooling', async ({ page, problems }) => {
    await openLesson(page);
    const values = [5, -2, 0.5, 8, 1, 3, 2, 7, -9, -4, 6, 6, -1, -7, 0, 2.25];
    // Keyboard only: focus the first cell, then type and Tab through the sixteen cells in reading order.
    await gridCell(page, 1, 1).focus();
    for (const v of values) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(String(v));
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => gridOutput(page)).toEqual(poolRef(values, 4, 4, 'max', 2, 2).values);
    await grid(page).getByRole('radio', { name: 'Average' }).check();
    // The grid shows at most four decimals.
    const averages = poolRef(values, 4, 4, 'avg', 2, 2).values;
    await expect.poll(async () => (await gridOutput(page)).map((v, i) => Math.abs(v - averages[i]!) < 5e-5)).toEqual([true, true, true, true]);
    // The comparison can fail: a wrong value would not match.
    expect(poolRef(values, 4, 4, 'avg', 2, 2).values).not.toEqual(poolRef(values, 4, 4, 'max', 2, 2).values);
    expectNoProblems(problems);
  });

  test('refuses text that is not a number and keeps the last valid value', async ({ page }) => {
    await openLesson(page);
    const before = await gridOutput(page);
    await gridCell(page, 2, 1).fill('4x');
    await expect(gridCell(page, 2, 1)).toHaveAttribute('aria-invalid', 'true');
    await expect(grid(page).getByRole('alert')).toContainText('Row 2, column 1');
    expect(await gridOutput(page)).toEqual(before);
    await gridCell(page, 2, 1).fill('40');
    await expect(grid(page).getByRole('alert')).toHaveCount(0);
    await expect.poll(async () => (await gridOutput(page))[0]).toBe(40);
  });

  test('Next, Previous and Play move the highlighted window, by keyboard too', async ({ page }) => {
    await openLesson(page);
    const explain = grid(page).getByTestId('pool-explain');
    await expect(explain).toContainText('Window 1 of 4');
    expect(await activeCells(page)).toEqual(['1,1', '1,2', '2,1', '2,2']);
    await expect(grid(page).getByRole('button', { name: 'Previous' })).toBeDisabled();

    await grid(page).getByRole('button', { name: 'Next' }).focus();
    await page.keyboard.press('Enter');
    await expect(explain).toContainText('Window 2 of 4');
    await expect(explain).toContainText('output row 1, column 2');
    expect(await activeCells(page)).toEqual(['1,3', '1,4', '2,3', '2,4']);
    await expect(grid(page).getByTestId('pool-out-0-1')).toHaveClass(/active/);
    // The winner is named and marked: the largest of the window.
    const windowValues = await Promise.all(['1,3', '1,4', '2,3', '2,4'].map((rc) => gridCell(page, Number(rc[0]), Number(rc[2])).inputValue()));
    const best = Math.max(...windowValues.map(Number));
    await expect(explain).toContainText(`${best} at row`);
    await expect(grid(page).locator('.cell.winner input')).toHaveValue(String(best));

    await page.keyboard.press('Space');
    await expect(explain).toContainText('Window 3 of 4');
    expect(await activeCells(page)).toEqual(['3,1', '3,2', '4,1', '4,2']);
    await grid(page).getByRole('button', { name: 'Previous' }).click();
    await expect(explain).toContainText('Window 2 of 4');

    await grid(page).getByRole('button', { name: 'Play' }).click();
    await expect(grid(page).getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
    await expect(explain).toContainText('Window 4 of 4', { timeout: 8000 });
    expect(await activeCells(page)).toEqual(['3,3', '3,4', '4,3', '4,4']);
    await expect(grid(page).getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
    await expect(grid(page).getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  test('Play still steps, without transitions, when the reader prefers reduced motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openLesson(page);
    await expect(grid(page)).toHaveClass(/still/);
    const duration = await grid(page).locator('.cell').first().evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(parseFloat(duration)).toBeLessThan(0.01);
    await grid(page).getByRole('button', { name: 'Play' }).click();
    await expect(grid(page).getByTestId('pool-explain')).toContainText('Window 2 of 4', { timeout: 6000 });
    await grid(page).getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(3000);
    await expect(grid(page).getByTestId('pool-explain')).toContainText('Window 2 of 4');
  });
});

interface Canvas {
  width: number;
  height: number;
  red: number[];
  gray: boolean;
}

async function readCanvas(page: Page, testid: string): Promise<Canvas> {
  return page.getByTestId(testid).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const red: number[] = [];
    let gray = true;
    for (let i = 0; i < data.length; i += 4) {
      red.push(data[i]!);
      if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) gray = false;
    }
    return { width: canvas.width, height: canvas.height, red, gray };
  });
}

const explorer = (page: Page): Locator => page.getByTestId('pooling-explorer');

async function openExplorer(page: Page): Promise<void> {
  await openLesson(page);
  await explorer(page).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('pool-filtered-canvas')).toHaveAttribute('aria-label', /^Filtered image: (?!loading)/, { timeout: 20_000 });
}

/** Reads filtered and pooled canvases and checks pooled = pool(filtered) and pooled twice = pool(pooled once). */
async function expectPoolingOfCanvas(page: Page, mode: 'max' | 'avg', window: number, stride: number): Promise<Canvas> {
  const filtered = await readCanvas(page, 'pool-filtered-canvas');
  const once = await readCanvas(page, 'pool-output-canvas-1');
  expect(filtered.gray && once.gray).toBe(true);
  const expected = poolRef(filtered.red, filtered.width, filtered.height, mode, window, stride);
  expect([once.width, once.height]).toEqual([expected.width, expected.height]);
  const rounded = expected.values.map(Math.round);
  let mismatches = 0;
  for (let i = 0; i < rounded.length; i++) if (rounded[i] !== once.red[i]) mismatches++;
  expect(mismatches, `${mode} ${window}/${stride}: pooled pixels that differ from pooling the filtered canvas`).toBe(0);
  if (await page.getByTestId('pool-output-canvas-2').count()) {
    const twice = await readCanvas(page, 'pool-output-canvas-2');
    const again = poolRef(once.red, once.width, once.height, mode, window, stride);
    expect([twice.width, twice.height]).toEqual([again.width, again.height]);
    // Average pooling of the second stage works on unrounded averages: allow 1 gray level.
    const tolerance = mode === 'max' ? 0 : 1;
    const worst = again.values.reduce((m, v, i) => Math.max(m, Math.abs(v - twice.red[i]!)), 0);
    expect(worst).toBeLessThanOrEqual(tolerance + (mode === 'max' ? 0 : 0.5));
  }
  return filtered;
}

test.describe('pooling after the filter', () => {
  test('pooled canvases equal pooling of the filtered canvas, for every setting', async ({ page, problems }) => {
    await openExplorer(page);
    const ex = explorer(page);
    await expect(ex.getByText('512 × 512').first()).toBeVisible();
    const filtered = await expectPoolingOfCanvas(page, 'max', 2, 2);
    expect(filtered.width).toBe(512);
    // Not a blank image: the filter found edges.
    expect(new Set(filtered.red).size).toBeGreaterThan(20);
    await expect(ex.getByTestId('pool-sizes')).toContainText('512 × 512 → 256 × 256 → 128 × 128');
    await expect(page.getByTestId('pool-output-canvas-1')).toHaveAttribute('aria-label', /2 × 2 max pooling with stride 2, 256 × 256 pixels/);
    await expect(ex.getByTestId('pool-formula')).toContainText('256');

    await ex.getByRole('radio', { name: 'Average' }).check();
    await expectPoolingOfCanvas(page, 'avg', 2, 2);

    await ex.getByRole('radio', { name: '3 × 3' }).check();
    await ex.getByRole('radio', { name: '1', exact: true }).check();
    await expect(ex.getByTestId('pool-sizes')).toContainText('512 × 512 → 510 × 510 → 508 × 508');
    await expectPoolingOfCanvas(page, 'avg', 3, 1);

    await ex.getByRole('radio', { name: 'Max' }).check();
    await ex.getByRole('radio', { name: '3', exact: true }).check();
    await expect(ex.getByTestId('pool-sizes')).toContainText('512 × 512 → 170 × 170 → 56 × 56');
    await expect(ex.getByTestId('pool-formula')).toContainText('170');
    await expectPoolingOfCanvas(page, 'max', 3, 3);

    // The reader's own filter and the absolute value go through the same pipeline.
    await ex.getByRole('radio', { name: 'Absolute value' }).check();
    await ex.getByRole('textbox', { name: 'Row 2, column 2', exact: true }).fill('4');
    await expect(ex.getByText('your filter')).toBeVisible();
    await expectPoolingOfCanvas(page, 'max', 3, 3);
    expectNoProblems(problems);
  });

  test('the inspector names the window behind a pooled pixel, and arrow keys move it', async ({ page }) => {
    await openExplorer(page);
    const inspector = page.getByTestId('pool-inspector');
    const pooled = page.getByTestId('pool-output-canvas-1');
    await pooled.focus();
    await page.keyboard.press('Home'); // Not a move key: the pixel stays put.
    const read = async () => {
      const text = (await inspector.innerText()).replace(/\s+/g, ' ');
      const m = /Pooled pixel (\d+), (\d+) \(column, row\) shows (\d+): .* columns (\d+)–(\d+), rows (\d+)–(\d+) .* values are ([\d, ]+)\./.exec(text);
      expect(m, text).not.toBeNull();
      return m!.slice(1, 8).map(Number);
    };
    const before = await read();
    await page.keyboard.press('ArrowRight');
    // One pixel to the right, unless the strongest pixel sat on the right edge already.
    await expect.poll(async () => (await read())[0]).toBe(Math.min(before[0]! + 1, 256));
    const [x, y, shown, c0, c1, r0, r1] = await read();
    expect([c0, c1, r0, r1]).toEqual([2 * (x! - 1) + 1, 2 * (x! - 1) + 2, 2 * (y! - 1) + 1, 2 * (y! - 1) + 2]);
    // The shown value is the max of the filtered canvas's window, and the pooled canvas shows it.
    const filtered = await readCanvas(page, 'pool-filtered-canvas');
    const win = [0, 1].flatMap((dy) => [0, 1].map((dx) => filtered.red[(r0! - 1 + dy) * filtered.width + c0! - 1 + dx]!));
    expect(shown).toBe(Math.max(...win));
    const once = await readCanvas(page, 'pool-output-canvas-1');
    expect(once.red[(y! - 1) * once.width + x! - 1]).toBe(shown);
  });

  test('a Fashion-MNIST item: 28 × 28 → 14 × 14 → 7 × 7', async ({ page, problems }) => {
    await openExplorer(page);
    const ex = explorer(page);
    await ex.getByRole('combobox', { name: 'Image' }).selectOption('fashion');
    await expect(page.getByTestId('pool-input-canvas')).toHaveAttribute('aria-label', /Fashion-MNIST item #1, .*28 × 28 pixels/, { timeout: 20_000 });
    await expect(ex.getByTestId('pool-sizes')).toContainText('28 × 28 → 14 × 14 → 7 × 7');
    await expect(ex.getByTestId('pool-formula')).toContainText('14');
    const filtered = await expectPoolingOfCanvas(page, 'max', 2, 2);
    expect(filtered.width).toBe(28);
    await ex.getByRole('radio', { name: 'once' }).check();
    await expect(page.getByTestId('pool-output-canvas-2')).toHaveCount(0);

    // The reader's own drawing: painting with the keyboard updates the whole pipeline.
    await ex.getByRole('combobox', { name: 'Image' }).selectOption('drawing');
    const pad = ex.getByRole('img', { name: /^Input image: your drawing/ });
    await expect(pad).toBeVisible();
    await expect(page.getByTestId('pool-filtered-canvas')).toHaveAttribute('aria-label', /^Filtered image: your drawing/);
    await expectPoolingOfCanvas(page, 'max', 2, 2);
    const before = (await readCanvas(page, 'pool-output-canvas-1')).red.join();
    await pad.focus();
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await readCanvas(page, 'pool-output-canvas-1')).red.join()).not.toBe(before);
    await expectPoolingOfCanvas(page, 'max', 2, 2);
    expectNoProblems(problems);
  });
});

test.describe('exercises and layout', () => {
  test('graded exercises: a wrong and a right answer', async ({ page, problems }) => {
    await openLesson(page);
    const status = (section: Locator): Locator => section.getByRole('status').last();

    const byHand = page.locator('#exercise-pool-max-by-hand');
    await byHand.scrollIntoViewIfNeeded();
    const input = await byHand.locator('table').first().locator('tr').allInnerTexts();
    const rows = input.map((r) => r.trim().split(/\s+/).map(Number));
    const expected = poolRef(rows.flat(), 4, 4, 'max', 2, 2).values;
    const cells = byHand.getByRole('group').getByRole('textbox');
    await expect(cells).toHaveCount(4);
    for (const [i, v] of expected.entries()) await cells.nth(i).fill(String(i === 3 ? v - 1 : v));
    await cells.last().press('Enter');
    await expect(status(byHand)).toContainText('3 of 4 cells are right');
    await cells.last().fill(String(expected[3]));
    await cells.last().press('Enter');
    await expect(status(byHand)).toContainText('Correct');

    const size = page.locator('#exercise-pool-pixels-left');
    await size.scrollIntoViewIfNeeded();
    await size.getByRole('textbox').fill('784');
    await size.getByRole('textbox').press('Enter');
    await expect(status(size)).not.toContainText('Correct');
    await size.getByRole('textbox').fill(String(14 * 14));
    await size.getByRole('textbox').press('Enter');
    await expect(status(size)).toContainText('Correct');

    const keeps = page.locator('#exercise-pool-keeps-discards');
    await keeps.scrollIntoViewIfNeeded();
    await keeps.getByRole('checkbox').nth(2).check();
    await keeps.getByRole('button', { name: 'Check' }).click();
    await expect(status(keeps)).not.toContainText('Correct');
    await keeps.getByRole('checkbox').nth(2).uncheck();
    await keeps.getByRole('checkbox').nth(0).check();
    await keeps.getByRole('checkbox').nth(1).check();
    await keeps.getByRole('button', { name: 'Check' }).click();
    await expect(status(keeps)).toContainText('Correct');
    expectNoProblems(problems);
  });

  test('no horizontal scrolling at 390 px, light and dark, and axe finds nothing serious', async ({ page, problems }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await openExplorer(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const results = await axeBuilder(page).include('[data-testid="pooling-grid"]').include('[data-testid="pooling-explorer"]').analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    }
    expectNoProblems(problems);
  });
});

test.describe('predict, then run: pooling experiments', () => {
  const KEY = 'bottleneck:progress';

  /** Scrolls an exercise into view (islands hydrate when visible) and waits until it is interactive. */
  async function predictExercise(page: Page, id: string): Promise<Locator> {
    await openLesson(page);
    const section = page.locator(`#exercise-${id}`);
    await section.scrollIntoViewIfNeeded();
    await expect(section.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 20_000 });
    return section;
  }

  async function saved(page: Page, id: string): Promise<{ solved?: boolean; answer?: unknown } | undefined> {
    const raw = await page.evaluate((key) => localStorage.getItem(key), KEY);
    return JSON.parse(raw ?? '{}').exercises?.[id];
  }

  /** Reads a canvas, found by its accessible name, back into gray values. */
  async function readImg(section: Locator, name: RegExp): Promise<Canvas> {
    return section.getByRole('img', { name }).evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const red: number[] = [];
      let gray = true;
      for (let i = 0; i < data.length; i += 4) {
        red.push(data[i]!);
        if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) gray = false;
      }
      return { width: canvas.width, height: canvas.height, red, gray };
    });
  }

  test('thin lines: a wrong prediction is graded and locked, Run shows input → max pooled, progress survives a reload', async ({ page, problems }) => {
    const id = 'pool-predict-thin-lines';
    let section = await predictExercise(page, id);
    await expect(section.getByRole('img')).toHaveCount(0); // Nothing is shown before the reader commits.
    await section.getByRole('button', { name: 'Run' }).click();
    await expect(section.getByRole('status').last()).toContainText('Commit to a prediction first');
    await expect(section.getByRole('img')).toHaveCount(0);

    // "The lines disappear" is the wrong prediction.
    await section.getByRole('radio').first().check();
    await section.getByRole('button', { name: 'Run' }).click();
    await expect(section.getByRole('status').last()).toContainText('Your prediction was not what happened');
    await expect(section.getByText('✓ Done')).toBeVisible();
    await expect(section.getByRole('radio').first()).toBeDisabled();
    await expect(section.getByRole('button', { name: 'Ran' })).toBeDisabled();

    const pooledName = /^Pooled image: thin vertical lines, then 2 × 2 max pooling with stride 2: 12×12 pixels, values from 0 to 255/;
    await expect(section.getByRole('img', { name: pooledName })).toBeVisible();
    await expect(section.getByText('Max pooled, 12 × 12')).toBeVisible();
    await expect(section.getByText('Input, 24 × 24')).toBeVisible();
    // The pooled canvas is max pooling of the input canvas, computed here independently.
    const input = await readImg(section, /^Input image: thin vertical lines, 24×24 pixels/);
    const pooled = await readImg(section, pooledName);
    expect(input.gray && pooled.gray).toBe(true);
    const expected = poolRef(input.red, input.width, input.height, 'max', 2, 2);
    expect([pooled.width, pooled.height]).toEqual([expected.width, expected.height]);
    expect(pooled.red).toEqual(expected.values);
    // And the right option's claim holds: white lines, one pixel wide, 3 apart.
    expect(pooled.red.slice(0, 12)).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0]);

    await expect.poll(async () => (await saved(page, id))?.solved).toBe(true);
    expect((await saved(page, id))?.answer).toBe(0);
    await page.reload();
    section = page.locator(`#exercise-${id}`);
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByText('✓ Done')).toBeVisible({ timeout: 20_000 });
    await expect(section.getByRole('radio').first()).toBeChecked();
    await expect(section.getByRole('radio').first()).toBeDisabled();
    await expect(section.getByRole('img', { name: pooledName })).toBeVisible();
    expectNoProblems(problems);
  });

  test('thin lines: the right prediction is graded right', async ({ page, problems }) => {
    const section = await predictExercise(page, 'pool-predict-thin-lines');
    await section.getByRole('radio', { name: /stay fully white and one pixel wide/ }).check();
    await section.getByRole('button', { name: 'Run' }).click();
    await expect(section.getByRole('status').last()).toContainText('Your prediction was right');
    await expect(section.getByText('✓ Solved')).toBeVisible();
    await expect.poll(async () => (await saved(page, 'pool-predict-thin-lines'))?.solved).toBe(true);
    expectNoProblems(problems);
  });

  test('edge map: text is refused, the hand-computed average is right, and Run shows input → filtered → pooled', async ({ page, problems }) => {
    // Reference, independent of the site: the 24×24 step, Sobel (zero padding), 2×2 average pooling.
    const n = 24;
    const step = (x: number, y: number): number => (x < 0 || y < 0 || x >= n || y >= n ? 0 : x < n / 2 ? 0 : 255);
    const sobel = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]];
    const filtered: number[] = [];
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      let sum = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += sobel[i]![j]! * step(x + j - 1, y + i - 1);
      filtered.push(sum);
    }
    const pooled = poolRef(filtered, n, n, 'avg', 2, 2);
    const answer = pooled.values[6 * pooled.width + 5]!; // Column 6, row 7, counting from 1.
    expect(answer).toBe(510);
    // Zero padding makes the bright right border a falling edge: −1020 there, −510 after pooling.
    expect(Math.min(...pooled.values)).toBe(-510);

    const section = await predictExercise(page, 'pool-predict-edge-average');
    const input = section.getByRole('textbox', { name: 'Pooled value' });
    await input.fill('half of 1020');
    await input.press('Enter');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(section.getByRole('img')).toHaveCount(0);
    await expect(input).not.toHaveAttribute('readonly');

    await input.fill(String(answer));
    await input.press('Enter');
    await expect(section.getByRole('status').last()).toContainText('Your prediction was right');
    await expect(input).toHaveAttribute('readonly');
    await expect(section.getByText('The pooled pixel in column 6, row 7 came out as')).toContainText('510');
    await expect(section.getByRole('img', { name: /^Filtered image: a vertical edge .* after a Sobel filter for vertical edges, 24×24 pixels/ })).toBeVisible();
    await expect(section.getByRole('img', { name: /^Pooled image: .* then 2 × 2 average pooling with stride 2: 12×12 pixels, values from \u2212510 to 510,/ })).toBeVisible();
    await expect(section.getByText('Average pooled, 12 × 12')).toBeVisible();
    await expect.poll(async () => (await saved(page, 'pool-predict-edge-average'))?.answer).toBe('510');
    // Phones: the three stages wrap instead of scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const axe = await axeBuilder(page).include('#exercise-pool-predict-edge-average').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    expectNoProblems(problems);
  });
});
