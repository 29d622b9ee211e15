import { describe, expect, it } from 'vitest';
import { bandPath, barHeight, compressionRatio, convDiagram, denseDiagram, describeDiagram, formatRatio, layoutLayers } from '../../../src/widgets/autoencoder-diagram/layout';
import { buildConvAutoencoder, CONV_AE_FILTERS, denseAutoencoderParameters, denseAutoencoderWidths } from '../../../src/lib/ml/models-autoencoder';

const BOX = { width: 400, height: 200 };

describe('autoencoder diagram layout', () => {
  it('scales bar heights by log(units): the widest fills, 1 unit gets the minimum, k = 2 stays visible', () => {
    expect(barHeight(784, 784, 8, 136)).toBeCloseTo(136);
    expect(barHeight(1, 784, 8, 136)).toBeCloseTo(8);
    const two = barHeight(2, 784, 8, 136);
    expect(two).toBeGreaterThan(20); // linear would be 136 · 2/784 ≈ 0.35
    expect(two).toBeCloseTo(8 + 128 * Math.log(2) / Math.log(784));
    expect(() => barHeight(0, 784, 8, 136)).toThrow();
    expect(() => barHeight(900, 784, 8, 136)).toThrow();
  });

  it('lays out [784, 256, k, 256, 784] symmetric, evenly spaced, the code in the middle and narrowest', () => {
    for (const k of [2, 16, 64]) {
      const bars = layoutLayers(denseAutoencoderWidths(k), BOX);
      expect(bars.map((b) => b.role)).toEqual(['input', 'encoder', 'code', 'decoder', 'output']);
      expect(bars[0]!.height).toBeCloseTo(bars[4]!.height);
      expect(bars[1]!.height).toBeCloseTo(bars[3]!.height);
      expect(bars[2]!.height).toBeLessThan(bars[1]!.height);
      expect(bars[1]!.height).toBeLessThan(bars[0]!.height);
      const gaps = bars.slice(1).map((b, i) => b.x - bars[i]!.x);
      for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!);
      // All bars share one centre line and fit inside the box.
      const centre = bars[0]!.y + bars[0]!.height / 2;
      for (const b of bars) {
        expect(b.y + b.height / 2).toBeCloseTo(centre);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.y + b.height).toBeLessThanOrEqual(BOX.height);
      }
    }
    // A larger code is a taller bar.
    expect(layoutLayers(denseAutoencoderWidths(64), BOX)[2]!.height).toBeGreaterThan(layoutLayers(denseAutoencoderWidths(2), BOX)[2]!.height);
  });

  it('joins neighbouring bars with a closed band from one edge to the other', () => {
    const [a, b] = layoutLayers([784, 256, 784], BOX);
    const d = bandPath(a!, b!);
    expect(d.startsWith(`M${(a!.x + a!.barWidth / 2).toFixed(1)} ${a!.y.toFixed(1)}`)).toBe(true);
    expect(d).toContain(`L${(b!.x - b!.barWidth / 2).toFixed(1)} ${b!.y.toFixed(1)}`);
    expect(d.endsWith('Z')).toBe(true);
  });

  it('states the compression ratio and the parameter count of the real model', () => {
    expect(compressionRatio(784, 16)).toBe(49);
    expect(formatRatio(49)).toBe('49×');
    expect(formatRatio(784 / 64)).toBe('12.3×');
    expect(formatRatio(392)).toBe('392×');
    expect(() => compressionRatio(784, 0)).toThrow();
    // 784·256+256 + 256·16+16 + 16·256+256 + 256·784+784 = 200,960 + 4,112 + 4,352 + 201,488
    expect(denseAutoencoderParameters(16)).toBe(410_912);
    const text = describeDiagram(denseDiagram(16));
    expect(text).toContain('dense autoencoder: layers of 784, 256, 16, 256, 784');
    expect(text).toContain('code of 16 numbers (49× fewer)');
    expect(text).toContain('410,912 trainable parameters');
    expect(describeDiagram(denseDiagram(1))).toContain('code of 1 number (784× fewer)');
  });

  it('matches the real models: dense widths and parameters, conv parameters counted by tfjs', () => {
    for (const k of [2, 16, 64]) {
      expect(denseDiagram(k).layers.map((l) => l.units)).toEqual(denseAutoencoderWidths(k));
      expect(denseDiagram(k).parameters).toBe(denseAutoencoderParameters(k));
    }
    for (const k of [2, 16]) {
      const model = buildConvAutoencoder(0, {}, k);
      try {
        expect(convDiagram(k, CONV_AE_FILTERS).parameters).toBe(model.countParams());
      } finally {
        model.dispose();
      }
    }
    const conv = convDiagram(8);
    expect(conv.layers.map((l) => l.units)).toEqual([784, 3136, 392, 8, 392, 3136, 784]);
    expect(conv.layers.map((l) => l.name)).toEqual(['input', '14×14×16', '7×7×8', 'code', '7×7×8', '14×14×16', 'output']);
    const bars = layoutLayers(conv.layers.map((l) => l.units), BOX);
    expect(bars.map((b) => b.role)).toEqual(['input', 'encoder', 'encoder', 'code', 'decoder', 'decoder', 'output']);
    expect(bars[1]!.height).toBeGreaterThan(bars[0]!.height); // 3,136 feature values outnumber the 784 pixels
    expect(describeDiagram(conv)).toContain('convolutional autoencoder');
  });
});
