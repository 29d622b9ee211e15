import { describe, expect, it } from 'vitest';
import { accuracy, crossEntropy, gradient, gradientStep, parameterCount, predict, probabilities, zeroModel, type FeatureRows } from '../../../src/lib/math/softmax-regression';
import { mulberry32 } from '../../../src/lib/ml/random';

describe('softmax regression', () => {
  // Two rows, two features, two classes; worked by hand from a zero model (p = ½, ½ everywhere):
  //   p − onehot: row 1 (y = 0) → (−½, ½), row 2 (y = 1) → (½, −½)
  //   ∂W = ½[x₁(p₁ − e₀)ᵀ + x₂(p₂ − e₁)ᵀ] = [[−¼, ¼], [−¼, ¼]],  ∂b = (0, 0)
  const rows: FeatureRows = { data: [1, 2, 0, 1], count: 2, dims: 2 };
  const labels = [0, 1];

  it('takes the gradient step worked out by hand, and the loss falls', () => {
    const model = zeroModel(2, 2);
    expect(crossEntropy(model, rows, labels)).toBeCloseTo(Math.log(2), 12);
    const g = gradient(model, rows, labels);
    expect([...g.weights]).toEqual([-0.25, 0.25, -0.25, 0.25]);
    expect([...g.bias]).toEqual([0, 0]);
    gradientStep(model, rows, labels, 1);
    expect([...model.weights]).toEqual([0.25, -0.25, 0.25, -0.25]);
    // Row 1's logits (0.75, −0.75), row 2's (0.25, −0.25): −½[log σ(1.5) + log σ(−0.5)].
    const expected = -(Math.log(1 / (1 + Math.exp(-1.5))) + Math.log(1 / (1 + Math.exp(0.5)))) / 2;
    expect(crossEntropy(model, rows, labels)).toBeCloseTo(expected, 12);
    expect(expected).toBeLessThan(Math.log(2));
  });

  it('its gradient matches finite differences of its loss on random data', () => {
    const random = mulberry32(3);
    const data = Array.from({ length: 6 * 4 }, () => random() * 2 - 1);
    const r: FeatureRows = { data, count: 6, dims: 4 };
    const y = [0, 1, 2, 1, 0, 2];
    const model = zeroModel(4, 3);
    model.weights.forEach((_, i) => (model.weights[i] = random() - 0.5));
    const g = gradient(model, r, y);
    const h = 1e-6;
    for (let i = 0; i < model.weights.length; i++) {
      const keep = model.weights[i]!;
      model.weights[i] = keep + h;
      const up = crossEntropy(model, r, y);
      model.weights[i] = keep - h;
      const down = crossEntropy(model, r, y);
      model.weights[i] = keep;
      expect(g.weights[i]).toBeCloseTo((up - down) / (2 * h), 6);
    }
  });

  it('probabilities sum to one even for huge logits; predictions and accuracy', () => {
    const model = zeroModel(1, 3);
    model.weights.set([1000, 0, -1000]);
    const p = probabilities(model, { data: [1], count: 1, dims: 1 }, 0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect([...predict(model, { data: [1, -1], count: 2, dims: 1 })]).toEqual([0, 2]);
    expect(accuracy([0, 2], [0, 1])).toBe(0.5);
    expect(parameterCount(128, 10)).toBe(1290);
  });
});
