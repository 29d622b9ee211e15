/**
 * Named regions of a source file, for lesson excerpts that cannot drift from the code.
 *
 * A region is marked in the file itself with the comments VS Code folds on:
 *
 *   // #region build-dense
 *   export function buildDenseClassifier(…) { … }
 *   // #endregion
 *
 * (`//#region name` without the space works too; the word after `#region` is the name, anything
 * after it is a free comment.) Regions may nest; an `#endregion` closes the innermost open one.
 * The marker lines themselves never appear in an excerpt, and every excerpt line keeps its real
 * line number in the file, so a lesson can say "lines 26–45 of …".
 */

/** One line of a file with its 1-based number in that file. */
export interface SourceLine {
  readonly number: number;
  readonly text: string;
}

export interface SourceRegion {
  readonly name: string;
  /** The region's lines, markers (its own and nested ones) left out, in file order. */
  readonly lines: readonly SourceLine[];
  /** Number of the first and last shown line. */
  readonly firstLine: number;
  readonly lastLine: number;
}

const START = /^\s*\/\/\s*#region\b[ \t]*(\S*)/;
const END = /^\s*\/\/\s*#endregion\b/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** True for a `// #region …` or `// #endregion` line. */
export function isRegionMarker(line: string): boolean {
  return START.test(line) || END.test(line);
}

/**
 * Every region of a file by name. Throws, naming `path` and the line, on a marker without a name,
 * a malformed or repeated name, an `#endregion` with nothing open, or a region left open.
 */
export function parseRegions(source: string, path = 'source'): Map<string, SourceRegion> {
  const lines = source.split(/\r?\n/);
  const open: { name: string; startIndex: number }[] = [];
  const regions = new Map<string, SourceRegion>();
  lines.forEach((text, index) => {
    const start = START.exec(text);
    if (start) {
      const name = start[1] ?? '';
      if (!NAME.test(name)) {
        throw new Error(`${path}:${index + 1}: a region needs a name of lower-case letters, digits and dashes ("// #region build-dense"), got "${name}".`);
      }
      if (regions.has(name) || open.some((r) => r.name === name)) throw new Error(`${path}:${index + 1}: region "${name}" is marked twice.`);
      open.push({ name, startIndex: index });
      return;
    }
    if (!END.test(text)) return;
    const region = open.pop();
    if (!region) throw new Error(`${path}:${index + 1}: "#endregion" closes no open region.`);
    const shown = lines
      .slice(region.startIndex + 1, index)
      .map((line, offset) => ({ number: region.startIndex + 2 + offset, text: line }))
      .filter((line) => !isRegionMarker(line.text));
    if (shown.length === 0) throw new Error(`${path}:${region.startIndex + 1}: region "${region.name}" is empty.`);
    regions.set(region.name, { name: region.name, lines: shown, firstLine: shown[0]!.number, lastLine: shown[shown.length - 1]!.number });
  });
  const unclosed = open.pop();
  if (unclosed) throw new Error(`${path}:${unclosed.startIndex + 1}: region "${unclosed.name}" is never closed with "// #endregion".`);
  return regions;
}

/** The named region of a file; throws with the names that do exist when there is no such region. */
export function extractRegion(source: string, name: string, path = 'source'): SourceRegion {
  const regions = parseRegions(source, path);
  const region = regions.get(name);
  if (!region) {
    const known = [...regions.keys()];
    throw new Error(`${path} has no region "${name}". ${known.length ? `Its regions: ${known.join(', ')}.` : 'It marks no regions: add "// #region name" and "// #endregion" around the lines to show.'}`);
  }
  return region;
}

/** The whole file as numbered lines (a trailing newline adds no empty last line). */
export function allLines(source: string): SourceLine[] {
  const lines = source.replace(/\r?\n$/, '').split(/\r?\n/);
  return lines.map((text, index) => ({ number: index + 1, text }));
}

/**
 * Removes the indentation all non-blank lines share, so an excerpt from inside a function body
 * starts at the left margin (narrow screens need every column). Blank lines become empty.
 */
export function dedent(lines: readonly SourceLine[]): SourceLine[] {
  const indents = lines.filter((l) => l.text.trim() !== '').map((l) => /^[ \t]*/.exec(l.text)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => ({ number: l.number, text: l.text.trim() === '' ? '' : l.text.slice(common) }));
}

/** "lines 26–45" or "line 7": the span of an excerpt in words. */
export function lineSpan(region: Pick<SourceRegion, 'firstLine' | 'lastLine'>): string {
  return region.firstLine === region.lastLine ? `line ${region.firstLine}` : `lines ${region.firstLine}–${region.lastLine}`;
}
