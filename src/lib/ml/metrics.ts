/**
 * Classification metrics on plain arrays (no tfjs): accuracy, the confusion matrix and what
 * a reader wants to read from it. Used by the worker (test accuracy) and the widgets (matrix).
 */

/** Index of the largest value in row `row` of a row-major [rows, classes] array (first one on ties). */
export function argmaxRow(values: ArrayLike<number>, row: number, classes: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let c = 0; c < classes; c++) {
    const v = values[row * classes + c]!;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** Predicted class of every row of a row-major [count, classes] probability array. */
export function argmaxRows(values: ArrayLike<number>, classes: number): Uint8Array {
  const count = Math.floor(values.length / classes);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = argmaxRow(values, i, classes);
  return out;
}

/** Fraction of positions where prediction equals label (0…1). Throws on length mismatch or no examples. */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (labels.length !== predicted.length) throw new Error(`accuracy: ${labels.length} labels but ${predicted.length} predictions`);
  if (labels.length === 0) throw new Error('accuracy: no examples');
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) right++;
  return right / labels.length;
}

/** matrix[trueClass][predictedClass] = count. Rows are what the item is, columns what the model said. */
export type ConfusionMatrix = number[][];

export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ConfusionMatrix {
  if (labels.length !== predicted.length) throw new Error(`confusionMatrix: ${labels.length} labels but ${predicted.length} predictions`);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted[i]!;
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) throw new Error(`confusionMatrix: class out of range at ${i} (${t}, ${p})`);
    matrix[t]![p]! += 1;
  }
  return matrix;
}

/** Accuracy read off a confusion matrix: the diagonal over the total. */
export function matrixAccuracy(matrix: ConfusionMatrix): number {
  let diagonal = 0;
  let total = 0;
  matrix.forEach((row, t) => row.forEach((n, p) => {
    total += n;
    if (t === p) diagonal += n;
  }));
  return total > 0 ? diagonal / total : NaN;
}

/** Per true class: the fraction of its items predicted correctly (recall); NaN for a class with no items. */
export function perClassRecall(matrix: ConfusionMatrix): number[] {
  return matrix.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total > 0 ? row[t]! / total : NaN;
  });
}

export interface Confusion {
  actual: number;
  predicted: number;
  count: number;
}

/** The off-diagonal cells, biggest first: "which classes does the model mix up most". */
export function topConfusions(matrix: ConfusionMatrix, limit = 5): Confusion[] {
  const cells: Confusion[] = [];
  matrix.forEach((row, actual) => row.forEach((count, predicted) => {
    if (actual !== predicted && count > 0) cells.push({ actual, predicted, count });
  }));
  cells.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted);
  return cells.slice(0, limit);
}

/** Indices of the examples in one cell of the matrix (true class `actual`, predicted `predicted`). */
export function indicesInCell(labels: ArrayLike<number>, predicted: ArrayLike<number>, actual: number, guess: number, limit = Infinity): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < limit; i++) if (labels[i] === actual && predicted[i] === guess) out.push(i);
  return out;
}

/** Mean categorical cross-entropy −log p(true class), with p clipped to avoid log 0 (like Keras, ε = 1e-7). */
export function crossEntropy(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  if (labels.length === 0) throw new Error('crossEntropy: no examples');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i * classes + labels[i]!]!;
    sum -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, p)));
  }
  return sum / labels.length;
}

/** Softmax of one vector of scores (numerically stable: subtracts the maximum first). */
export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
