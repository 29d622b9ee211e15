import { describe, expect, it } from 'vitest';
import {
  accuracy, argmaxRows, confusionMatrix, crossEntropy, indicesInCell, matrixAccuracy, perClassRecall, softmax, topConfusions,
} from '../../../src/lib/ml/metrics';

describe('classification metrics (hand-made cases)', () => {
  const labels = [0, 0, 1, 1, 2, 2, 2];
  const predicted = [0, 1, 1, 1, 2, 0, 0];

  it('accuracy counts matches', () => {
    expect(accuracy(labels, predicted)).toBeCloseTo(4 / 7);
    expect(accuracy([3], [3])).toBe(1);
    expect(() => accuracy([1, 2], [1])).toThrow(/2 labels but 1/);
    expect(() => accuracy([], [])).toThrow(/no examples/);
  });

  it('confusion matrix: rows are true classes, columns predictions', () => {
    const m = confusionMatrix(labels, predicted, 3);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [2, 0, 1],
    ]);
    expect(matrixAccuracy(m)).toBeCloseTo(accuracy(labels, predicted));
    expect(perClassRecall(m)).toEqual([0.5, 1, 1 / 3]);
    expect(topConfusions(m)).toEqual([{ actual: 2, predicted: 0, count: 2 }, { actual: 0, predicted: 1, count: 1 }]);
    expect(indicesInCell(labels, predicted, 2, 0)).toEqual([5, 6]);
    expect(indicesInCell(labels, predicted, 2, 0, 1)).toEqual([5]);
    expect(() => confusionMatrix([5], [0], 3)).toThrow(/out of range/);
  });

  it('a class with no items has NaN recall, not 0', () => {
    expect(perClassRecall(confusionMatrix([0, 0], [0, 1], 3))[2]).toBeNaN();
  });

  it('argmax picks the most confident class per row (first on ties)', () => {
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0, 1], 3))).toEqual([1, 0, 2]);
  });

  it('softmax sums to 1, keeps order, and survives large scores', () => {
    const p = softmax([2, 1, 0.1]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(p[0]).toBeCloseTo(0.659, 3);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });

  it('cross-entropy is −log of the true class probability, clipped at 0', () => {
    expect(crossEntropy([0.25, 0.75, 0.5, 0.5], [1, 0], 2)).toBeCloseTo((-Math.log(0.75) - Math.log(0.5)) / 2);
    expect(crossEntropy([1, 0], [1], 2)).toBeCloseTo(-Math.log(1e-7));
  });
});
