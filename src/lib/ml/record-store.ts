/**
 * The records kept beside stored models (what a model was trained on, its test figures and
 * predictions), in our own IndexedDB store, tfjs-free so display islands can read them. Every
 * record is checked when read (tasks/record.ts): records of an older shape are migrated, and a
 * damaged one is treated as absent instead of breaking the page.
 */
import { parseRecord, type ModelRecord } from '../tasks/record';
import { KEY_PATTERN } from '../tasks/schema-parts';

export interface MetaStore {
  /** The raw stored value (checked by readRecord). */
  get(key: string): Promise<unknown>;
  put(record: ModelRecord): Promise<void>;
  list(): Promise<unknown[]>;
  delete(key: string): Promise<void>;
}

export function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Model key ${JSON.stringify(key)} must be 1–64 lowercase letters, digits or hyphens`);
}

/** Records that failed their check, with why: for the progress page and for debugging. */
export const rejectedRecords = new Map<string, string>();

function checked(raw: unknown): ModelRecord | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseRecord(raw);
  if (parsed.ok) return parsed.value;
  const key = typeof raw === 'object' && raw !== null && typeof (raw as { key?: unknown }).key === 'string' ? (raw as { key: string }).key : '?';
  rejectedRecords.set(key, parsed.error);
  return undefined;
}

/** The checked record under `key`, or undefined (none, or damaged). */
export async function readRecord(meta: MetaStore, key: string): Promise<ModelRecord | undefined> {
  checkKey(key);
  return checked(await meta.get(key));
}

/** Every usable record, newest first. */
export async function listRecords(meta: MetaStore): Promise<ModelRecord[]> {
  return (await meta.list()).map(checked).filter((r): r is ModelRecord => r !== undefined).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

const DB_NAME = 'bottleneck-models';
const STORE = 'records';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
  };
  return request(req);
}

/** Records in IndexedDB (page or worker). */
export function indexedDbMetaStore(factory: IDBFactory = globalThis.indexedDB): MetaStore {
  const withStore = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await openDb(factory);
    try {
      return await request(fn(db.transaction(STORE, mode).objectStore(STORE)));
    } finally {
      db.close();
    }
  };
  return {
    get: (key) => withStore('readonly', (s) => s.get(key)),
    put: async (record) => void (await withStore('readwrite', (s) => s.put(record))),
    list: () => withStore('readonly', (s) => s.getAll()),
    delete: async (key) => void (await withStore('readwrite', (s) => s.delete(key))),
  };
}

/** The page's record store; undefined where IndexedDB is missing (private modes, old browsers). */
export function browserMetaStore(): MetaStore | undefined {
  return typeof globalThis.indexedDB === 'undefined' ? undefined : indexedDbMetaStore();
}

/** The record under `key` in this browser, or undefined: none stored, damaged, or no IndexedDB. */
export async function storedRecord(key: string, meta: MetaStore | undefined = browserMetaStore()): Promise<ModelRecord | undefined> {
  try {
    return meta ? await readRecord(meta, key) : undefined;
  } catch {
    return undefined;
  }
}
