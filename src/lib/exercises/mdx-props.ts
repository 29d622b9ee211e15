/**
 * The props of every <Exercise …> tag in a lesson's MDX source, read without rendering the page,
 * for the lesson's answer file (src/pages/answers/[lesson].json.ts). Exercise props are plain
 * strings ("…") and literal expressions ({0.425}, {["a", "b"]}, {{ kind: 'gaussian' }}); an
 * expression is evaluated as JavaScript at build time, so it must not name anything (the lesson
 * is our own source, never a reader's). Build-time only: never bundled into a page.
 */

const NAME = /[A-Za-z_][\w-]*/y;

/** The index just past the expression that opens at `start` (a "{"), skipping quoted text. */
function expressionEnd(source: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`an expression opened at offset ${start} is never closed`);
}

function evaluate(expression: string, where: string): unknown {
  try {
    return new Function(`"use strict"; return (${expression});`)() as unknown;
  } catch (error) {
    throw new Error(`${where}: the expression {${expression.slice(0, 60)}} is not a plain value (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Parses the attributes of the tag whose name ends at `at`; returns them and where the tag ends. */
function attributes(source: string, at: number): { props: Record<string, unknown>; end: number } {
  const props: Record<string, unknown> = {};
  let i = at;
  for (;;) {
    while (/\s/.test(source[i] ?? '')) i++;
    if (source.startsWith('/>', i)) return { props, end: i + 2 };
    if (source[i] === '>') return { props, end: i + 1 };
    NAME.lastIndex = i;
    const name = NAME.exec(source)?.[0];
    if (!name) throw new Error(`unexpected “${source.slice(i, i + 20)}” in an <Exercise> tag`);
    i += name.length;
    if (source[i] !== '=') {
      props[name] = true;
      continue;
    }
    i++;
    const open = source[i];
    if (open === '"' || open === "'") {
      const close = source.indexOf(open, i + 1);
      if (close < 0) throw new Error(`the value of ${name} is never closed`);
      props[name] = source.slice(i + 1, close);
      i = close + 1;
    } else if (open === '{') {
      const end = expressionEnd(source, i);
      props[name] = evaluate(source.slice(i + 1, end - 1), name);
      i = end;
    } else throw new Error(`the value of ${name} must be "text" or {an expression}`);
  }
}

/** Every <Exercise> tag's props, in page order. Throws, naming the tag, on anything it cannot read. */
export function exerciseTagProps(body: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const match of body.matchAll(/<Exercise\b/g)) {
    const start = match.index + match[0].length;
    try {
      out.push(attributes(body, start).props);
    } catch (error) {
      const id = /\bid="([^"]+)"/.exec(body.slice(start, start + 200))?.[1] ?? '(no id)';
      throw new Error(`<Exercise id="${id}">: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
}
