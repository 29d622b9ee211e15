import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compositorStall } from '../../e2e/stall-trace';

/** What the e2e fixture's stall check reads: a Chrome trace saved by traceStall. */
const dir = mkdtempSync(join(tmpdir(), 'stall-trace-'));
let n = 0;
function traceFile(events: object[], wrap = true): string {
  const file = join(dir, `trace-${n++}.json`);
  writeFileSync(file, JSON.stringify(wrap ? { traceEvents: events } : events));
  return file;
}
const declined = (pid: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ pid, tid: 1, ts: Math.floor(i / 3) * 16_666, ph: 'I', cat: 'disabled-by-default-cc.debug', name: 'Not activating because pending tree not ready' }));
const frames = (pid: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ pid, tid: 1, ts: i * 16_666, ph: 'X', cat: 'cc', name: 'Scheduler::BeginFrame' }));

describe('compositorStall', () => {
  it('names a renderer that keeps declining to activate with no raster work', () => {
    const file = traceFile([...frames(7, 180), ...declined(7, 540), ...frames(9, 180)]);
    expect(compositorStall(file)).toBe('renderer 7 declined to activate its pending tree 540 times, no raster work');
  });

  it('reads a trace saved as a bare event array too', () => {
    expect(compositorStall(traceFile(declined(3, 100), false))).toMatch(/^renderer 3 /);
  });

  it('is not a stall while raster tasks still run: the tree is on its way to activation', () => {
    const raster = { pid: 7, tid: 2, ts: 5, ph: 'X', cat: 'toplevel', name: 'TaskGraphRunner::RunTask' };
    expect(compositorStall(traceFile([...declined(7, 540), raster]))).toBeNull();
  });

  it('counts only the last 5 s: raster work before the stall (a ring-buffer trace) does not hide it', () => {
    const earlier = { pid: 7, tid: 2, ts: 0, ph: 'X', cat: 'toplevel', name: 'TaskGraphRunner::RunTask' };
    const later = (e: { ts: number }) => ({ ...e, ts: e.ts + 60_000_000 });
    expect(compositorStall(traceFile([earlier, ...declined(7, 180).map(later)]))).toMatch(/^renderer 7 declined .* 180 times/);
    expect(compositorStall(traceFile([{ ...earlier, ts: 62_000_000 }, ...declined(7, 180).map(later)]))).toBeNull();
  });

  it('is not a stall when the tree waits only a few frames (a slow raster under load)', () => {
    expect(compositorStall(traceFile([...frames(7, 180), ...declined(7, 20)]))).toBeNull();
  });

  it('is not a stall when frames stop for another reason (a busy main thread declines nothing)', () => {
    expect(compositorStall(traceFile(frames(7, 180)))).toBeNull();
  });

  it('is not a stall when the trace cannot be read', () => {
    expect(compositorStall(join(dir, 'missing.json'))).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"traceEvents": [');
    expect(compositorStall(broken)).toBeNull();
  });
});

describe('compositorStall on a real stall', () => {
  // Saved by traceStall at a stall on lesson 9 (Chromium 156, --disable-gpu, three browsers and a busy
  // core), reduced to the events the check reads; opening the page again brought its frames back.
  const real = new URL('./fixtures/compositor-stall-trace.json', import.meta.url).pathname;

  it('finds the stalled renderer', () => {
    expect(compositorStall(real)).toBe('renderer 23692 declined to activate its pending tree 601 times, no raster work');
  });

  it('does not find it once raster work shows in that renderer', () => {
    const { traceEvents } = JSON.parse(readFileSync(real, 'utf8')) as { traceEvents: { ts?: number }[] };
    const last = Math.max(...traceEvents.map((e) => e.ts ?? 0));
    const raster = { pid: 23692, ts: last, ph: 'X', name: 'TaskGraphRunner::RunTask' };
    expect(compositorStall(traceFile([...traceEvents, raster]))).toBeNull();
  });
});
