/**
 * Named 3×3 filters for the filter editor and the lesson. Each one keeps its values as the
 * texts a reader would type ("1/9", not 0.1111…), so a preset shown in the grid, written to
 * the URL and read back is exactly the same filter.
 */
import type { Kernel3x3 } from './conv2d';
import { parseStrictNumber } from './strict-number';

export type PresetFamily = 'identity' | 'edges' | 'blur' | 'sharpen' | 'other';

export interface KernelPreset {
  /** Stable id, used in URLs and tests. */
  readonly id: string;
  /** Button label. */
  readonly name: string;
  /** One sentence on what it does and why. */
  readonly description: string;
  readonly family: PresetFamily;
  /** The nine values as typed, row by row. */
  readonly texts: readonly string[];
  /** The nine values as numbers. */
  readonly kernel: Kernel3x3;
}

function preset(id: string, name: string, family: PresetFamily, description: string, texts: string[]): KernelPreset {
  const values = texts.map((t) => {
    const r = parseStrictNumber(t);
    if (!r.ok) throw new Error(`Preset ${id}: bad value ${t}`);
    return r.value;
  });
  if (values.length !== 9) throw new Error(`Preset ${id}: needs 9 values`);
  return { id, name, family, description, texts, kernel: values as unknown as Kernel3x3 };
}

export const KERNEL_PRESETS: readonly KernelPreset[] = [
  preset('identity', 'Identity', 'identity', 'Only the centre counts, with weight 1: every pixel keeps its own value.',
    ['0', '0', '0', '0', '1', '0', '0', '0', '0']),
  preset('vertical', 'Vertical lines', 'edges', 'Right column minus left column: strong where brightness changes from left to right, so vertical lines pop out.',
    ['-1', '0', '1', '-1', '0', '1', '-1', '0', '1']),
  preset('horizontal', 'Horizontal lines', 'edges', 'Bottom row minus top row: strong where brightness changes from top to bottom, so horizontal lines pop out.',
    ['-1', '-1', '-1', '0', '0', '0', '1', '1', '1']),
  preset('sobel-x', 'Sobel vertical', 'edges', 'Like “vertical lines”, but the middle row counts twice, which smooths noise along the edge.',
    ['-1', '0', '1', '-2', '0', '2', '-1', '0', '1']),
  preset('sobel-y', 'Sobel horizontal', 'edges', 'Like “horizontal lines”, but the middle column counts twice.',
    ['-1', '-2', '-1', '0', '0', '0', '1', '2', '1']),
  preset('outline', 'Outline', 'edges', 'Eight times the centre minus its eight neighbours: zero on flat areas, large at any edge.',
    ['-1', '-1', '-1', '-1', '8', '-1', '-1', '-1', '-1']),
  preset('sharpen', 'Sharpen', 'sharpen', 'The pixel plus four times its difference from its four nearest neighbours: edges get crisper.',
    ['0', '-1', '0', '-1', '5', '-1', '0', '-1', '0']),
  preset('box-blur', 'Box blur', 'blur', 'The plain average of the nine pixels: every weight is 1/9.',
    ['1/9', '1/9', '1/9', '1/9', '1/9', '1/9', '1/9', '1/9', '1/9']),
  preset('gaussian-blur', 'Gaussian blur', 'blur', 'A weighted average: near pixels count more than far ones, a softer blur than the box.',
    ['1/16', '2/16', '1/16', '2/16', '4/16', '2/16', '1/16', '2/16', '1/16']),
  preset('emboss', 'Emboss', 'other', 'Bottom-right minus top-left, plus the pixel itself: looks like light falling from one side.',
    ['-2', '-1', '0', '-1', '1', '1', '0', '1', '2']),
];

export const DEFAULT_PRESET_ID = 'vertical';

export function presetById(id: string): KernelPreset | undefined {
  return KERNEL_PRESETS.find((p) => p.id === id);
}

/** The preset with exactly these values, if any (so the UI can name what is in the grid). */
export function presetForKernel(kernel: readonly number[]): KernelPreset | undefined {
  return KERNEL_PRESETS.find((p) => p.kernel.every((v, i) => Math.abs(v - kernel[i]!) < 1e-9));
}

/** Sum of the nine weights: 1 keeps overall brightness, 0 turns flat areas black. */
export function kernelSum(kernel: readonly number[]): number {
  return kernel.reduce((a, b) => a + b, 0);
}
