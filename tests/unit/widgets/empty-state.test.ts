import { beforeAll, describe, expect, it } from 'vitest';
import { onCellStatus, announceCellStatus, requestCellAction, serveCellActions, type CellAction } from '../../../src/widgets/empty-state/cell-link';

describe('an empty panel asking its training cell to act', () => {
  beforeAll(() => {
    // Node's globalThis is no EventTarget; the page's window is.
    const target = new EventTarget();
    Object.assign(globalThis, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target), dispatchEvent: target.dispatchEvent.bind(target) });
  });

  it('reaches a hydrated cell, which can say it is busy', () => {
    const seen: CellAction[] = [];
    let busy = false;
    const stop = serveCellActions('cls-a', (action) => {
      seen.push(action);
      return !busy;
    });
    expect(requestCellAction('cls-a', { kind: 'load-pretrained' })).toBe('accepted');
    busy = true;
    expect(requestCellAction('cls-a', { kind: 'focus-train', settings: { bottleneck: 2 } })).toBe('busy');
    expect(seen).toEqual([{ kind: 'load-pretrained' }, { kind: 'focus-train', settings: { bottleneck: 2 } }]);
    stop();
  });

  it('only the cell with that key answers', () => {
    const other: CellAction[] = [];
    const stop = serveCellActions('cls-b', (action) => (other.push(action), true));
    const mine: CellAction[] = [];
    const stopMine = serveCellActions('cls-c', (action) => (mine.push(action), true));
    expect(requestCellAction('cls-c', { kind: 'load-pretrained' })).toBe('accepted');
    expect(other).toEqual([]);
    expect(mine).toHaveLength(1);
    stop();
    stopMine();
  });

  it('keeps a request for a cell not hydrated yet, and hands it over once the cell serves', () => {
    expect(requestCellAction('cls-late', { kind: 'focus-train' })).toBe('waiting');
    const seen: CellAction[] = [];
    const stop = serveCellActions('cls-late', (action) => (seen.push(action), true));
    expect(seen).toEqual([{ kind: 'focus-train' }]);
    // Handed over once only.
    const again: CellAction[] = [];
    const stop2 = serveCellActions('cls-late', (action) => (again.push(action), true));
    expect(again).toEqual([]);
    stop();
    stop2();
  });

  it('hears the status of its own cell only', () => {
    const heard: string[] = [];
    const stop = onCellStatus('cls-a', (s) => heard.push(s));
    announceCellStatus('cls-a', 'running');
    announceCellStatus('cls-b', 'error');
    announceCellStatus('cls-a', 'done');
    stop();
    announceCellStatus('cls-a', 'idle');
    expect(heard).toEqual(['running', 'done']);
  });
});
