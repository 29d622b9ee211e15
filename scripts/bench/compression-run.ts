// Node side of the JPEG-vs-autoencoder section of `npm run bench`: one fresh page, then the
// table (per image and per sprite sheet) and the decoder's amortised cost. The page bundle must
// include scripts/bench/compression.ts (browser-bench.ts imports it); the bench server must
// serve public/models and public/images (scripts/bench.ts links them).
import type { Browser } from 'playwright-core';
import { amortisedBytes, breakEvenImages } from '../../src/lib/ml/compression';
import type { CompressionBenchOptions, CompressionBenchResult } from './compression';
import { inFreshPages } from './fresh-pages';

export async function runCompressionBench(browser: Browser, url: string, options: CompressionBenchOptions = { images: 100, bits: 8 }): Promise<CompressionBenchResult> {
  const [result] = await inFreshPages<CompressionBenchOptions, CompressionBenchResult>(browser, url, 'runCompressionBench', [options]);
  return result!;
}

const SETS: Record<string, string> = { mnist: 'MNIST test digits', fashion: 'Fashion-MNIST test items', photo: 'photo patches (5×5 crops 112² → 28², 4 photos)' };

export function printCompression(r: CompressionBenchResult): void {
  const chrome = r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent;
  console.log(`\nJPEG vs autoencoder at the same bytes (shipped ae-dense-mnist, k = 16 at 8 bits; ${chrome} canvas.toBlob JPEG; tfjs ${r.backend}; ${r.seconds.toFixed(1)} s)`);
  if (r.error) {
    console.log(`  failed: ${r.error}`);
    return;
  }
  const rows = [['set', 'JPEG as', 'images', 'AE B/img', 'AE dB', 'AE dB unquant.', 'JPEG B/img', 'JPEG q', 'JPEG dB', 'JPEG fits']];
  for (const x of r.rows) {
    rows.push([
      SETS[x.set] ?? x.set, x.view === 'single' ? 'file per image' : `sheet of ${x.images}`, String(x.images), String(x.aeBytes), x.aePsnr.toFixed(2), x.aePsnrUnquantised.toFixed(2),
      x.jpegBytes.toFixed(1), x.view === 'single' ? `mean ${x.jpegQuality.toFixed(2)}` : x.jpegQuality.toFixed(2), x.jpegPsnr.toFixed(2), x.jpegFitted ? 'yes' : `no (${x.jpegFittedFiles}/${x.jpegFiles})`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  console.log(rows.map((row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n'));
  console.log(`Raw 28×28 grey: ${r.rawBytes} B per image. PSNR: mean over images of per-image PSNR (capped at 60 dB).`);
  const sheet = r.rows.find((x) => x.set === 'mnist' && x.view === 'sheet');
  if (sheet) {
    const n = breakEvenImages(sheet.aeBytes, r.decoderBytes, sheet.jpegBytes);
    const per = [100, 10_000, 1_000_000].map((k) => `${k.toLocaleString('en-US')}: ${amortisedBytes(sheet.aeBytes, r.decoderBytes, k).toFixed(1)} B`).join(', ');
    console.log(`Decoder weights (float16): ${r.decoderBytes.toLocaleString('en-US')} B. Code + decoder per image, shared by N images: ${per}; below the MNIST sprite-sheet JPEG (${sheet.jpegBytes.toFixed(1)} B) from N = ${Number.isFinite(n) ? n.toLocaleString('en-US') : 'never'}.`);
  }
}
