import { describe, expect, it } from 'vitest';
import { presetById } from '../../../src/lib/math/kernel-presets';
import { starterDrawing } from '../../../src/lib/math/brush';
import { encodeDrawing } from '../../../src/lib/math/drawing-code';
import { decodeFilterState, defaultUrlState, encodeFilterState, encodeKernel, parseImageRef } from '../../../src/lib/math/kernel-url';

describe('URL state round trip', () => {
  it('a preset is written by name and read back', () => {
    const state = { texts: [...presetById('sobel-x')!.texts], image: 'photo:camera' as const, mode: 'abs' as const };
    const search = encodeFilterState(state);
    expect(search).toBe('?k=sobel-x&img=photo:camera&show=abs');
    expect(decodeFilterState(search)).toEqual({ state, notices: [] });
  });

  it('a custom filter keeps its texts exactly, fractions included', () => {
    const state = { texts: ['1/9', '-2', '0.5', '0', '1e1', '0', '-0.25', '3', '+1'], image: 'mnist:42' as const, mode: 'diverging' as const };
    const search = encodeFilterState(state);
    expect(search).toContain('k=1/9,-2,0.5,0,1e1,0,-0.25,3,');
    const back = decodeFilterState(search);
    expect(back.notices).toEqual([]);
    expect(back.state.image).toBe('mnist:42');
    expect(back.state.mode).toBe('diverging');
    // "+" in a query means a space; the value survives either way.
    expect(back.state.texts!.slice(0, 8)).toEqual(state.texts.slice(0, 8));
    expect(Number(back.state.texts![8])).toBe(1);
  });

  it('a drawing travels with img=drawing, and only then', () => {
    const code = encodeDrawing(starterDrawing());
    const state = { ...defaultUrlState(), image: 'drawing' as const, drawing: code };
    const search = encodeFilterState(state, '?draw=old');
    expect(decodeFilterState(search)).toEqual({ state, notices: [] });
    const other = encodeFilterState({ ...state, image: 'pattern' }, search);
    expect(new URLSearchParams(other).has('draw')).toBe(false);
  });

  it('keeps other parameters (e.g. ?backend=wasm)', () => {
    const search = encodeFilterState(defaultUrlState(), '?backend=wasm&k=identity');
    const params = new URLSearchParams(search);
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('k')).toBe(encodeKernel(defaultUrlState().texts));
    expect(params.getAll('k')).toHaveLength(1);
  });

  it('percent-encoded input reads the same', () => {
    expect(decodeFilterState('?k=1%2C2%2C3%2C4%2C5%2C6%2C7%2C8%2C9&img=fashion%3A3').state).toEqual({
      texts: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      image: 'fashion:3',
    });
  });

  it('an empty query gives nothing and no notice', () => {
    expect(decodeFilterState('')).toEqual({ state: {}, notices: [] });
  });
});

describe('hostile URLs fall back with a notice, never throw', () => {
  it.each([
    ['?k=1,2,3', /filter in the link was not used.*exactly 9/],
    ['?k=1e309,0,0,0,0,0,0,0,0', /too large/],
    ['?k=NaN,0,0,0,0,0,0,0,0', /not a number/],
    ['?k=0x10,0,0,0,0,0,0,0,0', /not a number/],
    ['?k=' + '9,'.repeat(5000), /too long/],
    ['?k=%E0%A4%A', /not used/], // malformed percent-encoding
    ['?img=../../etc/passwd', /image .* unknown/],
    ['?img=mnist:100', /unknown/],
    ['?img=mnist:-1', /unknown/],
    ['?img=fashion:007', /unknown/],
    ['?img=photo:<script>', /unknown/],
    ['?show=__proto__', /display .* unknown/],
    ['?show=constructor', /unknown/],
    ['?draw=AAAA', /drawing in the link could not be read/],
    ['?draw=' + '%'.repeat(264), /drawing/],
    ['?' + 'a'.repeat(5000), /too long/],
  ])('%s', (search, message) => {
    const { state, notices } = decodeFilterState(search);
    expect(notices.join(' ')).toMatch(message);
    expect(state.texts).toBeUndefined();
    if (/img=/.test(search)) expect(state.image).toBeUndefined();
    if (/show=/.test(search)) expect(state.mode).toBeUndefined();
  });

  it('keeps the good parts of a partly bad URL', () => {
    const { state, notices } = decodeFilterState('?k=outline&img=nope&show=abs');
    expect(state).toEqual({ texts: [...presetById('outline')!.texts], mode: 'abs' });
    expect(notices).toHaveLength(1);
  });
});

describe('parseImageRef', () => {
  it.each(['pattern', 'drawing', 'photo:camera', 'photo:chelsea-cat', 'mnist:0', 'mnist:99', 'fashion:12'])('accepts %s', (r) =>
    expect(parseImageRef(r)).toBe(r),
  );
  it.each(['', 'photo:', 'photo:A', 'mnist:1.5', 'mnist:', 'mnist: 1', 'video:1', 'pattern '])('refuses %j', (r) =>
    expect(parseImageRef(r)).toBeUndefined(),
  );
});
