import { describe, expect, it } from 'vitest';
import { describeItem, examplesAt, filterOptions, filterStream, kindCounts, type ScoredStream } from '../../../../src/widgets/anomaly-explorer/stream';

// Six items: two normal digits, two Fashion items, two corrupted digits.
const stream: ScoredStream = {
  scores: new Float32Array([0.01, 0.02, 0.2, 0.1, 0.05, 0.03]),
  kinds: new Uint8Array([0, 0, 1, 1, 2, 2]),
  labels: new Uint8Array([7, 1, 7, 0, 3, 9]),
  normalDataset: 'mnist',
  foreignDataset: 'fashion-mnist',
};

describe('anomaly stream', () => {
  it('counts each kind', () => {
    expect(kindCounts(stream)).toEqual({ normal: 2, foreign: 2, corrupted: 2 });
  });

  it('keeps normal items plus the chosen kind of anomaly, in stream order', () => {
    const all = filterStream(stream, 'all');
    expect(all.indices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(all.anomalous).toEqual([false, false, true, true, true, true]);
    expect([all.normalCount, all.anomalyCount]).toEqual([2, 4]);
    const foreign = filterStream(stream, 'foreign');
    expect(foreign.indices).toEqual([0, 1, 2, 3]);
    expect(foreign.scores[2]).toBeCloseTo(0.2);
    const corrupted = filterStream(stream, 'corrupted');
    expect(corrupted.indices).toEqual([0, 1, 4, 5]);
    expect(corrupted.anomalous).toEqual([false, false, true, true]);
    expect(() => filterStream({ scores: [1, 2], kinds: [0] }, 'all')).toThrow(/2 scores but 1 kinds/);
  });

  it('offers only the filters the stream has items for, named after the data sets', () => {
    expect(filterOptions(stream).map((o) => o.label)).toEqual(['All anomalies', 'Fashion-MNIST items only', 'Corrupted digits only']);
    const noCorrupted = { ...stream, kinds: new Uint8Array([0, 0, 1, 1, 1, 1]) };
    expect(filterOptions(noCorrupted).map((o) => o.value)).toEqual(['all', 'foreign']);
    const fashionNormal: ScoredStream = { ...stream, normalDataset: 'fashion-mnist', foreignDataset: 'mnist' };
    expect(filterOptions(fashionNormal).map((o) => o.label)).toEqual(['All anomalies', 'MNIST digits only', 'Corrupted items only']);
  });

  it('says what each item really is', () => {
    expect(describeItem(stream, 0)).toBe('digit 7');
    expect(describeItem(stream, 2)).toBe('Fashion-MNIST: Sneaker');
    expect(describeItem(stream, 3)).toBe('Fashion-MNIST: T-shirt/top');
    expect(describeItem(stream, 4)).toBe('corrupted digit 3');
    const swapped: ScoredStream = { ...stream, normalDataset: 'fashion-mnist', foreignDataset: 'mnist' };
    expect(describeItem(swapped, 0)).toBe('Sneaker');
    expect(describeItem(swapped, 2)).toBe('MNIST: digit 7');
    expect(describeItem(swapped, 5)).toBe('corrupted Ankle boot');
  });

  it('builds examples with the decision at a threshold', () => {
    const filtered = filterStream(stream, 'corrupted');
    const ex = examplesAt(stream, filtered, [2, 3], 0.04);
    expect(ex.map((e) => [e.index, e.what, e.anomalous, e.flagged])).toEqual([
      [4, 'corrupted digit 3', true, true],
      [5, 'corrupted digit 9', true, false],
    ]);
  });
});
