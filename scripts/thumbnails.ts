// Draws each lesson's home-page thumbnail from the lesson's own widget: opens the built lesson,
// lets the widget render (loading the pretrained model where the widget needs one), and saves the
// widget's top as a 360 × 240 WebP in public/thumbnails/<lesson-id>.webp, and <lesson-id>-dark.webp
// in the dark theme.
// Usage: npm run build && npx tsx scripts/thumbnails.ts [lesson-id]   (then build again to ship them)
import { chromium, type Locator, type Page } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { serveStatic } from './serve-static';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';

interface Recipe {
  /** The island whose widget is drawn (a part of its component file name). */
  island: string;
  /** The part of the widget to draw (a CSS selector inside it); the whole widget when absent or not found. */
  part?: string;
  /** Query string the lesson opens with (a widget state kept in the URL). */
  query?: string;
  /** Gets the widget into the state worth showing. */
  prepare?: (page: Page) => Promise<void>;
  /** Waits until the widget has drawn that state. */
  ready: (page: Page) => Promise<void>;
}

/** Waits until the island around `element` has hydrated (Astro drops its ssr attribute then). */
async function untilHydrated(element: Locator): Promise<void> {
  await element.evaluate(async (el) => {
    while (el.closest('astro-island')?.hasAttribute('ssr')) await new Promise((resolve) => setTimeout(resolve, 100));
  });
}

const loadPretrained = (cellTitle: string) => async (page: Page): Promise<void> => {
  const cell = page.getByRole('region', { name: new RegExp(cellTitle) });
  await cell.scrollIntoViewIfNeeded();
  const button = cell.getByRole('button', { name: 'Load pretrained' });
  await button.waitFor();
  // Clicks on the server-rendered button do nothing until its island hydrates.
  await untilHydrated(cell);
  await button.click();
};
const settle = (ms: number) => async (page: Page): Promise<void> => { await page.waitForTimeout(ms); };

const RECIPES: Record<string, Recipe> = {
  '01-classification': { island: 'FashionGallery', ready: settle(2500) },
  '02-convolution-filters': { island: 'FilterEditor', part: '.side.output', query: '?k=sobel-x&img=photo:camera&show=abs', ready: settle(2500) },
  '03-pooling': { island: 'PoolingExplorer', part: '.stages', ready: settle(2500) },
  '04-convolutional-networks': { island: 'FeatureMaps', part: '.grid', ready: settle(6000) },
  '05-autoencoders': {
    island: 'ReconstructionGallery',
    part: '.items',
    prepare: loadPretrained('Train the dense autoencoder'),
    ready: async (page) => { await page.locator('astro-island[component-url*="ReconstructionGallery"] canvas').first().waitFor({ timeout: 120_000 }); await page.waitForTimeout(1500); },
  },
  '06-deep-features': {
    island: 'ImageRetrieval',
    part: '.spaces',
    ready: async (page) => { await page.locator('[data-testid=image-retrieval][data-status=ready]').waitFor({ timeout: 180_000 }); await page.waitForTimeout(1000); },
  },
  '07-denoising': {
    island: 'DenoiseExplorer',
    part: '.grid',
    prepare: loadPretrained('Train the denoising autoencoder'),
    ready: async (page) => { await page.locator('astro-island[component-url*="DenoiseExplorer"] .missing').first().waitFor({ state: 'detached', timeout: 120_000 }); await page.waitForTimeout(1500); },
  },
  '08-variational-autoencoders': {
    island: 'ManifoldGrid',
    part: 'canvas',
    ready: async (page) => { await page.locator('[data-testid=manifold-grid]').getByText('Decoded by').waitFor({ timeout: 60_000 }); await page.waitForTimeout(1500); },
  },
  '09-anomaly-detection': {
    island: 'AnomalyExplorer',
    part: '.score-histogram',
    prepare: loadPretrained('Train the detector on digits only'),
    ready: async (page) => { await page.locator('astro-island[component-url*="AnomalyExplorer"] svg').first().waitFor({ timeout: 180_000 }); await page.waitForTimeout(1500); },
  },
  '10-super-resolution': {
    island: 'SuperresExplorer',
    part: '.panels',
    ready: async (page) => { await page.locator('[data-testid=superres-explorer][data-ready=true]').waitFor({ timeout: 60_000 }); await page.waitForTimeout(1000); },
  },
};

const only = process.argv[2];
const port = 4700 + Math.floor(Math.random() * 200);
const server = await serveStatic(process.env['DIST_DIR'] ?? 'dist', port);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** The widget of one lesson in one theme, as WebP bytes. */
async function drawThumbnail(id: string, recipe: Recipe, scheme: 'light' | 'dark'): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/lessons/${id}/${recipe.query ?? ''}`);
  // astro-island is display: contents, so its widget's root element is what has a box.
  const island = page.locator(`astro-island[component-url*="${recipe.island}"] > :not(template)`).first();
  await island.scrollIntoViewIfNeeded();
  await untilHydrated(island);
  await recipe.prepare?.(page);
  await island.scrollIntoViewIfNeeded();
  await recipe.ready(page);
  // The sticky site header would cover the top of the widget.
  await page.evaluate(() => document.querySelector<HTMLElement>('body > header')?.style.setProperty('display', 'none'));
  const part = recipe.part ? island.locator(recipe.part).first() : island;
  const png = await ((await part.count()) > 0 ? part : island).screenshot();
  // Scale to 360 × 240 and encode as WebP in the page itself: no image library needed.
  const webp = await page.evaluate(async (b64) => {
    const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(360, 240);
    const ctx = canvas.getContext('2d')!;
    // A wide widget is fitted to the width and centred; a tall one keeps its top, in the 3 : 2 shape.
    // Fill the margins with the widget's own background: the commonest colour of its top row.
    ctx.drawImage(image, 0, 0, Math.min(image.width, 360), 1, 0, 0, Math.min(image.width, 360), 1);
    const row = ctx.getImageData(0, 0, Math.min(image.width, 360), 1).data;
    const counts = new Map<string, number>();
    for (let i = 0; i < row.length; i += 4) {
      const colour = `rgb(${row[i]} ${row[i + 1]} ${row[i + 2]})`;
      counts.set(colour, (counts.get(colour) ?? 0) + 1);
    }
    ctx.fillStyle = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    ctx.fillRect(0, 0, 360, 240);
    ctx.imageSmoothingQuality = 'high';
    const scale = 360 / image.width;
    const height = Math.min(240, image.height * scale);
    ctx.drawImage(image, 0, 0, image.width, height / scale, 0, (240 - height) / 2, 360, height);
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.82 });
    return [...new Uint8Array(await blob.arrayBuffer())];
  }, png.toString('base64'));
  await page.close();
  return webp;
}

await mkdir('public/thumbnails', { recursive: true });
try {
  for (const [id, recipe] of Object.entries(RECIPES)) {
    if (only && id !== only) continue;
    for (const scheme of ['light', 'dark'] as const) {
      const webp = await drawThumbnail(id, recipe, scheme);
      const file = `public/thumbnails/${id}${scheme === 'dark' ? '-dark' : ''}.webp`;
      await writeFile(file, Uint8Array.from(webp));
      console.log(`${file} (${webp.length.toLocaleString('en')} bytes)`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
