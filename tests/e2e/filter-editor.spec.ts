import { axeBuilder } from './axe';
import type { Locator, Page } from '@playwright/test';
import { convolve3x3, convolvePixel, type Kernel3x3 } from '../../src/lib/math/conv2d';
import { presetById } from '../../src/lib/math/kernel-presets';
import { expect, expectNoProblems, test } from './fixtures';

const LESSON = '/lessons/02-convolution-filters/';

/** Opens the lesson, scrolls the editor into view (it hydrates on visibility) and waits for a drawn image. */
async function openEditor(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const editor = page.getByTestId('filter-editor');
  await editor.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('output-canvas')).toHaveAttribute('aria-label', /^Filtered image: (?!loading)/, { timeout: 20_000 });
  return editor;
}

/** The editor itself: the page has other widgets (exercises) with similar controls. */
function ed(page: Page): Locator {
  return page.getByTestId('filter-editor');
}

function cell(page: Page, row: number, column: number): Locator {
  return ed(page).getByRole('textbox', { name: `Row ${row}, column ${column}`, exact: true });
}

interface CanvasPixels {
  width: number;
  height: number;
  /** Red channel of the input canvas (the input is gray). */
  input: number[];
  /** Red channel of the output canvas. */
  output: number[];
  /** Output pixels whose red, green and blue differ (0 in the gray display modes). */
  colouredOutput: number;
}

async function readCanvases(page: Page): Promise<CanvasPixels> {
  return page.evaluate(() => {
    const read = (id: string) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const red: number[] = [];
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        red.push(data[i]!);
        if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) coloured++;
      }
      return { width: canvas.width, height: canvas.height, red, coloured };
    };
    const input = read('input-canvas');
    const output = read('output-canvas');
    return { width: input.width, height: input.height, input: input.red, output: output.red, colouredOutput: output.coloured };
  });
}

/** A short fingerprint of the output canvas, to tell whether it changed. */
async function outputHash(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="output-canvas"]')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const digest = await crypto.subtle.digest('SHA-256', data);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  });
}

/** The reference: convolve3x3 of the input canvas's pixels, clamped and rounded as the clamp mode promises. */
function expectOutputMatchesReference(pixels: CanvasPixels, kernel: Kernel3x3): void {
  const { width, height } = pixels;
  const reference = convolve3x3({ width, height, pixels: Float32Array.from(pixels.input) }, kernel);
  let mismatches = 0;
  let first = '';
  for (let i = 0; i < reference.length; i++) {
    const expected = Math.min(255, Math.max(0, Math.round(reference[i]!)));
    if (pixels.output[i] !== expected) {
      if (mismatches === 0) first = `pixel ${i % width},${Math.floor(i / width)}: got ${pixels.output[i]}, expected ${expected} (raw ${reference[i]})`;
      mismatches++;
    }
  }
  expect(pixels.colouredOutput, 'clamp mode draws gray only').toBe(0);
  expect(mismatches, `${mismatches} of ${reference.length} output pixels differ; first: ${first}`).toBe(0);
}

async function gridValues(page: Page): Promise<string[]> {
  const values: string[] = [];
  for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) values.push(await cell(page, r, c).inputValue());
  return values;
}

test.describe('filter editor', () => {
  test('output equals the reference convolution of the input, for presets and typed filters', async ({ page, problems }) => {
    await openEditor(page, '?img=pattern&show=clamp');
    for (const id of ['vertical', 'horizontal', 'sharpen', 'box-blur', 'emboss']) {
      await ed(page).getByRole('button', { name: presetById(id)!.name, exact: true }).click();
      await expect(ed(page).getByRole('button', { name: presetById(id)!.name, exact: true })).toHaveAttribute('aria-pressed', 'true');
      const pixels = await readCanvases(page);
      expect(pixels.width).toBe(192);
      expectOutputMatchesReference(pixels, presetById(id)!.kernel);
    }
    // A typed, unnamed filter: typing updates the output.
    await ed(page).getByRole('button', { name: 'Identity', exact: true }).click();
    const before = await outputHash(page);
    await cell(page, 1, 1).fill('0.5');
    await cell(page, 3, 3).fill('-1.25');
    await cell(page, 2, 2).fill('2');
    await expect.poll(() => outputHash(page)).not.toBe(before);
    expectOutputMatchesReference(await readCanvases(page), [0.5, 0, 0, 0, 2, 0, 0, 0, -1.25]);
    expectNoProblems(problems);
  });

  test('works on a 512 × 512 photo, and follows a burst of typing to the last value', async ({ page, problems }) => {
    await openEditor(page, '?k=sobel-x&img=photo:camera&show=clamp');
    const pixels = await readCanvases(page);
    expect([pixels.width, pixels.height]).toEqual([512, 512]);
    expectOutputMatchesReference(pixels, presetById('sobel-x')!.kernel);
    // Ten edits, one per frame; the picture must end on the last one. (How fast an edit is drawn
    // is measured by `npm run bench`, not asserted here.)
    await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="filter-editor"] input[aria-label="Row 2, column 2"]')!;
      for (let i = 1; i <= 10; i++) {
        input.value = String(i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => { requestAnimationFrame(() => r(null)); setTimeout(r, 100); });
      }
    });
    expectOutputMatchesReference(await readCanvases(page), [-1, 0, 1, -2, 10, 2, -1, 0, 1]);
    expectNoProblems(problems);
  });

  test('hostile filter values are refused: aria-invalid, a visible message, output unchanged', async ({ page, problems }) => {
    await openEditor(page, '?k=sharpen&img=pattern');
    const centre = cell(page, 2, 2);
    const before = await outputHash(page);
    const hostile = ['1e309', 'NaN', '', '--1', '1abc', '0x10', '\uff11', '9'.repeat(400), '1001'];
    for (const value of hostile) {
      await centre.fill(value);
      await expect(centre, JSON.stringify(value.slice(0, 20))).toHaveAttribute('aria-invalid', 'true');
      await expect(ed(page).getByText(/^Row 2, column 2:/)).toBeVisible();
      expect(await outputHash(page)).toBe(before);
    }
    // 10 MB typed into a cell: refused by its length (the unit tests show the length is checked
    // before anything else; a wall-clock limit here only measured the machine's load).
    await centre.evaluate((el: HTMLInputElement) => {
      el.value = '1'.repeat(10 * 1024 * 1024);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(ed(page).getByText(/Too long \(10,485,760 characters\)/)).toBeVisible();
    // 10 MB pasted: refused whole.
    await cell(page, 1, 1).evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '1 '.repeat(5 * 1024 * 1024));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(ed(page).getByText(/Paste refused: Pasted text is too long/)).toBeVisible();
    await expect(cell(page, 1, 1)).toHaveAttribute('aria-invalid', 'true');
    expect(await outputHash(page)).toBe(before);
    expect(await cell(page, 1, 1).inputValue()).toBe('0');
    // A valid value clears the error and is used.
    await centre.fill('4');
    await expect(centre).not.toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => outputHash(page)).not.toBe(before);
    expectNoProblems(problems);
  });

  test('pasting nine values fills the grid; a bad paste is refused whole', async ({ page, problems }) => {
    await openEditor(page, '?img=pattern');
    const paste = (text: string) =>
      cell(page, 2, 3).evaluate((el, t) => {
        const data = new DataTransfer();
        data.setData('text/plain', t);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    await paste('1\t2\t1\n0\t0\t0\n-1\t-2\t-1\n');
    await expect.poll(() => gridValues(page)).toEqual(['1', '2', '1', '0', '0', '0', '-1', '-2', '-1']);
    expectOutputMatchesReference(await readCanvases(page), [1, 2, 1, 0, 0, 0, -1, -2, -1]);
    const before = await outputHash(page);
    await paste('1, 2, 3, 4, 5, 6, 7, 8');
    await expect(ed(page).getByText(/Paste refused: A filter needs exactly 9 numbers; the pasted text has 8 values/)).toBeVisible();
    expect(await gridValues(page)).toEqual(['1', '2', '1', '0', '0', '0', '-1', '-2', '-1']);
    expect(await outputHash(page)).toBe(before);
    expectNoProblems(problems);
  });

  test('the URL keeps filter, image and display, and bad URLs fall back with a notice', async ({ page, problems }) => {
    await openEditor(page, '?k=1,2,3,4,5,6,7,8,9&img=pattern&show=abs');
    expect(await gridValues(page)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await expect(ed(page).getByRole('radio', { name: 'Absolute value' })).toBeChecked();
    await cell(page, 1, 1).fill('1/9');
    await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('1/9,2,3,4,5,6,7,8,9');
    await ed(page).getByRole('button', { name: 'Box blur', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('box-blur');
    await page.reload();
    await page.getByTestId('filter-editor').scrollIntoViewIfNeeded();
    await expect(ed(page).getByRole('button', { name: 'Box blur', exact: true })).toHaveAttribute('aria-pressed', 'true');
    expect(await gridValues(page)).toEqual(Array(9).fill('1/9'));

    await openEditor(page, '?k=1e309,0,0,0,0,0,0,0,0&img=../../etc/passwd&show=__proto__');
    await expect(ed(page).getByText(/The filter in the link was not used/)).toBeVisible();
    await expect(ed(page).getByText(/The image .* in the link is unknown/)).toBeVisible();
    await expect(ed(page).getByText(/The display .* in the link is unknown/)).toBeVisible();
    expect(await gridValues(page)).toEqual([...presetById('vertical')!.texts]);
    expectNoProblems(problems);
  });

  test('the pixel inspector shows the products and the right sum', async ({ page, problems }) => {
    await openEditor(page, '?k=sobel-x&img=pattern&show=diverging');
    const output = page.getByTestId('output-canvas');
    const box = (await output.boundingBox())!;
    // Click on an edge between two vertical bars: pixel (20, 30) of 192.
    await page.mouse.click(box.x + ((20 + 0.5) / 192) * box.width, box.y + ((30 + 0.5) / 192) * box.height);
    await page.mouse.move(0, 0);
    const table = ed(page).getByRole('table', { name: /^Output pixel/ });
    await expect(table).toContainText('x 20, y 30');
    const pixels = await readCanvases(page);
    const image = { width: 192, height: 192, pixels: pixels.input };
    const kernel = presetById('sobel-x')!.kernel;
    const sum = convolvePixel(image, kernel, 20, 30);
    expect(sum).not.toBe(0);
    const shown = (await page.getByTestId('inspector-sum').textContent())!.replace('−', '-').replaceAll(',', '');
    expect(Number(shown)).toBeCloseTo(sum, 3);
    // Nine cells, each "input × weight = product".
    const cells = table.locator('tbody td');
    await expect(cells).toHaveCount(9);
    const left = pixels.input[30 * 192 + 19]!;
    await expect(table.getByRole('row', { name: /Same row/ }).getByRole('cell').first()).toContainText(
      new RegExp(`${left}\\s*× \\(−2\\)\\s*= ${left === 0 ? 0 : `−${left * 2}`}`),
    );

    // Keyboard: the output canvas is focusable and arrows move the cursor.
    await output.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(table).toContainText('x 21, y 31');
    const next = (await page.getByTestId('inspector-sum').textContent())!.replace('−', '-').replaceAll(',', '');
    expect(Number(next)).toBeCloseTo(convolvePixel(image, kernel, 21, 31), 3);
    expectNoProblems(problems);
  });

  test('keyboard only: presets, nudging, display mode and image', async ({ page, problems }) => {
    await openEditor(page, '?img=pattern');
    const identity = ed(page).getByRole('button', { name: 'Identity', exact: true });
    await identity.focus();
    await page.keyboard.press('Enter');
    await expect(identity).toHaveAttribute('aria-pressed', 'true');
    await cell(page, 2, 2).focus();
    await page.keyboard.press('ArrowUp');
    await expect(cell(page, 2, 2)).toHaveValue('2');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(cell(page, 2, 2)).toHaveValue('-8');
    await page.keyboard.press('Alt+ArrowUp');
    await expect(cell(page, 2, 2)).toHaveValue('-7.9');
    await ed(page).getByRole('radio', { name: 'Clamp' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(ed(page).getByRole('radio', { name: 'Absolute value' })).toBeChecked();
    const select = ed(page).getByRole('combobox', { name: 'Image' });
    await select.focus();
    await page.keyboard.press('Home');
    await expect(select).toHaveValue('photo:camera');
    await expect(page.getByTestId('input-canvas')).toHaveAttribute('aria-label', /Input image: Camera man/);
    expectNoProblems(problems);
  });

  test('dragging a cell handle changes its value (0.1 per 3 px) and the output', async ({ page, problems }) => {
    await openEditor(page, '?k=identity&img=pattern');
    const before = await outputHash(page);
    const handle = ed(page).locator('.cell').nth(4).locator('.handle');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 30, { steps: 6 });
    await page.mouse.up();
    await expect(cell(page, 2, 2)).toHaveValue('2');
    await expect.poll(() => outputHash(page)).not.toBe(before);
    expectOutputMatchesReference(await readCanvases(page), [0, 0, 0, 0, 2, 0, 0, 0, 0]);
    expectNoProblems(problems);
  });

  test('an unknown photo in the URL falls back to the first photo with a notice', async ({ page, problems }) => {
    await openEditor(page, '?img=photo:nope');
    await expect(ed(page).getByText(/There is no photo “nope”; showing .+ instead/)).toBeVisible();
    await expect(page.getByTestId('input-canvas')).toHaveAttribute('aria-label', /^Input image: .+ photo/);
    await expect.poll(() => new URL(page.url()).searchParams.get('img')).toMatch(/^photo:(?!nope)/);
    await ed(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(ed(page).getByText(/There is no photo/)).toHaveCount(0);
    expectNoProblems(problems);
  });

  test('MNIST digits and Fashion-MNIST items', async ({ page, problems }) => {
    await openEditor(page, '?k=outline&img=mnist:0');
    await expect(page.getByTestId('input-canvas')).toHaveAttribute('aria-label', /MNIST handwritten digit #1, the digit \d/);
    let pixels = await readCanvases(page);
    expect([pixels.width, pixels.height]).toEqual([28, 28]);
    expect(pixels.input.some((v) => v > 200)).toBe(true);
    expectOutputMatchesReference(pixels, presetById('outline')!.kernel);
    await ed(page).getByRole('button', { name: 'Next image' }).click();
    await expect(page.getByTestId('input-canvas')).toHaveAttribute('aria-label', /MNIST handwritten digit #2/);
    await ed(page).getByRole('combobox', { name: 'Image' }).selectOption('fashion');
    await expect(page.getByTestId('input-canvas')).toHaveAttribute('aria-label', /Fashion-MNIST item #1, a /);
    pixels = await readCanvases(page);
    expectOutputMatchesReference(pixels, presetById('outline')!.kernel);
    await expect.poll(() => new URL(page.url()).searchParams.get('img')).toBe('fashion:0');
    expectNoProblems(problems);
  });

  test('the drawing pad feeds the filter, by pointer and keyboard, and clears', async ({ page, problems }) => {
    await openEditor(page, '?k=identity&img=drawing');
    const pad = page.getByTestId('drawing-pad');
    await expect(pad).toBeVisible();
    await ed(page).getByRole('button', { name: 'Clear' }).click();
    const blank = await outputHash(page);
    await pad.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => outputHash(page)).not.toBe(blank);
    const afterKeys = await outputHash(page);
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => outputHash(page)).not.toBe(afterKeys);
    // The drawing travels in the URL: a reload shows the same picture and result. The URL follows
    // the picture 250 ms after its last change (debounced); under load the reload came first and
    // showed the drawing without the stroke. Each read waits 400 ms in the page first (a timer set
    // after any pending URL update, so it runs after it); two equal reads mean both have settled.
    let drawn = '';
    let settled = '';
    await expect.poll(async () => {
      const before = settled;
      settled = await page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return new URL(location.href).searchParams.get('draw') ?? '';
      });
      drawn = await outputHash(page);
      settled += ` ${drawn}`;
      return settled === before;
    }, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('draw')).toMatch(/^[A-Za-z0-9_-]{264}$/);
    await page.reload();
    await page.getByTestId('filter-editor').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('drawing-pad')).toBeVisible();
    await expect.poll(() => outputHash(page)).toBe(drawn);
    await ed(page).getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => outputHash(page)).toBe(blank);
    expectNoProblems(problems);
  });

  for (const [name, query] of [
    ['a photo, clamped', '?img=photo:camera'],
    ['a digit in colour, with a refused value', '?img=mnist:1&show=diverging'],
    ['the drawing pad', '?img=drawing&show=abs'],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`axe finds no serious problem: ${name}, ${scheme}`, async ({ page, problems }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await openEditor(page, query);
        if (query.includes('mnist')) await cell(page, 1, 1).fill('1abc');
        const axe = await axeBuilder(page).include('[data-testid="filter-editor"]').analyze();
        const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        expectNoProblems(problems);
      });
    }
  }

  test('the pixel inspector sits beside the filtered image on a wide screen', async ({ page, problems }) => {
    await openEditor(page, '?k=sobel-x&img=pattern');
    const output = (await page.getByTestId('output-canvas').boundingBox())!;
    const inspector = (await page.getByTestId('pixel-inspector').boundingBox())!;
    // To the right of the image, starting level with it (not below it).
    expect(inspector.x).toBeGreaterThanOrEqual(output.x + output.width);
    expect(inspector.y).toBeLessThan(output.y + output.height / 2);
    expect(inspector.y).toBeGreaterThan(output.y - 60);
    // The nine products are shown at once; there is nothing to expand.
    await expect(ed(page).getByRole('table', { name: /each input value × its filter value/i })).toBeVisible();
    await expect(ed(page).getByRole('button', { name: /the nine products/ })).toBeHidden();
    expectNoProblems(problems);
  });

  test('one colour code: blue is negative and red positive in the worked example, the filter, the inspector and the image', async ({ page, problems }) => {
    await openEditor(page, '?k=sobel-x&img=pattern&show=diverging');
    /** Blue minus red of an element's computed colour (CSS property `property`). */
    const blueness = (locator: Locator, property: 'color' | 'backgroundColor') =>
      locator.evaluate((el, prop) => {
        const [r, , b] = getComputedStyle(el)[prop].match(/[\d.]+/g)!.map(Number);
        return b! - r!;
      }, property);
    // The worked example's filter (NumberGrid), −1 and 1 in its first row.
    const example = page.locator('.worked-example .number-grid.filter td');
    await expect(example.first()).toHaveText('−1');
    expect(await blueness(example.first(), 'color')).toBeGreaterThan(0);
    expect(await blueness(example.nth(2), 'color')).toBeLessThan(0);
    expect(await blueness(example.first(), 'backgroundColor')).toBeGreaterThan(0);
    expect(await blueness(example.nth(2), 'backgroundColor')).toBeLessThan(0);
    await expect(page.locator('.worked-example .sign-legend')).toContainText('blue = negative');
    // The editor's filter grid: −1 top-left, 1 top-right.
    const cells = ed(page).locator('.kernel .cell');
    expect(await blueness(cells.first(), 'backgroundColor')).toBeGreaterThan(0);
    expect(await blueness(cells.nth(2), 'backgroundColor')).toBeLessThan(0);
    await expect(ed(page).locator('.kernel .sign-legend')).toContainText('red = positive');
    // The inspector's products: the left column is multiplied by negative weights.
    const table = ed(page).getByRole('table', { name: /each input value × its filter value/i });
    const products = table.locator('.product');
    const texts = await products.allInnerTexts();
    const negative = texts.findIndex((t) => t.includes('−'));
    const positive = texts.findIndex((t) => /= [1-9]/.test(t));
    expect(negative, texts.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(positive, texts.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(await blueness(products.nth(negative), 'color')).toBeGreaterThan(0);
    expect(await blueness(products.nth(positive), 'color')).toBeLessThan(0);
    // The image: pixels with a negative response are bluish, positive ones reddish, zero black.
    const pixels = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="output-canvas"]')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const input = document.querySelector<HTMLCanvasElement>('[data-testid="input-canvas"]')!;
      const gray = input.getContext('2d')!.getImageData(0, 0, input.width, input.height).data;
      return { width: canvas.width, rgba: Array.from(data), gray: Array.from(gray).filter((_, i) => i % 4 === 0) };
    });
    const reference = convolve3x3({ width: pixels.width, height: pixels.width, pixels: Float32Array.from(pixels.gray) }, presetById('sobel-x')!.kernel);
    let checked = 0;
    const wrong: string[] = [];
    for (let i = 0; i < reference.length; i++) {
      const [r, g, b] = pixels.rgba.slice(i * 4, i * 4 + 3) as [number, number, number];
      const v = reference[i]!;
      const ok = v < -50 ? b > r : v > 50 ? r > b : v === 0 ? r + g + b === 0 : null;
      if (ok === null) continue;
      checked++;
      if (!ok) wrong.push(`pixel ${i}: ${v} drawn rgb(${r} ${g} ${b})`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    expectNoProblems(problems);
  });

  test('identity in Blue–red shows the photo in red, brightness kept, and says why', async ({ page, problems }) => {
    await openEditor(page, '?k=identity&img=photo:camera&show=diverging');
    const { input, rgba } = await page.evaluate(() => {
      const read = (id: string) => {
        const c = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
        return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
      };
      return { input: read('input-canvas'), rgba: read('output-canvas') };
    });
    // No blue anywhere, and a brighter input pixel is never a darker output pixel.
    const byInput = new Map<number, number>();
    let bluish = 0;
    for (let i = 0; i < input.length; i += 4) {
      if (rgba[i + 2]! > rgba[i]!) bluish++;
      byInput.set(input[i]!, rgba[i]! + rgba[i + 1]! + rgba[i + 2]!);
    }
    expect(bluish).toBe(0);
    const levels = [...byInput.entries()].sort((a, b) => a[0] - b[0]).map(([, out]) => out);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(levels[0]).toBe(0);
    await expect(ed(page).getByTestId('legend-note')).toContainText(/add up to 1, so flat areas keep their brightness.*the picture comes through in red/);
    // An edge filter needs no such note.
    await ed(page).getByRole('button', { name: 'Sobel vertical', exact: true }).click();
    await expect(ed(page).getByTestId('legend-note')).toHaveCount(0);
    expectNoProblems(problems);
  });

  for (const width of [390, 320]) {
    test(`at ${width} px the inspector's readout is right under the images, the products one tap away`, async ({ page, problems }) => {
      await page.setViewportSize({ width, height: 844 });
      await openEditor(page, '?k=sobel-x&img=pattern');
      const output = (await page.getByTestId('output-canvas').boundingBox())!;
      const readout = (await ed(page).getByTestId('inspector-readout').boundingBox())!;
      expect(readout.y).toBeGreaterThan(output.y + output.height);
      expect(readout.y - (output.y + output.height)).toBeLessThan(60);
      const table = ed(page).getByRole('table', { name: /each input value × its filter value/i });
      await expect(table).toBeHidden();
      const toggle = ed(page).getByRole('button', { name: 'Show the nine products' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(table).toBeVisible();
      await expect(ed(page).getByRole('button', { name: 'Hide the nine products' })).toHaveAttribute('aria-expanded', 'true');
      const overflow = await ed(page).evaluate((el) => {
        const limit = document.documentElement.clientWidth;
        return [...el.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > limit + 0.5).map((e) => `${e.tagName}.${e.className}`);
      });
      expect(overflow).toEqual([]);
      expectNoProblems(problems);
    });
  }

  test('the filter table becomes stacked rows on a phone, with every column’s heading', async ({ page, problems }) => {
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(LESSON);
      const table = page.locator('.prose table.stack-narrow').filter({ hasText: 'Gaussian blur' });
      await expect(table).toBeVisible();
      const layout = await table.evaluate((t) => {
        const limit = document.documentElement.clientWidth;
        const cells = [...t.querySelectorAll('tbody td')];
        const last = cells.filter((c) => c.getAttribute('data-label') === 'what it does');
        return {
          right: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
          limit,
          scroll: t.scrollWidth - t.clientWidth,
          lastVisible: last.every((c) => c.getBoundingClientRect().width > 50 && c.getBoundingClientRect().right <= limit),
          label: getComputedStyle(last[0]!, '::before').content,
        };
      });
      expect(layout.right, `${width} px`).toBeLessThanOrEqual(layout.limit);
      expect(layout.scroll).toBeLessThanOrEqual(0);
      expect(layout.lastVisible).toBe(true);
      expect(layout.label).toBe('"what it does"');
      // Still a table for screen readers, rows and cells included.
      await expect(table.getByRole('row')).toHaveCount(10);
      await expect(table.getByRole('cell', { name: 'copies the image' })).toBeVisible();
    }
    // On a wide screen it is an ordinary table.
    await page.setViewportSize({ width: 1280, height: 900 });
    const header = page.locator('.prose table.stack-narrow thead').first();
    await expect(header).toBeVisible();
    expectNoProblems(problems);
  });

  test('at 390 px the editor fits without sideways scrolling', async ({ page, problems }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const editor = await openEditor(page, '?img=pattern');
    const overflow = await editor.evaluate((el) => {
      const limit = document.documentElement.clientWidth;
      const wide = [...el.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > limit + 0.5);
      return { editorRight: el.getBoundingClientRect().right, limit, wide: wide.map((e) => e.tagName + '.' + e.className).slice(0, 5) };
    });
    expect(overflow.editorRight).toBeLessThanOrEqual(overflow.limit);
    expect(overflow.wide).toEqual([]);
    // Both images are shown side by side and are not tiny.
    const input = (await page.getByTestId('input-canvas').boundingBox())!;
    expect(input.width).toBeGreaterThan(120);
    expectNoProblems(problems);
  });
});
