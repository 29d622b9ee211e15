import { describe, expect, it } from 'vitest';
import { describeStream, formatAuc, formatPercent, histogramLabel, median, recallHelperText, rocLabel, thresholdSummary } from '../../../../src/widgets/anomaly-explorer/summary';

describe('anomaly explorer sentences', () => {
  it('formats percentages and AUC', () => {
    expect(formatPercent(0.9)).toBe('90.0%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(NaN)).toBe('–');
    expect(formatAuc(1)).toBe('1.000');
    expect(formatAuc(0.94349)).toBe('0.943');
  });

  it('describes the stream by kind', () => {
    expect(describeStream({ normal: 1000, foreign: 250, corrupted: 250 }, 'mnist', 'fashion-mnist', 'Gaussian noise σ = 0.5'))
      .toBe('1,500 test images scored: 1,000 MNIST digits (normal), 250 Fashion-MNIST items and 250 corrupted digits (Gaussian noise σ = 0.5).');
    expect(describeStream({ normal: 3, foreign: 1, corrupted: 0 }, 'mnist', 'fashion-mnist', ''))
      .toBe('4 test images scored: 3 MNIST digits (normal) and 1 Fashion-MNIST item.');
  });

  it('sums up a threshold decision', () => {
    const c = { tp: 45, fn: 5, fp: 12, tn: 988 };
    const m = { precision: 45 / 57, recall: 0.9, f1: 90 / 107, precisionDefined: true, recallDefined: true };
    expect(thresholdSummary(0.02346, c, m, 'mnist')).toBe('Threshold 0.0235: 45 of 50 anomalies flagged (recall 90.0%); 12 of 1,000 normal digits flagged too; precision 78.9%, F1 0.841.');
    const none = { tp: 0, fn: 50, fp: 0, tn: 1000 };
    expect(thresholdSummary(2, none, { precision: 0, recall: 0, f1: 0, precisionDefined: false, recallDefined: true }, 'mnist')).toContain('precision undefined (nothing flagged)');
  });

  it('explains the threshold for a required recall and its cost', () => {
    const c = { tp: 45, fn: 5, fp: 13, tn: 987 };
    expect(recallHelperText(0.9, 0.0412, c, { precision: 45 / 58, recall: 0.9, f1: 0, precisionDefined: true, recallDefined: true }, 'mnist'))
      .toBe('To catch at least 90.0% of the 50 anomalies (45), flag every image whose error is at least 0.0412. That flags 13 normal digits as well: precision 77.6%.');
    const tied = { tp: 46, fn: 4, fp: 0, tn: 1000 };
    expect(recallHelperText(0.9, 0.05, tied, { precision: 1, recall: 0.92, f1: 0, precisionDefined: true, recallDefined: true }, 'mnist'))
      .toBe('To catch at least 90.0% of the 50 anomalies (45), flag every image whose error is at least 0.05. Tied scores catch 46. That flags no normal image: precision 100%.');
    expect(recallHelperText(0, Infinity, c, { precision: 0, recall: 0, f1: 0, precisionDefined: false, recallDefined: true }, 'mnist')).toMatch(/needs no threshold/);
  });

  it('gives the charts text alternatives with the figures', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(histogramLabel([0.01, 0.02, 0.03], [0.1, 0.2], 0.05, { tp: 2, fn: 0, fp: 0, tn: 3 }, 'mnist'))
      .toBe('Histogram of reconstruction errors, log scale. Normal digits: median 0.02; anomalies: median 0.15. The threshold at 0.05 flags 0.0% of the normal digits and 100.0% of the anomalies.');
    expect(rocLabel(0.9, { fpr: 0.05, tpr: 0.8 })).toBe('ROC curve, AUC 0.900 (1 is perfect, 0.5 is guessing). At the current threshold: true-positive rate 80.0%, false-positive rate 5.0%.');
  });
});
