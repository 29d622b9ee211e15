/**
 * Feature rows kept across visits (IndexedDB through idb-keyval, in the worker): a second visit to
 * lesson 6 reads the test images' features instead of running the network over them again.
 * Entries are checked when read (a damaged one is ignored); past a size budget the oldest go first.
 */
import { createStore, del, get, set } from 'idb-keyval';

export interface StoredRows {
  rows: Float32Array;
  dims: number;
  labels: Int32Array;
}

export interface RowsStore {
  get(key: string): Promise<StoredRows | undefined>;
  put(key: string, value: StoredRows): Promise<void>;
}

/** About 256 MB of rows: the 10,000 test images' 1,600 conv features alone are 64 MB. */
export const ROWS_BUDGET = 256 * 2 ** 20;
const INDEX_KEY = '__index';

export interface IndexEntry { key: string; bytes: number; at: number }

export function isStoredRows(v: unknown): v is StoredRows {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<StoredRows>;
  return r.rows instanceof Float32Array && r.labels instanceof Int32Array && Number.isInteger(r.dims) && r.dims! > 0 && r.rows.length === r.labels.length * r.dims!;
}

const bytesOf = (v: StoredRows): number => v.rows.byteLength + v.labels.byteLength;

/**
 * The index after adding `entry`: the newest entries that fit the budget, and the keys to delete
 * (older entries past it, and any earlier entry of the same key). A damaged index counts as empty.
 */
export function admit(index: unknown, entry: IndexEntry, budget = ROWS_BUDGET): { kept: IndexEntry[]; removed: string[] } {
  const valid = Array.isArray(index) ? index.filter((e): e is IndexEntry => typeof e?.key === 'string' && Number.isFinite(e?.bytes) && Number.isFinite(e?.at)) : [];
  const newestFirst = [entry, ...valid.filter((e) => e.key !== entry.key).sort((a, b) => b.at - a.at)];
  const kept: IndexEntry[] = [];
  const removed: string[] = [];
  let total = 0;
  for (const e of newestFirst) {
    if (total + e.bytes <= budget) {
      kept.push(e);
      total += e.bytes;
    } else removed.push(e.key);
  }
  return { kept, removed };
}

/** The worker's rows store; undefined where IndexedDB is missing (the rows then last a visit). */
export function idbRowsStore(): RowsStore | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const store = createStore('bottleneck-features', 'rows');
  return {
    async get(key) {
      const value = await get<unknown>(key, store);
      return isStoredRows(value) ? value : undefined;
    },
    async put(key, value) {
      const { kept, removed } = admit(await get<unknown>(INDEX_KEY, store), { key, bytes: bytesOf(value), at: Date.now() });
      await Promise.all(removed.map((k) => del(k, store)));
      if (!kept.some((e) => e.key === key)) return; // larger than the whole budget
      await set(key, value, store);
      await set(INDEX_KEY, kept, store);
    },
  };
}

/** An in-memory stand-in (Node tests): the same contract, forgotten with the process. */
export function memoryRowsStore(): RowsStore & { keys(): string[] } {
  const map = new Map<string, StoredRows>();
  return {
    get: async (key) => map.get(key),
    put: async (key, value) => void map.set(key, value),
    keys: () => [...map.keys()],
  };
}
