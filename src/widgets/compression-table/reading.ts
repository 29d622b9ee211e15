/**
 * Plain sentences that read the comparison, generated from the measured numbers (no claim is
 * written in advance: if the figures change, so do the words). Framework-free.
 */
import { amortisedBytes, breakEvenImages, RAW_BYTES_PER_IMAGE, type CompressionRow } from '../../lib/ml/compression';
import { bytes, db, labelOf } from './format';

/** "higher by 3.2 dB" / "lower by 1.0 dB" / "about the same (within 0.5 dB)". */
function compareDb(a: number, b: number): string {
  const d = a - b;
  if (Math.abs(d) < 0.5) return 'about the same as';
  return `${Math.abs(d).toFixed(1)} dB ${d > 0 ? 'better than' : 'worse than'}`;
}

/**
 * Two to four sentences: what the per-image view shows, what the sprite sheet shows per set,
 * how the autoencoder does outside its training data, and what the decoder's weights cost.
 */
export function readComparison(rows: CompressionRow[], decoderBytes: number): string[] {
  const out: string[] = [];
  const single = rows.filter((r) => r.view === 'single');
  const sheet = rows.filter((r) => r.view === 'sheet');
  const first = single[0];
  if (!first) return out;
  const unfitted = single.filter((r) => !r.jpegFitted);
  if (unfitted.length > 0) {
    const sizes = unfitted.map((r) => r.jpegBytes);
    const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
    const range = high - low < 1 ? `about ${bytes(low)}` : `${bytes(low)} to ${bytes(high)}`;
    const raw = low > RAW_BYTES_PER_IMAGE ? `more than the ${RAW_BYTES_PER_IMAGE} B of the raw pixels`
      : high > RAW_BYTES_PER_IMAGE ? `around the ${RAW_BYTES_PER_IMAGE} B of the raw pixels` : `against ${RAW_BYTES_PER_IMAGE} B for the raw pixels`;
    out.push(`One image at a time, JPEG cannot get down to ${bytes(first.aeBytes)}: even at its lowest quality a 28×28 file takes ${range}, mostly headers and tables, ${raw}. Per image, the code is the smaller file by far.`);
  }
  if (sheet.length > 0) {
    const parts = sheet.map((r) => `on ${labelOf(r.set)} the autoencoder is ${compareDb(r.aePsnr, r.jpegPsnr)} JPEG (${db(r.aePsnr)} vs ${db(r.jpegPsnr)})`);
    const over = sheet.filter((r) => !r.jpegFitted);
    const budget = over.length > 0
      ? `even JPEG's lowest quality needs ${bytes(Math.min(...over.map((r) => r.jpegBytes)))} per image, more than the code's ${bytes(first.aeBytes)}`
      : `JPEG fits the code's ${bytes(first.aeBytes)} per image`;
    out.push(`With ${first.images} images in one JPEG sprite sheet, sharing the headers, ${budget}; ${parts.join('; ')}.`);
  }
  const home = single.find((r) => r.set === 'mnist');
  const away = single.filter((r) => r.set !== 'mnist');
  if (home && away.length > 0) {
    const worst = away.reduce((a, b) => (b.aePsnr < a.aePsnr ? b : a));
    const drop = home.aePsnr - worst.aePsnr;
    out.push(drop > 0
      ? `Outside what it was trained on the autoencoder falls from ${db(home.aePsnr)} on digits to ${db(worst.aePsnr)} on ${labelOf(worst.set)}, while JPEG works the same way on any picture.`
      : `The autoencoder did not do worse outside its training digits here (${db(home.aePsnr)} on digits, ${db(worst.aePsnr)} on ${labelOf(worst.set)}).`);
  }
  const sheetHome = sheet.find((r) => r.set === 'mnist') ?? sheet[0];
  if (sheetHome && decoderBytes > 0) {
    const n = breakEvenImages(sheetHome.aeBytes, decoderBytes, sheetHome.jpegBytes);
    const perImage = amortisedBytes(sheetHome.aeBytes, decoderBytes, sheetHome.images);
    out.push(`The decoder's weights (${bytes(decoderBytes)}) must be sent too: shared by these ${sheetHome.images} images that is ${bytes(perImage)} per image, and ${Number.isFinite(n) ? `only after about ${n.toLocaleString('en-US')} images` : 'never'} does code plus decoder take fewer bytes than the sprite-sheet JPEG.`);
  }
  return out;
}

export interface AmortisedView {
  /** Decoder weights, bytes. */
  decoderBytes: number;
  /** Code + decoder share per image, for a few collection sizes. */
  perImage: Array<{ images: number; bytes: number }>;
  /** Images after which code + decoder beat the MNIST sprite-sheet JPEG per image (Infinity: never). */
  breakEven: number;
  /** The JPEG bytes per image it is compared with. */
  jpegBytes: number;
}

/** The amortised view: what the autoencoder costs once its decoder has to be sent too. */
export function amortisedView(rows: CompressionRow[], decoderBytes: number, sizes = [1, 100, 10_000, 1_000_000]): AmortisedView | null {
  const sheet = rows.find((r) => r.view === 'sheet' && r.set === 'mnist') ?? rows.find((r) => r.view === 'sheet');
  if (!sheet || !(decoderBytes > 0)) return null;
  return {
    decoderBytes,
    perImage: sizes.map((images) => ({ images, bytes: amortisedBytes(sheet.aeBytes, decoderBytes, images) })),
    breakEven: breakEvenImages(sheet.aeBytes, decoderBytes, sheet.jpegBytes),
    jpegBytes: sheet.jpegBytes,
  };
}
