import { describe, expect, it } from 'vitest';
import { allLines, dedent, extractRegion, isRegionMarker, lineSpan, parseRegions } from '../../../src/lib/course/source-region';

const FILE = [
  '/** A module. */', //                1
  "import x from 'x';", //               2
  '', //                                 3
  '// #region outer', //                 4
  'export function outer(): number {', // 5
  '  //#region inner', //                6
  '  const a = 1;', //                   7
  '', //                                 8
  '  const b = 2;', //                   9
  '  // #endregion', //                  10
  '  return a + b;', //                  11
  '}', //                                12
  '// #endregion', //                    13
  '', //                                 14
].join('\n');

describe('extractRegion', () => {
  it('returns exactly the lines between the markers, with their real line numbers', () => {
    const inner = extractRegion(FILE, 'inner');
    expect(inner.lines).toEqual([
      { number: 7, text: '  const a = 1;' },
      { number: 8, text: '' },
      { number: 9, text: '  const b = 2;' },
    ]);
    expect([inner.firstLine, inner.lastLine]).toEqual([7, 9]);
  });

  it('leaves out nested marker lines, so numbers skip where they were', () => {
    const outer = extractRegion(FILE, 'outer');
    expect(outer.lines.map((l) => l.number)).toEqual([5, 7, 8, 9, 11, 12]);
    expect(outer.lines.some((l) => isRegionMarker(l.text))).toBe(false);
    expect(lineSpan(outer)).toBe('lines 5–12');
  });

  it('fails for a region that does not exist, naming the ones that do', () => {
    expect(() => extractRegion(FILE, 'build-dense', 'src/lib/ml/x.ts')).toThrow('src/lib/ml/x.ts has no region "build-dense". Its regions: inner, outer.');
    expect(() => extractRegion('const a = 1;\n', 'any')).toThrow(/marks no regions/);
  });

  it('fails on unbalanced, unnamed or repeated markers, naming the line', () => {
    expect(() => parseRegions('// #region a\nx\n', 'f.ts')).toThrow('f.ts:1: region "a" is never closed');
    expect(() => parseRegions('x\n// #endregion\n', 'f.ts')).toThrow('f.ts:2: "#endregion" closes no open region.');
    expect(() => parseRegions('// #region\nx\n// #endregion\n', 'f.ts')).toThrow(/f\.ts:1: a region needs a name/);
    expect(() => parseRegions('// #region Build_Dense\nx\n// #endregion\n', 'f.ts')).toThrow(/got "Build_Dense"/);
    expect(() => parseRegions('// #region a\nx\n// #endregion\n// #region a\ny\n// #endregion\n', 'f.ts')).toThrow('f.ts:4: region "a" is marked twice.');
    expect(() => parseRegions('// #region a\n// #endregion\n', 'f.ts')).toThrow('region "a" is empty');
  });

  it('takes free text after the name and ignores look-alikes that are not line comments', () => {
    const regions = parseRegions("// #region shapes (the tensors' shapes)\nx\n// #endregion shapes\nconst s = '// #region no';\n");
    expect([...regions.keys()]).toEqual(['shapes']);
  });
});

describe('dedent, allLines and lineSpan', () => {
  it('removes only the indentation every non-blank line shares', () => {
    expect(dedent(extractRegion(FILE, 'inner').lines).map((l) => l.text)).toEqual(['const a = 1;', '', 'const b = 2;']);
    expect(dedent([{ number: 1, text: '    a' }, { number: 2, text: '      b' }, { number: 3, text: '   ' }]).map((l) => l.text)).toEqual(['a', '  b', '']);
  });

  it('numbers a whole file from 1 without an empty last line for the final newline', () => {
    const lines = allLines(FILE);
    expect(lines).toHaveLength(13);
    expect(lines[12]).toEqual({ number: 13, text: '// #endregion' });
  });

  it('says "line" for one line and "lines" with an en dash for more', () => {
    expect(lineSpan({ firstLine: 7, lastLine: 7 })).toBe('line 7');
    expect(lineSpan({ firstLine: 7, lastLine: 9 })).toBe('lines 7–9');
  });
});
