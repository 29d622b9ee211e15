import { describe, expect, it } from 'vitest';
import rehypeStackTables, { STACK_CLASS, labelTable, textOf, type HastNode } from '../../../src/lib/markdown/rehype-stack-tables';

const text = (value: string): HastNode => ({ type: 'text', value });
const el = (tagName: string, children: HastNode[] = [], properties: Record<string, unknown> = {}): HastNode => ({ type: 'element', tagName, properties, children });

function table(headings: string[], rows: string[][]): HastNode {
  return el('table', [
    el('thead', [el('tr', headings.map((h) => el('th', [text(h)])))]),
    el('tbody', rows.map((r) => el('tr', r.map((c) => el('td', [text(c)]))))),
  ]);
}

describe('rehype-stack-tables', () => {
  it('labels every body cell with its column heading and marks the table', () => {
    const t = table(['filter', 'numbers', 'sums to', 'what it does'], [['identity', '1 in the centre', '1', 'copies the image']]);
    expect(labelTable(t)).toBe(true);
    expect(t.properties).toMatchObject({ className: [STACK_CLASS], role: 'table' });
    const cells = t.children![1]!.children![0]!.children!;
    expect(cells.map((c) => c.properties!['dataLabel'])).toEqual(['filter', 'numbers', 'sums to', 'what it does']);
    expect(cells.every((c) => c.properties!['role'] === 'cell')).toBe(true);
    expect(t.children![0]!.children![0]!.children!.every((c) => c.properties!['role'] === 'columnheader')).toBe(true);
  });

  it('takes a heading’s text through inline markup, and keeps existing classes', () => {
    const t = el('table', [
      el('thead', [el('tr', [el('th', [el('em', [text('a')])]), el('th', [text('b '), el('code', [text('c')])]), el('th', [text('d')])])]),
      el('tbody', [el('tr', [el('td', [text('1')]), el('td', [text('2')]), el('td', [text('3')])])]),
    ], { className: ['wide'] });
    labelTable(t);
    expect(t.properties!['className']).toEqual(['wide', STACK_CLASS]);
    expect(t.children![1]!.children![0]!.children!.map((c) => c.properties!['dataLabel'])).toEqual(['a', 'b c', 'd']);
  });

  it('reads a KaTeX formula in a heading once, and titles cards only by names', () => {
    const katex = el('span', [
      el('span', [el('math', [el('semantics', [el('mi', [text('w')]), el('annotation', [text('w')])])])]),
      el('span', [text('w')], { ariaHidden: 'true' }),
    ]);
    expect(textOf(el('th', [text('window '), katex]))).toBe('window w');
    const named = table(['filter', 'numbers', 'sums to'], [['identity', '1', '1'], ['box blur', '1/9', '1']]);
    labelTable(named);
    expect(named.properties!['dataStackTitle']).toBe('');
    const numeric = table(['n', 'w', 'out'], [['512', '2', '256'], ['28', '2', '14']]);
    labelTable(numeric);
    expect(numeric.properties!['dataStackTitle']).toBeUndefined();
  });

  it('leaves narrow tables and tables without a full header row alone', () => {
    const two = table(['a', 'b'], [['1', '2']]);
    expect(labelTable(two)).toBe(false);
    expect(two.properties).toEqual({});
    expect(labelTable(table(['a', '', 'c'], [['1', '2', '3']]))).toBe(false);
    expect(labelTable(el('table', [el('tbody', [el('tr', [el('td'), el('td'), el('td')])])]))).toBe(false);
  });

  it('the plugin finds tables anywhere in the tree, also inside MDX components', () => {
    const inner = table(['x', 'y', 'z'], [['1', '2', '3']]);
    const tree: HastNode = { type: 'root', children: [{ type: 'mdxJsxFlowElement', children: [el('div', [inner])] }, table(['a', 'b'], [['1', '2']])] };
    rehypeStackTables()(tree);
    expect(inner.properties!['className']).toEqual([STACK_CLASS]);
    expect((tree.children![1]!.properties ?? {})['className']).toBeUndefined();
  });
});
