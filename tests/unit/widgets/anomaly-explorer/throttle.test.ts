import { describe, expect, it } from 'vitest';
import { throttle } from '../../../../src/widgets/anomaly-explorer/throttle';

/** A hand-driven clock: timers fire only when advanced past their time. */
function fakeTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    timers: {
      now: () => now,
      set: (fn: () => void, ms: number) => { const id = next++; pending.set(id, { at: now + ms, fn }); return id; },
      clear: (id: unknown) => void pending.delete(id as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) { pending.delete(id); t.fn(); }
      }
    },
  };
}

describe('announcement throttle', () => {
  it('sends the first value at once, then only the latest once per interval', () => {
    const clock = fakeTimers();
    const sent: string[] = [];
    const t = throttle<string>(1000, (v) => sent.push(v), clock.timers);
    t.push('a');
    expect(sent).toEqual(['a']);
    clock.advance(100);
    t.push('b');
    clock.advance(100);
    t.push('c');
    expect(sent).toEqual(['a']);
    clock.advance(799);
    expect(sent).toEqual(['a']);
    clock.advance(1);
    expect(sent).toEqual(['a', 'c']);
    clock.advance(5000);
    t.push('d');
    expect(sent).toEqual(['a', 'c', 'd']);
  });

  it('drops a pending value on cancel', () => {
    const clock = fakeTimers();
    const sent: string[] = [];
    const t = throttle<string>(500, (v) => sent.push(v), clock.timers);
    t.push('a');
    t.push('b');
    t.cancel();
    clock.advance(1000);
    expect(sent).toEqual(['a']);
  });
});
