/**
 * The reader's exercise progress: one versioned, validated localStorage key, safe across tabs.
 *
 * Every change is applied in memory first (the page never waits for storage), then persisted by
 * re-reading the stored value, merging (see mergeProgress) and writing, inside a Web Lock when the
 * browser has them. Other tabs' writes arrive as `storage` events and are merged in too, which also
 * repairs the rare lost update when locks are missing. Storage problems never throw: the store
 * falls back to memory and says so through `notices`.
 */
import { canonicalProgress, emptyProgress, mergeProgress, parseProgress, PROGRESS_VERSION, validateProgress, type ExerciseRecord, type ProgressData } from './progress-schema';
import type { SavedAnswer } from './types';

export const PROGRESS_KEY = 'bottleneck:progress';
export const BACKUP_KEY = 'bottleneck:progress:backup';
const LOCK_NAME = 'bottleneck:progress';
/** An imported file larger than this is refused before it is parsed. */
export const MAX_IMPORT_CHARS = 2_000_000;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

/** 'memory': nothing can be saved. 'read-only': newer data is stored and must not be overwritten. */
export type StoreMode = 'persistent' | 'memory' | 'read-only';

export type NoticeKind = 'recovered' | 'repaired' | 'migrated' | 'newer-version' | 'quota' | 'unavailable';

export interface StoreNotice {
  readonly kind: NoticeKind;
  readonly tone: 'info' | 'warning';
  readonly title: string;
  readonly message: string;
}

const NOTICES: Record<NoticeKind, Omit<StoreNotice, 'kind'>> = {
  recovered: { tone: 'warning', title: 'Saved progress was damaged', message: `Your saved progress could not be read (it was damaged), so it starts afresh. A copy of the damaged data is kept in this browser under “${BACKUP_KEY}”.` },
  repaired: { tone: 'warning', title: 'Some saved progress was damaged', message: `A few exercises in your saved progress could not be read and were set aside; everything else is kept. A copy of the data as it was is kept in this browser under “${BACKUP_KEY}”.` },
  migrated: { tone: 'info', title: 'Progress updated', message: 'Your progress was saved by an older version of Bottleneck and has been updated to the current format.' },
  'newer-version': { tone: 'warning', title: 'Progress not saved', message: 'Your progress was saved by a newer version of Bottleneck. This page will not change it: answers you give here are kept only until you leave. Reload the page to get the newer version.' },
  quota: { tone: 'warning', title: 'Progress not saved', message: 'This browser’s storage is full, so your progress is kept only until you leave this page. Export it on the Progress page to keep it.' },
  unavailable: { tone: 'warning', title: 'Progress not saved', message: 'This browser does not let the site store data (private browsing, or storage is blocked), so your progress is kept only until you leave this page.' },
};

/** `saved`: false when the import holds only for this visit (stored progress is from a newer version, or there is no storage). */
export type ImportResult = { ok: true; count: number; saved: boolean } | { ok: false; error: string };

export interface ProgressStoreOptions {
  /** null when storage is unavailable. */
  storage: StorageLike | null;
  locks?: LockManagerLike | null;
  now?: () => number;
  key?: string;
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) return false;
  const { name } = error as { name: string };
  const code = (error as { code?: number }).code;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export class ProgressStore {
  #storage: StorageLike | null;
  readonly #locks: LockManagerLike | null;
  readonly #now: () => number;
  readonly #key: string;
  #data: ProgressData = emptyProgress();
  #mode: StoreMode = 'persistent';
  #notices: StoreNotice[] = [];
  #lastStamp = 0;
  readonly #listeners = new Set<() => void>();

  constructor(options: ProgressStoreOptions) {
    this.#storage = options.storage;
    this.#locks = options.locks ?? null;
    this.#now = options.now ?? Date.now;
    this.#key = options.key ?? PROGRESS_KEY;
    this.#load();
  }

  get data(): ProgressData { return this.#data; }
  get mode(): StoreMode { return this.#mode; }
  get notices(): readonly StoreNotice[] { return this.#notices; }

  record(id: string): ExerciseRecord | undefined {
    return this.#data.exercises[id];
  }

  /** Called after every change (also changes from other tabs). Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Counts one checked answer. A solved exercise stays solved. */
  recordAttempt(id: string, correct: boolean, answer: SavedAnswer): Promise<void> {
    const previous = this.#data.exercises[id];
    const record: ExerciseRecord = {
      solved: (previous?.solved ?? false) || correct,
      attempts: (previous?.attempts ?? 0) + 1,
      answer,
      updatedAt: this.#stamp(),
    };
    this.#set({ ...this.#data, exercises: { ...this.#data.exercises, [id]: record } });
    return this.#persist();
  }

  /** Erases all progress (in other tabs too). */
  reset(): Promise<void> {
    this.#set(emptyProgress(this.#stamp()));
    return this.#persist();
  }

  /** The progress as a JSON file's text. */
  exportJson(): string {
    return JSON.stringify({ app: 'bottleneck', exportedAt: new Date(this.#now()).toISOString(), ...this.#data }, null, 2);
  }

  /** Replaces all progress with a file's; nothing changes unless the file is valid. */
  async importJson(text: string): Promise<ImportResult> {
    if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: 'This file is too large to be a Bottleneck progress file.' };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: 'This file is not a Bottleneck progress file: it is not valid JSON.' };
    }
    const parsed = validateProgress(value);
    if (parsed.kind === 'newer') return { ok: false, error: `This file was saved by a newer version of Bottleneck (format ${parsed.version}; this page reads format ${PROGRESS_VERSION}).` };
    // An import replaces everything, so it must be whole: a file with a damaged record is refused.
    if (parsed.kind === 'corrupt' || parsed.kind === 'repaired') return { ok: false, error: `This file is not a valid Bottleneck progress file: ${parsed.reason}.` };
    // Stamp the imported records after the reset that clears the old ones, so every tab takes them.
    const resetAt = this.#stamp();
    const updatedAt = this.#stamp();
    const exercises = Object.fromEntries(Object.entries(parsed.data.exercises).map(([id, r]) => [id, { ...r, updatedAt }]));
    this.#set({ version: PROGRESS_VERSION, resetAt, exercises });
    await this.#persist();
    return { ok: true, count: Object.keys(exercises).length, saved: this.#mode === 'persistent' };
  }

  dismissNotice(kind: NoticeKind): void {
    this.#notices = this.#notices.filter((n) => n.kind !== kind);
    this.#emit();
  }

  /** Merges another tab's write (the `storage` event's newValue). */
  receiveExternal(raw: string | null): void {
    if (raw === null || this.#mode !== 'persistent') return;
    const parsed = parseProgress(raw);
    if (parsed.kind === 'newer') return this.#enterReadOnly();
    if (parsed.kind === 'corrupt') return; // The writer will notice its own damage on its next write.
    const merged = mergeProgress(parsed.data, this.#data);
    this.#set(merged);
    if (canonicalProgress(merged) !== canonicalProgress(parsed.data)) void this.#persist();
  }

  /** Listens for other tabs' writes. Returns the function that stops listening. */
  listenToOtherTabs(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onStorage = (event: StorageEvent): void => {
      if (event.key === this.#key) this.receiveExternal(event.newValue);
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  #stamp(): number {
    this.#lastStamp = Math.max(this.#now(), this.#lastStamp + 1, this.#data.resetAt + 1);
    return this.#lastStamp;
  }

  #set(data: ProgressData): void {
    if (canonicalProgress(data) === canonicalProgress(this.#data)) return;
    this.#data = data;
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }

  #notice(kind: NoticeKind): void {
    if (this.#notices.some((n) => n.kind === kind)) return;
    this.#notices = [...this.#notices, { kind, ...NOTICES[kind] }];
    this.#emit();
  }

  #enterMemoryMode(kind: 'quota' | 'unavailable'): void {
    this.#mode = 'memory';
    this.#notice(kind);
  }

  #enterReadOnly(): void {
    this.#mode = 'read-only';
    this.#notice('newer-version');
  }

  /** Reads the stored value; null when there is none or it cannot be read (the mode then says why). */
  #read(): ProgressData | null {
    if (!this.#storage) return null;
    let raw: string | null;
    try {
      raw = this.#storage.getItem(this.#key);
    } catch {
      this.#enterMemoryMode('unavailable');
      return null;
    }
    if (raw === null) return null;
    const parsed = parseProgress(raw);
    switch (parsed.kind) {
      case 'ok':
        return parsed.data;
      case 'migrated':
        this.#notice('migrated');
        return parsed.data;
      case 'newer':
        this.#enterReadOnly();
        return null;
      case 'repaired':
        this.#backup(raw);
        this.#notice('repaired');
        return parsed.data;
      case 'corrupt':
        this.#backup(raw);
        this.#notice('recovered');
        return null;
    }
  }

  #backup(raw: string): void {
    try {
      this.#storage?.setItem(BACKUP_KEY, raw);
    } catch {
      // The copy is a courtesy; failing to make it must not stop the recovery.
    }
  }

  #load(): void {
    if (!this.#storage) return this.#enterMemoryMode('unavailable');
    const stored = this.#read();
    if (stored) this.#data = stored;
    if (this.#mode !== 'persistent') return;
    // Write back at once after a migration or recovery, so the notice shows only once.
    if (this.#notices.length > 0) this.#write(this.#data);
  }

  #write(data: ProgressData): void {
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(data));
    } catch (error) {
      this.#enterMemoryMode(isQuotaError(error) ? 'quota' : 'unavailable');
    }
  }

  #persist(): Promise<void> {
    const work = (): void => {
      if (this.#mode !== 'persistent') return;
      const stored = this.#read();
      if (this.#mode !== 'persistent') return;
      const next = stored ? mergeProgress(stored, this.#data) : this.#data;
      this.#write(next);
      this.#set(next);
    };
    if (this.#mode !== 'persistent') return Promise.resolve();
    // Written at once, so a reload or a closed tab right after Check keeps the answer (a lock is
    // granted a task later, and a page that unloads first never gets it); the locked pass then
    // merges again with whatever another tab wrote meanwhile.
    work();
    if (!this.#locks) return Promise.resolve();
    return this.#locks.request(LOCK_NAME, work).then(
      () => undefined,
      () => work(), // e.g. locks refused in an opaque origin: still save, merging covers the race.
    );
  }
}

let shared: ProgressStore | undefined;

function browserStorage(): StorageLike | null {
  try {
    return window.localStorage ?? null;
  } catch {
    return null; // SecurityError: storage blocked for this site.
  }
}

/** The page's one store, shared by every island. Browser only. */
export function getProgressStore(): ProgressStore {
  if (!shared) {
    const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? (navigator.locks as LockManagerLike) : null;
    shared = new ProgressStore({ storage: browserStorage(), locks });
    shared.listenToOtherTabs(window);
  }
  return shared;
}
