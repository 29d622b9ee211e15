/**
 * Rehype plugin for lesson tables written in Markdown: on a phone a table of three or more
 * columns would be wider than the screen, so src/styles/prose.css turns each of its rows into a
 * small card of "heading: value" lines. CSS cannot read a column's heading, so this plugin copies
 * it onto every body cell as data-label, marks the table with STACK_CLASS (and data-stack-title
 * when its first column holds names, which then title the cards), and gives table, rows and
 * cells their ARIA roles explicitly (some browsers drop a table's semantics once CSS changes its
 * display). Plain tree walking, no dependencies; tested in tests/unit/markdown.
 */

/** The few hast shapes this plugin touches. */
export interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

export const STACK_CLASS = 'stack-narrow';
/** Tables with fewer columns fit a phone as they are. */
export const MIN_COLUMNS = 3;

function elements(node: HastNode, tagName: string): HastNode[] {
  const found: HastNode[] = [];
  const walk = (n: HastNode): void => {
    for (const child of n.children ?? []) {
      if (child.type !== 'element') continue;
      if (child.tagName === tagName) found.push(child);
      // A table inside a cell is its own table.
      if (child.tagName !== 'table') walk(child);
    }
  };
  walk(node);
  return found;
}

/**
 * The text a reader sees. KaTeX writes each formula three times (MathML, its TeX source in an
 * annotation, and the visible HTML marked aria-hidden); only the MathML is kept, so a heading
 * "window $w$" reads "window w", not "window www".
 */
export function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type !== 'element' && node.type !== 'root') return '';
  const hidden = node.properties?.['ariaHidden'];
  if (hidden === true || hidden === 'true' || node.tagName === 'annotation') return '';
  return (node.children ?? []).map(textOf).join('');
}

/** A cell that holds only a number ("512", "−1.5", "26"), which would make a poor card title. */
function isNumber(text: string): boolean {
  return /^[−-]?\d[\d,.\s]*$/.test(text.trim());
}

function addClass(node: HastNode, name: string): void {
  const props = (node.properties ??= {});
  const current = props['className'];
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/) : [];
  if (!list.includes(name)) props['className'] = [...list, name];
}

/** Labels one table's body cells with their column headings; returns false if it was left alone. */
export function labelTable(table: HastNode): boolean {
  const head = elements(table, 'thead')[0];
  const headings = head ? elements(head, 'th').map((th) => textOf(th).trim()) : [];
  if (headings.length < MIN_COLUMNS || headings.some((h) => h === '')) return false;
  addClass(table, STACK_CLASS);
  (table.properties ??= {})['role'] = 'table';
  // A first column of names ("identity", "box blur") titles each card; a first column of
  // numbers is labelled like the others.
  const body = elements(table, 'tbody')[0];
  const firstCells = body ? elements(body, 'tr').map((tr) => (tr.children ?? []).find((c) => c.type === 'element')) : [];
  if (firstCells.length > 0 && firstCells.every((c) => c && !isNumber(textOf(c)))) table.properties['dataStackTitle'] = '';
  for (const row of elements(table, 'tr')) {
    (row.properties ??= {})['role'] = 'row';
    const cells = (row.children ?? []).filter((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
    cells.forEach((cell, i) => {
      const props = (cell.properties ??= {});
      if (cell.tagName === 'th') {
        props['role'] = 'columnheader';
      } else {
        props['role'] = 'cell';
        const label = headings[i];
        if (label) props['dataLabel'] = label;
      }
    });
  }
  return true;
}

/** The plugin: labels every table in the document that has a header row of MIN_COLUMNS or more. */
export default function rehypeStackTables() {
  return (tree: HastNode): void => {
    const visit = (node: HastNode): void => {
      for (const child of node.children ?? []) {
        if (child.type === 'element' && child.tagName === 'table') labelTable(child);
        visit(child);
      }
    };
    visit(tree);
  };
}
