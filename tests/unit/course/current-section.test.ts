import { describe, expect, it } from 'vitest';
import { currentSectionIndex } from '../../../src/lib/course/current-section';

describe('currentSectionIndex', () => {
  it('is the first heading while none has reached the top third of the window', () => {
    expect(currentSectionIndex([500, 1200, 2000], 900)).toBe(0);
  });
  it('is the last heading above the line a third of the way down', () => {
    expect(currentSectionIndex([-800, -100, 250, 1200], 900)).toBe(2);
    expect(currentSectionIndex([-800, -100, 301, 1200], 900)).toBe(1);
  });
  it('is the last heading once all have scrolled past', () => {
    expect(currentSectionIndex([-3000, -2000, -50], 900)).toBe(2);
  });
});
