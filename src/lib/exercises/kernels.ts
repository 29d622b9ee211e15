/** Named 3×3 filters used by exercises (row by row, like src/lib/math/conv2d.ts's Kernel3x3). */
import type { Kernel3x3 } from '../math/conv2d';

export interface NamedKernel {
  readonly title: string;
  readonly kernel: Kernel3x3;
}

const ninth = 1 / 9;

export const EXERCISE_KERNELS = {
  identity: { title: 'the identity filter', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  'box-blur': { title: 'a 3×3 box blur', kernel: [ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth] },
  'gaussian-blur': { title: 'a 3×3 Gaussian blur', kernel: [1 / 16, 2 / 16, 1 / 16, 2 / 16, 4 / 16, 2 / 16, 1 / 16, 2 / 16, 1 / 16] },
  'sobel-horizontal': { title: 'a Sobel filter for horizontal edges', kernel: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  'sobel-vertical': { title: 'a Sobel filter for vertical edges', kernel: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  'vertical-lines': { title: 'a vertical-line filter', kernel: [-1, 2, -1, -1, 2, -1, -1, 2, -1] },
  'horizontal-lines': { title: 'a horizontal-line filter', kernel: [-1, -1, -1, 2, 2, 2, -1, -1, -1] },
  sharpen: { title: 'a sharpening filter', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
} as const satisfies Record<string, NamedKernel>;

export type KernelName = keyof typeof EXERCISE_KERNELS;
export const KERNEL_NAMES = Object.keys(EXERCISE_KERNELS) as KernelName[];

/** Converts a 3×3 nested array or a flat list of nine numbers to a Kernel3x3. Throws with a reason otherwise. */
export function toKernel(values: readonly number[] | readonly (readonly number[])[]): Kernel3x3 {
  const flat = (values as readonly (number | readonly number[])[]).flatMap((v) => (Array.isArray(v) ? v : [v])) as number[];
  const rows = values.every((v) => Array.isArray(v)) ? values.length : 3;
  if (rows !== 3 || flat.length !== 9 || !flat.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error('a 3×3 kernel needs exactly nine finite numbers (three rows of three)');
  }
  return flat as unknown as Kernel3x3;
}
