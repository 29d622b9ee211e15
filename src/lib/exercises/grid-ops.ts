/**
 * Expected answers of "compute by hand" grids, computed from the declared operation and inputs
 * at build time (never typed in by an author, so they cannot be wrong by a typo).
 */
import { convolvePixel, type Kernel3x3 } from '../math/conv2d';

export const GRID_OPERATIONS = ['conv3x3', 'maxpool2x2', 'avgpool2x2'] as const;
export type GridOperation = (typeof GRID_OPERATIONS)[number];

export type Grid = readonly (readonly number[])[];

/** Throws unless `grid` is a non-empty rectangle of finite numbers. */
export function assertRectangular(grid: Grid, what: string): void {
  const width = grid[0]?.length ?? 0;
  if (grid.length === 0 || width === 0) throw new Error(`${what} is empty`);
  for (const row of grid) {
    if (row.length !== width) throw new Error(`${what} is not rectangular: rows have ${grid.map((r) => r.length).join(', ')} values`);
    if (!row.every((v) => Number.isFinite(v))) throw new Error(`${what} contains a value that is not a finite number`);
  }
}

/**
 * conv3x3: valid positions only, so an H×W input gives an (H−2)×(W−2) output
 * (each output cell is src/lib/math/conv2d.ts's convolvePixel at the matching inner pixel).
 * maxpool2x2 / avgpool2x2: 2×2 windows with stride 2, so H×W (both even) gives (H/2)×(W/2).
 */
export function computeGrid(operation: GridOperation, input: Grid, kernel?: Kernel3x3): number[][] {
  assertRectangular(input, 'input');
  const height = input.length;
  const width = input[0]!.length;
  if (operation === 'conv3x3') {
    if (!kernel) throw new Error('conv3x3 needs a kernel');
    if (height < 3 || width < 3) throw new Error('conv3x3 needs an input of at least 3×3');
    const image = { width, height, pixels: input.flat() };
    return Array.from({ length: height - 2 }, (_, r) => Array.from({ length: width - 2 }, (_, c) => convolvePixel(image, kernel, c + 1, r + 1)));
  }
  if (height % 2 !== 0 || width % 2 !== 0) throw new Error(`${operation} needs an even number of rows and columns, got ${height}×${width}`);
  const at = (r: number, c: number): number => input[r]![c]!;
  return Array.from({ length: height / 2 }, (_, r) =>
    Array.from({ length: width / 2 }, (_, c) => {
      const window = [at(2 * r, 2 * c), at(2 * r, 2 * c + 1), at(2 * r + 1, 2 * c), at(2 * r + 1, 2 * c + 1)];
      return operation === 'maxpool2x2' ? Math.max(...window) : window.reduce((a, b) => a + b, 0) / 4;
    }),
  );
}
