import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, PROGRESS_KEY, ProgressStore } from '../../../src/lib/exercises/progress-store';
import { mergeProgress, parseProgress, type ProgressData } from '../../../src/lib/exercises/progress-schema';
import { FakeLocks, FakeStorage } from './fake-storage';

function clock(start = 1_000): () => number {
  let t = start;
  return () => (t += 10);
}

function stored(storage: FakeStorage): ProgressData {
  const parsed = parseProgress(storage.getItem(PROGRESS_KEY) ?? '');
  if (parsed.kind !== 'ok') throw new Error(`stored value is ${parsed.kind}`);
  return parsed.data;
}

describe('progress store', () => {
  it('starts empty and saves attempts under one versioned key', async () => {
    const storage = new FakeStorage();
    const store = new ProgressStore({ storage, now: clock() });
    expect(store.mode).toBe('persistent');
    expect(store.notices).toEqual([]);
    await store.recordAttempt('conv-neighbours', false, '8');
    await store.recordAttempt('conv-neighbours', true, '9');
    const data = stored(storage);
    expect(data.version).toBe(1);
    expect(data.exercises['conv-neighbours']).toMatchObject({ solved: true, attempts: 2, answer: '9' });
    expect([...storage.items.keys()]).toEqual([PROGRESS_KEY]);
    // A later wrong answer does not un-solve it.
    await store.recordAttempt('conv-neighbours', false, '7');
    expect(new ProgressStore({ storage }).record('conv-neighbours')).toMatchObject({ solved: true, attempts: 3, answer: '7' });
  });

  it('migrates the version 0 format with a notice, once', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 0, solved: ['conv-by-hand'] }));
    const store = new ProgressStore({ storage });
    expect(store.record('conv-by-hand')).toMatchObject({ solved: true, attempts: 1 });
    expect(store.notices.map((n) => n.kind)).toEqual(['migrated']);
    expect(stored(storage).exercises['conv-by-hand']?.solved).toBe(true);
    expect(new ProgressStore({ storage }).notices).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['no version', JSON.stringify({ exercises: {} })],
    ['an array', '[1,2,3]'],
    ['exercises not an object', JSON.stringify({ version: 1, exercises: [] })],
  ])('recovers from corrupt data (%s), keeping a backup', async (_name, raw) => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, raw);
    const store = new ProgressStore({ storage, now: clock() });
    expect(store.notices.map((n) => n.kind)).toEqual(['recovered']);
    expect(store.notices[0]?.message).toContain(BACKUP_KEY);
    expect(storage.getItem(BACKUP_KEY)).toBe(raw);
    expect(store.mode).toBe('persistent');
    await store.recordAttempt('conv-neighbours', true, '9');
    expect(stored(storage).exercises['conv-neighbours']?.solved).toBe(true);
  });

  it.each([
    ['a wrong-typed field', { solved: 'yes', attempts: 1, answer: null, updatedAt: 5 }, 'conv-a'],
    ['a bad time', { solved: true, attempts: 1, answer: null, updatedAt: 'soon' }, 'conv-a'],
    ['a bad id', { solved: true, attempts: 1, answer: null, updatedAt: 5 }, '<script>'],
  ])('keeps every readable exercise when one record has %s, backs the data up and says so', async (_name, bad, badId) => {
    const storage = new FakeStorage();
    const good = { solved: true, attempts: 2, answer: '9', updatedAt: 4 };
    const raw = JSON.stringify({ version: 1, resetAt: 0, exercises: { 'conv-neighbours': good, [badId]: bad } });
    storage.setItem(PROGRESS_KEY, raw);
    const store = new ProgressStore({ storage, now: clock() });
    expect(store.notices.map((n) => n.kind)).toEqual(['repaired']);
    expect(store.notices[0]?.message).toContain(BACKUP_KEY);
    expect(storage.getItem(BACKUP_KEY)).toBe(raw);
    expect(store.record('conv-neighbours')).toEqual(good);
    expect(Object.keys(stored(storage).exercises)).toEqual(['conv-neighbours']);
    // Written back once: the next visit reads clean data and says nothing.
    expect(new ProgressStore({ storage }).notices).toEqual([]);
  });

  it('never overwrites data from a newer version', async () => {
    const storage = new FakeStorage();
    const newer = JSON.stringify({ version: 2, lessons: { anything: true } });
    storage.setItem(PROGRESS_KEY, newer);
    const store = new ProgressStore({ storage, now: clock() });
    expect(store.mode).toBe('read-only');
    expect(store.notices.map((n) => n.kind)).toEqual(['newer-version']);
    await store.recordAttempt('conv-neighbours', true, '9');
    await store.reset();
    expect(store.record('conv-neighbours')).toBeUndefined(); // The reset ran in memory.
    expect(storage.getItem(PROGRESS_KEY)).toBe(newer);
  });

  it('says an import was not saved while the stored progress is from a newer version', async () => {
    const storage = new FakeStorage();
    const newer = JSON.stringify({ version: 2, lessons: { anything: true } });
    storage.setItem(PROGRESS_KEY, newer);
    const store = new ProgressStore({ storage, now: clock() });
    const file = JSON.stringify({ version: 1, resetAt: 0, exercises: { 'conv-a': { solved: true, attempts: 1, answer: null, updatedAt: 1 } } });
    expect(await store.importJson(file)).toEqual({ ok: true, count: 1, saved: false });
    expect(storage.getItem(PROGRESS_KEY)).toBe(newer);
  });

  it('goes read-only when another tab writes a newer version', async () => {
    const storage = new FakeStorage();
    const store = new ProgressStore({ storage, now: clock() });
    const newer = JSON.stringify({ version: 3 });
    storage.setItem(PROGRESS_KEY, newer);
    store.receiveExternal(newer);
    await store.recordAttempt('conv-neighbours', true, '9');
    expect(store.mode).toBe('read-only');
    expect(storage.getItem(PROGRESS_KEY)).toBe(newer);
  });

  it('keeps working in memory when the quota is exceeded', async () => {
    const storage = new FakeStorage();
    storage.quota = 50;
    const store = new ProgressStore({ storage, now: clock() });
    let changes = 0;
    store.subscribe(() => changes++);
    await store.recordAttempt('conv-neighbours', true, '9');
    expect(store.mode).toBe('memory');
    expect(store.notices.map((n) => n.kind)).toEqual(['quota']);
    expect(store.record('conv-neighbours')?.solved).toBe(true);
    expect(changes).toBeGreaterThan(0);
    await store.recordAttempt('conv-by-hand', true, []);
    expect(store.record('conv-by-hand')?.solved).toBe(true);
  });

  it('keeps working in memory when storage is blocked or missing', async () => {
    const blocked = new FakeStorage();
    blocked.blocked = true;
    for (const storage of [blocked, null]) {
      const store = new ProgressStore({ storage, now: clock() });
      expect(store.mode).toBe('memory');
      expect(store.notices.map((n) => n.kind)).toEqual(['unavailable']);
      await store.recordAttempt('conv-neighbours', true, '9');
      expect(store.record('conv-neighbours')?.solved).toBe(true);
    }
  });

  it('two tabs with locks keep both completions', async () => {
    const storage = new FakeStorage();
    const locks = new FakeLocks();
    const a = new ProgressStore({ storage, locks, now: clock(1000) });
    const b = new ProgressStore({ storage, locks, now: clock(1005) });
    // Both tabs loaded before either wrote, then write at the same time.
    await Promise.all([a.recordAttempt('conv-neighbours', true, '9'), b.recordAttempt('conv-by-hand', true, [['0']])]);
    const data = stored(storage);
    expect(Object.keys(data.exercises).sort()).toEqual(['conv-by-hand', 'conv-neighbours']);
  });

  it('writes an attempt at once, before any lock is granted (a reload right after Check keeps it)', () => {
    const storage = new FakeStorage();
    const neverGranted = { request: () => new Promise<unknown>(() => undefined) };
    const store = new ProgressStore({ storage, locks: neverGranted, now: clock() });
    void store.recordAttempt('conv-neighbours', true, '9');
    expect(stored(storage).exercises['conv-neighbours']?.solved).toBe(true);
  });

  it('two tabs without locks lose nothing once storage events are merged', async () => {
    const storage = new FakeStorage();
    const a = new ProgressStore({ storage, now: clock(1000) });
    const b = new ProgressStore({ storage, now: clock(1005) });
    // A stale read in B: simulate B reading before A's write by writing B last from its old view.
    await a.recordAttempt('conv-neighbours', true, '9');
    const afterA = storage.getItem(PROGRESS_KEY);
    storage.items.delete(PROGRESS_KEY); // B's read happened before A's write…
    await b.recordAttempt('conv-by-hand', true, [['0']]);
    const afterB = storage.getItem(PROGRESS_KEY);
    expect(Object.keys(stored(storage).exercises)).toEqual(['conv-by-hand']); // …so A's completion is lost for now.
    // The browser then tells each tab about the other's write.
    b.receiveExternal(afterA);
    a.receiveExternal(afterB);
    expect(Object.keys(stored(storage).exercises).sort()).toEqual(['conv-by-hand', 'conv-neighbours']);
    expect(a.record('conv-by-hand')?.solved).toBe(true);
    expect(b.record('conv-neighbours')?.solved).toBe(true);
  });

  it('a reset in one tab wins over the other tab’s older records', async () => {
    const storage = new FakeStorage();
    const a = new ProgressStore({ storage, now: clock(1000) });
    const b = new ProgressStore({ storage, now: clock(5000) });
    await a.recordAttempt('conv-neighbours', true, '9');
    b.receiveExternal(storage.getItem(PROGRESS_KEY));
    await b.reset();
    a.receiveExternal(storage.getItem(PROGRESS_KEY));
    expect(a.record('conv-neighbours')).toBeUndefined();
    expect(stored(storage).exercises).toEqual({});
  });

  it('exports and imports a round trip, replacing current progress', async () => {
    const storage = new FakeStorage();
    const store = new ProgressStore({ storage, now: clock() });
    await store.recordAttempt('conv-neighbours', true, '9');
    await store.recordAttempt('conv-by-hand', false, [['1', '2'], ['3', '4']]);
    const file = store.exportJson();
    await store.reset();
    expect(store.data.exercises).toEqual({});
    await store.recordAttempt('conv-which-filter', true, [1]);
    expect(await store.importJson(file)).toEqual({ ok: true, count: 2, saved: true });
    expect(store.record('conv-neighbours')).toMatchObject({ solved: true, attempts: 1, answer: '9' });
    expect(store.record('conv-by-hand')).toMatchObject({ solved: false, answer: [['1', '2'], ['3', '4']] });
    expect(store.record('conv-which-filter')).toBeUndefined();
    expect(Object.keys(stored(storage).exercises).sort()).toEqual(['conv-by-hand', 'conv-neighbours']);
  });

  it.each([
    ['not JSON', 'hello', /not valid JSON/],
    ['a newer version', JSON.stringify({ version: 9 }), /newer version/],
    ['a bad record', JSON.stringify({ version: 1, exercises: { 'conv-a': { solved: true, attempts: -1, answer: null, updatedAt: 1 } } }), /attempts/],
    ['something else', JSON.stringify({ name: 'package' }), /version/],
  ])('refuses to import %s and changes nothing', async (_name, text, error) => {
    const storage = new FakeStorage();
    const store = new ProgressStore({ storage, now: clock() });
    await store.recordAttempt('conv-neighbours', true, '9');
    const before = storage.getItem(PROGRESS_KEY);
    const result = await store.importJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
    expect(storage.getItem(PROGRESS_KEY)).toBe(before);
  });

  it('merges commutatively and idempotently', () => {
    const x: ProgressData = { version: 1, resetAt: 0, exercises: { a: { solved: true, attempts: 2, answer: '1', updatedAt: 10 }, b: { solved: false, attempts: 1, answer: 'x', updatedAt: 30 } } };
    const y: ProgressData = { version: 1, resetAt: 5, exercises: { a: { solved: false, attempts: 3, answer: '2', updatedAt: 20 }, c: { solved: true, attempts: 1, answer: null, updatedAt: 4 } } };
    expect(mergeProgress(x, y)).toEqual(mergeProgress(y, x));
    expect(mergeProgress(x, mergeProgress(x, y))).toEqual(mergeProgress(x, y));
    expect(mergeProgress(x, y).exercises).toEqual({
      a: { solved: true, attempts: 3, answer: '2', updatedAt: 20 },
      b: { solved: false, attempts: 1, answer: 'x', updatedAt: 30 },
    });
  });
});
