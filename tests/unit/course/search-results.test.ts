import { describe, expect, it } from 'vitest';
import { safeExcerpt, summaryText, toHit } from '../../../src/lib/search/results';

describe('search results', () => {
  it('keeps <mark> and nothing else from an excerpt', () => {
    expect(safeExcerpt('max <mark>pooling</mark> keeps &amp; drops')).toBe('max <mark>pooling</mark> keeps &amp; drops');
    expect(safeExcerpt('<img src=x onerror=alert(1)> & <mark>a</mark>')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; <mark>a</mark>');
  });

  it('lists a page with its sections inside that page', () => {
    const hit = toHit({
      url: '/lessons/03-pooling/', excerpt: 'x', meta: { title: 'Pooling' },
      sub_results: [
        { title: 'Pooling', url: '/lessons/03-pooling/', excerpt: 'top' },
        { title: 'You will be able to', url: '/lessons/03-pooling/#objectives-heading', excerpt: 'o' },
        { title: 'Max or average?', url: '/lessons/03-pooling/#max-or-average', excerpt: 'a' },
        { title: 'Why networks pool', url: '/lessons/03-pooling/#why-networks-pool', excerpt: 'b' },
        { title: 'Between', url: '/lessons/03-pooling/#between-the-convolutions', excerpt: 'c' },
        { title: 'Four', url: '/lessons/03-pooling/#four-pixels-become-one', excerpt: 'd' },
      ],
    });
    expect(hit.title).toBe('Pooling');
    expect(hit.sections.map((s) => s.url)).toEqual(['/lessons/03-pooling/#max-or-average', '/lessons/03-pooling/#why-networks-pool', '/lessons/03-pooling/#between-the-convolutions']);
  });

  it('says when nothing matches', () => {
    expect(summaryText('zyxw', 0)).toMatch(/^Nothing in the course matches “zyxw”/);
    expect(summaryText('pooling', 2)).toBe('2 pages match “pooling”.');
    expect(summaryText('  ', 0)).toBe('');
  });
});
