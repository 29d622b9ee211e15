/**
 * One stored record and one explorer state per model key, shared by every explorer on the page
 * that shows that model: the lesson shows the threshold and its mistakes first, and the rates and
 * ROC curve after the prose has defined them, and moving the threshold in one moves it in both.
 * In the browser only; server rendering gets a fresh, unshared pair each time.
 */
import { StoredRecord } from '../confusion-matrix/stored-record.svelte';
import { AnomalyExplorerState } from './state.svelte';

interface Entry {
  readonly stored: StoredRecord;
  readonly state: AnomalyExplorerState;
  users: number;
  stop: (() => void) | null;
}

const entries = new Map<string, Entry>();

export interface SharedExplorer {
  readonly stored: StoredRecord;
  readonly state: AnomalyExplorerState;
  /** For onMount: starts reading the record with the first view, stops it (and forgets the state) with the last. */
  start(): () => void;
}

export function sharedExplorer(storeKey: string, recallTarget: number): SharedExplorer {
  const fresh = (): Entry => ({ stored: new StoredRecord(storeKey), state: new AnomalyExplorerState(recallTarget), users: 0, stop: null });
  const browser = typeof window !== 'undefined';
  let entry = browser ? entries.get(storeKey) : undefined;
  if (!entry) {
    entry = fresh();
    if (browser) entries.set(storeKey, entry);
  }
  const e = entry;
  return {
    stored: e.stored,
    state: e.state,
    start() {
      e.users++;
      if (e.users === 1) e.stop = e.stored.start();
      return () => {
        e.users--;
        if (e.users > 0) return;
        e.stop?.();
        e.stop = null;
        if (entries.get(storeKey) === e) entries.delete(storeKey);
      };
    },
  };
}
