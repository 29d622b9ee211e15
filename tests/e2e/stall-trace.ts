import type { Browser, CDPSession, Page } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Chrome traces of a page whose frames stopped, and what they show: the compositor stall that
 * waitForHydration (fixtures.ts) tells apart from every other way a page can stop drawing.
 */

/** Records a few seconds of Chromium's compositor/viz trace to `file` (why frames stopped). */
export async function traceStall(page: Page, file: string, ms = 3000): Promise<string> {
  const browser = page.context().browser();
  if (!browser) return 'no browser';
  const ring = ringTraces.get(browser);
  if (ring) {
    ringTraces.delete(browser);
    return saveTrace(ring, file);
  }
  const session = await browser.newBrowserCDPSession();
  const categories = ['cc', 'viz', 'gpu', 'blink', 'toplevel', 'benchmark', 'disabled-by-default-cc.debug.scheduler', 'disabled-by-default-cc.debug.scheduler.frames', 'disabled-by-default-cc.debug', 'gpu.service', 'disabled-by-default-gpu.service', 'disabled-by-default-cc.debug.quads'];
  const complete = new Promise<string>((resolve) => session.on('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
  await session.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } } as never);
  await new Promise((r) => setTimeout(r, ms));
  return saveTrace(session, file, complete);
}

const RING_CATEGORIES = ['cc', 'viz', 'toplevel', 'benchmark', 'disabled-by-default-cc.debug.scheduler', 'disabled-by-default-cc.debug', 'disabled-by-default-cc.debug.scheduler.frames'];
const ringTraces = new WeakMap<Browser, CDPSession>();

/**
 * E2E_TRACE_RING=1: traces the browser's compositors from its start into a ring buffer, so the
 * trace saved at a stall holds what led to it (the commit that never activates), not only the
 * seconds after.
 */
export async function startRingTrace(browser: Browser): Promise<void> {
  if (process.env['E2E_TRACE_RING'] !== '1') return;
  const session = await browser.newBrowserCDPSession();
  await session.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { recordMode: 'recordContinuously', includedCategories: RING_CATEGORIES } } as never);
  ringTraces.set(browser, session);
}

async function saveTrace(session: CDPSession, file: string, completed?: Promise<string>): Promise<string> {
  const complete = completed ?? new Promise<string>((resolve) => session.on('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
  await session.send('Tracing.end');
  const stream = await complete;
  // Written chunk by chunk: a ring buffer's trace can exceed the longest string V8 allows.
  writeFileSync(file, '');
  for (;;) {
    const chunk = (await session.send('IO.read', { handle: stream })) as { data: string; eof: boolean };
    appendFileSync(file, chunk.data);
    if (chunk.eof) break;
  }
  await session.send('IO.close', { handle: stream });
  await session.detach();
  return `trace in ${file}`;
}

/**
 * The Chromium compositor stall, read from a trace of it (traceStall): a renderer whose
 * compositor keeps declining to activate its pending layer tree ("pending tree not ready") while
 * no raster task runs in it, so it never draws or starts a main frame again. Page script cannot
 * cause this (a busy main thread shows as a main frame that does not end, not as this); returns
 * what was seen, or null when the trace shows something else.
 */
export function compositorStall(file: string, windowMs = 5000): string | null {
  let events: { pid?: number; name?: string; ts?: number }[];
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: typeof events } | typeof events;
    events = Array.isArray(data) ? data : data.traceEvents ?? [];
  } catch {
    return null;
  }
  // Only the trace's last seconds count (traceStall's trace is ~3 s long): a ring-buffer trace (E2E_TRACE_RING) also holds the raster
  // work from before the stall began.
  const end = events.reduce((latest, e) => Math.max(latest, e.ts ?? 0), 0);
  const declined = new Map<number, number>();
  const rastering = new Set<number>();
  for (const e of events) {
    if (e.pid === undefined || (e.ts ?? 0) < end - windowMs * 1000) continue;
    if (e.name === 'Not activating because pending tree not ready') declined.set(e.pid, (declined.get(e.pid) ?? 0) + 1);
    else if (e.name === 'TaskGraphRunner::RunTask' || e.name === 'RasterTask' || e.name === 'TileManager::IssueSignals - ready to activate') rastering.add(e.pid);
  }
  // In 3 seconds a stalled compositor declines each of ~180 frames (several times each).
  const stalled = [...declined].filter(([pid, n]) => n >= 60 && !rastering.has(pid));
  return stalled.length ? stalled.map(([pid, n]) => `renderer ${pid} declined to activate its pending tree ${n} times, no raster work`).join('; ') : null;
}
