/** An in-memory Storage for Node tests, with switches for the failures browsers produce. */
export class FakeStorage {
  readonly items = new Map<string, string>();
  /** Total characters allowed (keys + values); beyond it setItem throws QuotaExceededError. */
  quota = Infinity;
  /** Every access throws SecurityError, like blocked storage. */
  blocked = false;

  getItem(key: string): string | null {
    if (this.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

/** A LockManager with one in-process queue per name, like navigator.locks within one origin. */
export class FakeLocks {
  readonly #tails = new Map<string, Promise<unknown>>();

  request(name: string, callback: () => unknown): Promise<unknown> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      await Promise.resolve(); // Hold the lock across a turn, as the real one does.
      return callback();
    });
    this.#tails.set(name, next.catch(() => undefined));
    return next;
  }
}
