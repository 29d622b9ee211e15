/**
 * Multinomial (softmax) logistic regression in plain numbers: the classifier lesson 6 fits on
 * deep features. The reference the worker's tfjs fit is tested against, and teaching code.
 *
 * For features x ∈ ℝᵈ and classes k = 1…K, with weights W (d × K) and biases b:
 *   z = xᵀW + b,   p_k = exp(z_k) / Σ_j exp(z_j),   loss = −(1/n) Σ_i log p_{y_i}(x_i)
 * The loss is the cross-entropy (log-loss) of lesson 1: it is what the fit minimises; accuracy is
 * only measured afterwards. Its gradient is the prediction error times the input:
 *   ∂loss/∂W = (1/n) Σ_i x_i (p_i − onehot(y_i))ᵀ,   ∂loss/∂b = (1/n) Σ_i (p_i − onehot(y_i))
 */

export interface SoftmaxModel {
  /** Features per example. */
  dims: number;
  classes: number;
  /** [dims × classes], row-major: weights[f * classes + k]. */
  weights: Float64Array;
  /** [classes] */
  bias: Float64Array;
}

/** Rows of features: `data` is [count × dims], row-major. */
export interface FeatureRows {
  data: ArrayLike<number>;
  count: number;
  dims: number;
}

export function zeroModel(dims: number, classes: number): SoftmaxModel {
  return { dims, classes, weights: new Float64Array(dims * classes), bias: new Float64Array(classes) };
}

/** Parameters to learn: one weight per feature and class, plus one bias per class. */
export function parameterCount(dims: number, classes: number): number {
  return dims * classes + classes;
}

/** Class probabilities of row `i` (a numerically stable softmax: the largest logit is subtracted first). */
export function probabilities(model: SoftmaxModel, rows: FeatureRows, i: number, out = new Float64Array(model.classes)): Float64Array {
  const { dims, classes, weights, bias } = model;
  for (let k = 0; k < classes; k++) out[k] = bias[k]!;
  const base = i * dims;
  for (let f = 0; f < dims; f++) {
    const x = rows.data[base + f]!;
    if (x === 0) continue;
    const w = f * classes;
    for (let k = 0; k < classes; k++) out[k]! += x * weights[w + k]!;
  }
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, out[k]!);
  let sum = 0;
  for (let k = 0; k < classes; k++) { out[k] = Math.exp(out[k]! - max); sum += out[k]!; }
  for (let k = 0; k < classes; k++) out[k]! /= sum;
  return out;
}

/** Mean cross-entropy over the rows listed in `index` (all rows when omitted). */
export function crossEntropy(model: SoftmaxModel, rows: FeatureRows, labels: ArrayLike<number>, index?: ArrayLike<number>): number {
  const p = new Float64Array(model.classes);
  const n = index ? index.length : rows.count;
  let total = 0;
  for (let j = 0; j < n; j++) {
    const i = index ? index[j]! : j;
    probabilities(model, rows, i, p);
    total -= Math.log(Math.max(p[labels[i]!]!, 1e-300));
  }
  return total / n;
}

/** Gradient of the mean cross-entropy over the rows in `index` (all rows when omitted). */
export function gradient(model: SoftmaxModel, rows: FeatureRows, labels: ArrayLike<number>, index?: ArrayLike<number>): { weights: Float64Array; bias: Float64Array } {
  const { dims, classes } = model;
  const gw = new Float64Array(dims * classes);
  const gb = new Float64Array(classes);
  const p = new Float64Array(classes);
  const n = index ? index.length : rows.count;
  for (let j = 0; j < n; j++) {
    const i = index ? index[j]! : j;
    probabilities(model, rows, i, p);
    p[labels[i]!]! -= 1;
    for (let k = 0; k < classes; k++) gb[k]! += p[k]! / n;
    const base = i * dims;
    for (let f = 0; f < dims; f++) {
      const x = rows.data[base + f]!;
      if (x === 0) continue;
      for (let k = 0; k < classes; k++) gw[f * classes + k]! += (x * p[k]!) / n;
    }
  }
  return { weights: gw, bias: gb };
}

/** One gradient-descent step with learning rate `rate` (in place). */
export function gradientStep(model: SoftmaxModel, rows: FeatureRows, labels: ArrayLike<number>, rate: number, index?: ArrayLike<number>): SoftmaxModel {
  const g = gradient(model, rows, labels, index);
  for (let i = 0; i < model.weights.length; i++) model.weights[i]! -= rate * g.weights[i]!;
  for (let k = 0; k < model.classes; k++) model.bias[k]! -= rate * g.bias[k]!;
  return model;
}

/** The most probable class of each row. */
export function predict(model: SoftmaxModel, rows: FeatureRows): Uint8Array {
  const out = new Uint8Array(rows.count);
  const p = new Float64Array(model.classes);
  for (let i = 0; i < rows.count; i++) {
    probabilities(model, rows, i, p);
    let best = 0;
    for (let k = 1; k < model.classes; k++) if (p[k]! > p[best]!) best = k;
    out[i] = best;
  }
  return out;
}

/** Share of rows whose predicted class is their label. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) right++;
  return right / predicted.length;
}
