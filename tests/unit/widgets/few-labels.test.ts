import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { accuracyDomain, describeLines, parseFeaturesReference, readerPoints, referenceLines } from '../../../src/widgets/few-labels/few-labels';
import { describePipeline, pipelineStages } from '../../../src/widgets/feature-pipeline/pipeline';
import { describeRecord, featureOrigin } from '../../../src/lib/ml/record-text';
import type { RunSummary } from '../../../src/lib/ml/run-log';

const shipped = JSON.parse(readFileSync('public/models/cnn-fashion/features-reference.json', 'utf8'));

describe('few-labels chart data', () => {
  it('reads the shipped reference, and refuses a damaged one', () => {
    const ref = parseFeaturesReference(shipped)!;
    expect(ref).not.toBeNull();
    const digits = referenceLines(ref, 'mnist');
    expect(digits.filter((p) => p.approach === 'flatten').map((p) => p.perClass)).toEqual([1, 10, 100, 1000]);
    expect(new Set(digits.map((p) => p.approach))).toEqual(new Set(['pixels', 'dense', 'flatten', 'cnnFromScratch']));
    expect(parseFeaturesReference({ ...shipped, digits: { fewLabels: [{ perClass: 1, pixels: 2, dense: 0, flatten: 0 }], precisionAt10: shipped.digits.precisionAt10 } })).toBeNull();
    expect(parseFeaturesReference(null)).toBeNull();
  });

  it('plots the reader\'s latest run per features and labels on the chosen data set only', () => {
    const run = (over: Partial<RunSummary>): RunSummary => ({ storeKey: 'features', model: 'softmax-regression', dataset: 'mnist', trainExamples: 100, epochs: 30, features: 'cnn-flatten', labelsPerClass: 10, testAccuracy: 0.8, at: '2026-12-06T00:00:00Z', ...over });
    const runs = [run({ testAccuracy: 0.7 }), run({ testAccuracy: 0.85 }), run({ features: 'pixels', labelsPerClass: 100, testAccuracy: 0.88 }),
      run({ dataset: 'fashion-mnist' }), run({ model: 'cnn-64-64-128' }), run({ testAccuracy: NaN, labelsPerClass: 1 }), run({ features: 'autoencoder-code', labelsPerClass: 1000 })];
    expect(readerPoints(runs, 'mnist')).toEqual([
      { approach: 'flatten', perClass: 10, accuracy: 0.85 }, { approach: 'pixels', perClass: 100, accuracy: 0.88 }, { approach: 'code', perClass: 1000, accuracy: 0.8 },
    ]);
    expect(readerPoints(runs, 'fashion-mnist')).toHaveLength(1);
  });

  it('gives an axis that holds every point, and says the lines in words', () => {
    expect(accuracyDomain([{ approach: 'pixels', perClass: 1, accuracy: 0.4749 }])).toEqual([0.4, 1]);
    expect(accuracyDomain([])).toEqual([0.8, 1]);
    expect(describeLines([{ approach: 'pixels', perClass: 1, accuracy: 0.4749 }, { approach: 'pixels', perClass: 1000, accuracy: 0.8313 }]))
      .toBe('Logistic regression on raw pixels: 47.5% with 1, 83.1% with 1,000');
  });
});

describe('the pipeline and a features run in words', () => {
  it('names the stages, the features\' width and the data set; never the regression\'s parameter count', () => {
    const stages = pipelineStages('cnn-flatten', 'mnist');
    expect(stages.map((s) => s.symbol)).toEqual(['x', 'f', 'φ(x)', 'ŵ', 'ŷ', 'y']);
    expect(describePipeline('cnn-flatten', 'mnist')).toMatch(/MNIST digits.*1,600 numbers/);
    expect(describePipeline('pixels', 'fashion-mnist')).toMatch(/Fashion-MNIST.*pixels go straight through/);
    for (const features of ['pixels', 'cnn-dense', 'cnn-flatten', 'autoencoder-code'] as const) {
      expect(describePipeline(features, 'mnist')).not.toMatch(/1,290|7,850|16,010/); // an exercise asks for one
    }
  });

  it('says whose network computed the features', () => {
    expect(featureOrigin({ features: 'pixels', extractor: 'none' })).toMatch(/raw pixels/);
    expect(featureOrigin({ features: 'cnn-dense', extractor: 'yours' })).toMatch(/you trained in lesson 4/);
    expect(featureOrigin({ features: 'autoencoder-code', extractor: 'shipped' })).toMatch(/shipped.*lesson 5/);
    expect(featureOrigin({ features: 'cnn-dense', extractor: 'shipped', extractorNote: 'Your lesson 4 model could not be used.' })).toBe('Your lesson 4 model could not be used.');
    expect(describeRecord({ task: 'features', source: 'trained', dataset: 'mnist', trainExamples: 1000, epochs: 30, testAccuracy: 0.962, features: 'cnn-flatten', labelsPerClass: 100, extractor: 'shipped' }))
      .toBe('softmax regression on CNN conv features from the shipped network, 100 labelled MNIST images per class, 30 epochs, test accuracy 96.2%');
    expect(describeRecord({ task: 'superres', source: 'trained', dataset: 'mnist', trainExamples: 10000, epochs: 3, testAccuracy: NaN, scale: 2, testPsnr: 22.31 }))
      .toBe('trained on 10,000 MNIST images, scale ×2, 3 epochs, test PSNR 22.3 dB');
  });
});
