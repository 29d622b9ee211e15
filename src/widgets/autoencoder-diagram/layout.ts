/**
 * Geometry of the encoder → code → decoder diagram, framework-free. Layer widths span 784 down to
 * 2, so bar heights follow log(width): linear heights would make a 2-number code a hairline
 * (2/784 of the 784 bar), while log keeps it visible and still clearly the narrowest.
 */

export interface DiagramBox {
  width: number;
  height: number;
}

export interface LayerBar {
  /** Numbers in the layer. */
  units: number;
  /** Centre x and the bar's top, height and width in SVG units. */
  x: number;
  y: number;
  height: number;
  barWidth: number;
  role: 'input' | 'encoder' | 'code' | 'decoder' | 'output';
}

export interface LayoutOptions {
  /** Smallest bar height (a layer of 1 unit), so the code never vanishes. */
  minHeight?: number;
  /** Room above and below the bars for labels. */
  padTop?: number;
  padBottom?: number;
  barWidth?: number;
  padX?: number;
}

/** Bar height for `units` in [minHeight, maxHeight], log-scaled against the widest layer. */
export function barHeight(units: number, widest: number, minHeight: number, maxHeight: number): number {
  if (!(Number.isFinite(units) && units >= 1)) throw new Error(`barHeight: a layer needs at least 1 unit, got ${units}`);
  if (!(widest >= units)) throw new Error(`barHeight: the widest layer (${widest}) is narrower than ${units}`);
  if (widest === 1) return maxHeight;
  return minHeight + (maxHeight - minHeight) * (Math.log(units) / Math.log(widest));
}

/**
 * Bars for layers `widths` (input first, output last), evenly spaced and vertically centred.
 * The narrowest layer in the middle is the code; the others are input/encoder/decoder/output.
 */
export function layoutLayers(widths: readonly number[], box: DiagramBox, options: LayoutOptions = {}): LayerBar[] {
  if (widths.length < 3) throw new Error('layoutLayers: an autoencoder has at least input, code and output');
  const { minHeight = 8, padTop = 24, padBottom = 40, barWidth = 22, padX = 40 } = options;
  const widest = Math.max(...widths);
  const maxHeight = box.height - padTop - padBottom;
  const centreY = padTop + maxHeight / 2;
  const codeIndex = (widths.length - 1) / 2;
  const step = (box.width - 2 * padX) / (widths.length - 1);
  return widths.map((units, i) => {
    const height = barHeight(units, widest, minHeight, maxHeight);
    const role: LayerBar['role'] = i === 0 ? 'input' : i === widths.length - 1 ? 'output' : i === codeIndex ? 'code' : i < codeIndex ? 'encoder' : 'decoder';
    return { units, x: padX + i * step, y: centreY - height / 2, height, barWidth, role };
  });
}

/** SVG path of the band joining two neighbouring bars (right edge of a to left edge of b). */
export function bandPath(a: LayerBar, b: LayerBar): string {
  const x1 = a.x + a.barWidth / 2;
  const x2 = b.x - b.barWidth / 2;
  const f = (v: number): string => v.toFixed(1);
  return `M${f(x1)} ${f(a.y)}L${f(x2)} ${f(b.y)}L${f(x2)} ${f(b.y + b.height)}L${f(x1)} ${f(a.y + a.height)}Z`;
}

/** How many times fewer numbers the code holds than the image: 784 / k. */
export function compressionRatio(pixels: number, code: number): number {
  if (!(code > 0)) throw new Error(`compressionRatio: the code needs at least one number, got ${code}`);
  return pixels / code;
}

/** "49×" or "12.3×" (one decimal below 100 unless whole). */
export function formatRatio(ratio: number): string {
  return Number.isInteger(ratio) || ratio >= 100 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

/** The sentence a screen reader hears for the diagram. */
export function describeDiagram(model: DiagramModel): string {
  const widths = model.layers.map((l) => l.units);
  const code = widths[(widths.length - 1) / 2] ?? 0;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  return `Diagram of the ${model.kind} autoencoder: layers of ${widths.map(fmt).join(', ')} numbers. The encoder squeezes the ${fmt(widths[0] ?? 0)} pixels into a code of ${fmt(code)} number${code === 1 ? '' : 's'} (${formatRatio(compressionRatio(widths[0] ?? 0, code))} fewer), and the decoder rebuilds ${fmt(widths.at(-1) ?? 0)} pixels from it. ${fmt(model.parameters)} trainable parameters.`;
}

/** One layer as the diagram labels it. */
export interface DiagramLayer {
  units: number;
  /** Under the bar: "input", "encoder", "14×14×16", "code" … */
  name: string;
}

export interface DiagramModel {
  layers: DiagramLayer[];
  parameters: number;
  /** "dense" or "convolutional", for the caption and the screen-reader sentence. */
  kind: string;
}

/** The dense autoencoder 784 → 256 → k → 256 → 784 (weights plus biases of four dense layers). */
export function denseDiagram(k: number, hidden = 256): DiagramModel {
  const widths = [784, hidden, k, hidden, 784];
  let parameters = 0;
  for (let i = 1; i < widths.length; i++) parameters += (widths[i - 1]! + 1) * widths[i]!;
  const names = ['input', 'encoder', 'code', 'decoder', 'output'];
  return { layers: widths.map((units, i) => ({ units, name: names[i]! })), parameters, kind: 'dense' };
}

/**
 * The convolutional autoencoder drawn at its pooled/upsampled sizes: 28×28 → 14×14×16 → 7×7×8 →
 * k → 7×7×8 → 14×14×16 → 28×28. Parameters: 3×3 convs 1→16, 16→8 (encoder), 8→16, 16→1
 * (decoder), and the dense layers 392 → k → 392.
 */
export function convDiagram(k: number, filters: readonly [number, number] = [16, 8]): DiagramModel {
  const [wide, narrow] = filters;
  const conv = (inC: number, outC: number): number => 9 * inC * outC + outC;
  const flat = 7 * 7 * narrow;
  const parameters = conv(1, wide) + conv(wide, narrow) + (flat + 1) * k + (k + 1) * flat + conv(narrow, wide) + conv(wide, 1);
  const layers: DiagramLayer[] = [
    { units: 784, name: 'input' }, { units: 14 * 14 * wide, name: `14×14×${wide}` }, { units: flat, name: `7×7×${narrow}` },
    { units: k, name: 'code' },
    { units: flat, name: `7×7×${narrow}` }, { units: 14 * 14 * wide, name: `14×14×${wide}` }, { units: 784, name: 'output' },
  ];
  return { layers, parameters, kind: 'convolutional' };
}
