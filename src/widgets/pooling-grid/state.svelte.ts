/**
 * The 4×4 → 2×2 pooling grid: what the reader typed, the last valid values, max or average,
 * and which window the step-through shows. The arithmetic is src/lib/math/pooling.ts.
 */
import { poolWindows, type PoolMode, type PoolWindow } from '../../lib/math/pooling';
import { parseStrictNumber } from '../../lib/math/strict-number';

export const SIDE = 4;
/** The example of the lesson: one clear winner per window, and a tie in the last one. */
export const START_VALUES: readonly number[] = [1, 3, 2, 0, 4, 2, 1, 5, 0, 0, 7, 1, 6, 1, 2, 7];

export class PoolingGridState {
  texts = $state<string[]>(START_VALUES.map(String));
  errors = $state<(string | null)[]>(Array(SIDE * SIDE).fill(null));
  /** Always SIDE × SIDE finite numbers: the last valid value of each cell. */
  values = $state<number[]>([...START_VALUES]);
  mode = $state<PoolMode>('max');
  /** Index of the window on show (0…3). */
  step = $state(0);
  playing = $state(false);

  rows = $derived(Array.from({ length: SIDE }, (_, r) => this.values.slice(r * SIDE, r * SIDE + SIDE)));
  windows: PoolWindow[] = $derived(poolWindows(this.rows, { mode: this.mode, window: 2, stride: 2 }));
  current = $derived(this.windows[this.step]!);
  hasErrors = $derived(this.errors.some((e) => e !== null));

  setCell(i: number, text: string): void {
    this.texts[i] = text;
    const parsed = parseStrictNumber(text);
    if (!parsed.ok) {
      this.errors[i] = parsed.reason;
      return;
    }
    this.errors[i] = null;
    this.values[i] = parsed.value;
  }

  reset(): void {
    this.texts = START_VALUES.map(String);
    this.errors = Array(SIDE * SIDE).fill(null);
    this.values = [...START_VALUES];
  }

  /** Moves the step-through; returns false at either end. */
  go(delta: number): boolean {
    const next = this.step + delta;
    if (next < 0 || next >= this.windows.length) return false;
    this.step = next;
    return true;
  }

  /** Which window (by index) covers input cell i. */
  windowOf(i: number): number {
    const r = Math.floor(i / SIDE);
    const c = i % SIDE;
    return Math.floor(r / 2) * (SIDE / 2) + Math.floor(c / 2);
  }

  /** True when cell i is a winner of the current window (max pooling; all tied maxima count). */
  isWinner(i: number): boolean {
    if (this.mode !== 'max' || this.windowOf(i) !== this.step) return false;
    return this.values[i] === this.current.value;
  }
}

const fmt = (v: number): string => {
  const r = Math.round(v * 1e4) / 1e4;
  return r < 0 ? `−${Math.abs(r)}` : String(r);
};
export const formatPooled = fmt;

const ORDINAL = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

/** One or two sentences on why the current window gives its output. */
export function explain(w: PoolWindow, mode: PoolMode, index: number, count: number): string {
  const where = `Window ${index + 1} of ${count} (${ORDINAL[index] ?? ''}: rows ${w.top + 1}–${w.top + w.size}, columns ${w.left + 1}–${w.left + w.size})`;
  const target = `output row ${w.outRow + 1}, column ${w.outCol + 1}`;
  const list = w.values.map(fmt).join(', ');
  if (mode === 'avg') {
    return `${where} gives ${target}. The average of ${list} is (${w.values.map(fmt).join(' + ')}) ÷ ${w.values.length} = ${fmt(w.value)}.`;
  }
  const r = w.top + Math.floor(w.winner / w.size) + 1;
  const c = w.left + (w.winner % w.size) + 1;
  const why =
    w.ties > 1
      ? `${fmt(w.value)} is the largest and appears ${w.ties} times; any of them gives the same output.`
      : `${fmt(w.value)} at row ${r}, column ${c} is the largest, so it wins and the other three are dropped.`;
  return `${where} gives ${target}. Of ${list}, ${why}`;
}
