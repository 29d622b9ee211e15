/**
 * Throttles a live-region announcement: a slider dragged or held down changes the figures many
 * times a second, and a screen reader should hear the first change and then the settled value,
 * not a queue of every step. Framework-free; the timer functions are injectable for tests.
 */
export interface Throttled<T> {
  /** Offer a new value: sent now if the last send was `ms` ago, otherwise the latest is sent when the wait ends. */
  push(value: T): void;
  /** Drops a pending value (on unmount). */
  cancel(): void;
}

export function throttle<T>(ms: number, send: (value: T) => void, timers: { now: () => number; set: (fn: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
  now: () => Date.now(),
  set: (fn, wait) => setTimeout(fn, wait),
  clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
}): Throttled<T> {
  let last = -Infinity;
  let timer: unknown = null;
  let pending: { value: T } | null = null;
  const flush = (): void => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = timers.now();
    send(value);
  };
  return {
    push(value) {
      pending = { value };
      const wait = last + ms - timers.now();
      if (wait <= 0 && timer === null) flush();
      else if (timer === null) timer = timers.set(flush, Math.max(0, wait));
    },
    cancel() {
      if (timer !== null) timers.clear(timer);
      timer = null;
      pending = null;
    },
  };
}
