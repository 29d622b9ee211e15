/**
 * The filter editor's state in a URL query, so a reader can share exactly what they see:
 *   ?k=sobel-x&img=photo:camera&show=abs
 *   ?k=1,0,-1,2,0,-2,1,0,-1&img=mnist:7&show=diverging
 *   ?k=outline&img=drawing&draw=AAAA…   (the drawing pad's picture, see drawing-code.ts)
 * A URL is untrusted input: every value is checked, anything bad falls back to the default
 * with a notice for the reader, and nothing here throws.
 */
import { DEFAULT_DISPLAY_MODE, isDisplayMode, type DisplayMode } from './display-map';
import { DEFAULT_PRESET_ID, presetById, KERNEL_PRESETS } from './kernel-presets';
import { parseKernelText } from './strict-number';
import { decodeDrawing } from './drawing-code';

/** Where the input image comes from: a photo by id, the generated pattern, a data-set item (0–99) or the drawing pad. */
export type ImageRef = `photo:${string}` | 'pattern' | `mnist:${number}` | `fashion:${number}` | 'drawing';

export const DEFAULT_IMAGE: ImageRef = 'photo:camera';
/** Data-set items the editor offers (it loads the first 100 test images). */
export const DATASET_ITEMS = 100;

export interface FilterUrlState {
  /** The nine cell texts, as typed (e.g. "1/9"). */
  texts: string[];
  image: ImageRef;
  mode: DisplayMode;
  /** The drawing pad's picture (encodeDrawing), written only while the drawing is shown. */
  drawing?: string;
}

export const URL_KEYS = { kernel: 'k', image: 'img', mode: 'show', drawing: 'draw' } as const;
/** Longer queries are not ours (or are hostile): ignored whole. */
const MAX_QUERY_CHARS = 4000;
const MAX_PARAM_CHARS = 400;

export function defaultUrlState(): FilterUrlState {
  return { texts: [...presetById(DEFAULT_PRESET_ID)!.texts], image: DEFAULT_IMAGE, mode: DEFAULT_DISPLAY_MODE };
}

/** Checks an image reference's form (a photo id is checked against the photo list later, when it loads). */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text === 'pattern' || text === 'drawing') return text;
  if (/^photo:[a-z0-9][a-z0-9_-]{0,39}$/.test(text)) return text as ImageRef;
  const m = /^(mnist|fashion):(0|[1-9][0-9]{0,2})$/.exec(text);
  if (m && Number(m[2]) < DATASET_ITEMS) return text as ImageRef;
  return undefined;
}

export interface DecodedUrlState {
  /** Only the keys present and valid in the URL. */
  state: Partial<FilterUrlState>;
  /** One sentence per value that was present but refused. */
  notices: string[];
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** Reads the editor's state from a query string ("?k=…" or "k=…"). */
export function decodeFilterState(search: string): DecodedUrlState {
  const notices: string[] = [];
  const state: Partial<FilterUrlState> = {};
  if (search.length > MAX_QUERY_CHARS) {
    return { state, notices: ['The link’s query is too long to be a filter; showing the default filter instead.'] };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, notices: ['The link could not be read; showing the default filter instead.'] };
  }
  const kernel = params.get(URL_KEYS.kernel);
  if (kernel !== null) {
    const preset = presetById(kernel);
    if (preset) {
      state.texts = [...preset.texts];
    } else if (kernel.length > MAX_PARAM_CHARS) {
      notices.push('The filter in the link is too long; showing the default filter instead.');
    } else {
      const parsed = parseKernelText(kernel);
      if (parsed.ok) state.texts = parsed.texts;
      else notices.push(`The filter in the link was not used (${parsed.reason}) Showing the default filter instead.`);
    }
  }
  const image = params.get(URL_KEYS.image);
  if (image !== null) {
    const ref = image.length <= MAX_PARAM_CHARS ? parseImageRef(image) : undefined;
    if (ref) state.image = ref;
    else notices.push(`The image “${shorten(image)}” in the link is unknown; showing the default image instead.`);
  }
  const mode = params.get(URL_KEYS.mode);
  if (mode !== null) {
    if (isDisplayMode(mode)) state.mode = mode;
    else notices.push(`The display “${shorten(mode)}” in the link is unknown; showing values clamped to 0–255 instead.`);
  }
  const drawing = params.get(URL_KEYS.drawing);
  if (drawing !== null) {
    if (drawing.length <= MAX_PARAM_CHARS && decodeDrawing(drawing)) state.drawing = drawing;
    else notices.push('The drawing in the link could not be read; the drawing pad starts with its own picture.');
  }
  return { state, notices };
}

/** The kernel as it goes in the URL: a preset id when the texts are exactly a preset, else nine comma-separated texts. */
export function encodeKernel(texts: readonly string[]): string {
  const preset = KERNEL_PRESETS.find((p) => p.texts.length === texts.length && p.texts.every((t, i) => t === texts[i]));
  return preset ? preset.id : texts.map((t) => t.trim()).join(',');
}

/**
 * The query string with the editor's keys set and every other key (e.g. ?backend=wasm) kept.
 * Commas, slashes and colons stay readable: they are allowed in a query.
 */
export function encodeFilterState(state: FilterUrlState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch.length <= MAX_QUERY_CHARS ? currentSearch : '');
  params.set(URL_KEYS.kernel, encodeKernel(state.texts));
  params.set(URL_KEYS.image, state.image);
  params.set(URL_KEYS.mode, state.mode);
  if (state.image === 'drawing' && state.drawing !== undefined) params.set(URL_KEYS.drawing, state.drawing);
  else params.delete(URL_KEYS.drawing);
  const query = params.toString().replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  return `?${query}`;
}
