// CPU accounting for the cell-vs-fit bench (cell-vs-fit.ts): per-thread CPU time of the browser's
// processes from /proc (Linux), the page's main-thread task time from CDP, and their shares of
// one core over a window.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, CDPSession } from 'playwright-core';

export interface CpuUse {
  /** Page main thread, % of wall time in tasks (CDP TaskDuration: an upper bound on a busy machine), and its script/style/layout parts. */
  mainThread: number; script: number; style: number; layout: number;
  /** CPU % of a core: all renderer processes (workers included), the GPU process. */
  renderers: number; gpu: number;
  /** Busiest threads (/proc), % of a core. */
  threads: Array<[string, number]>;
  /** CPU seconds of every thread of the browser, and of the threads that train (worker / main thread), over the window. */
  totalSeconds: number; threadSeconds: Record<string, number>;
  wallSeconds: number;
}

export interface CpuSample { at: number; mainTask: number; script: number; style: number; layout: number; renderers: number; gpu: number; threads: Map<string, number> }

/**
 * CPU seconds per thread of the given processes, keyed "process type/thread name" (Linux /proc;
 * empty elsewhere). Thread CPU time, unlike task wall time, does not grow when the machine is busy.
 */
function threadCpu(processes: Array<{ type: string; id: number }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const { type, id } of processes) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${id}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const name = readFileSync(`/proc/${id}/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '');
        // Fields after the ")" that ends the command: utime and stime are the 12th and 13th, in clock ticks (100/s).
        const fields = readFileSync(`/proc/${id}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        const key = `${type}/${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        /* the thread ended */
      }
    }
  }
  return out;
}

/** CPU seconds so far: the page's main-thread task time, and per process type (Chromium's SystemInfo). */
export async function cpuMeter(browser: Browser, page: CDPSession): Promise<{ sample: () => Promise<CpuSample>; close: () => Promise<void> }> {
  const b = await browser.newBrowserCDPSession();
  await page.send('Performance.enable');
  return {
    close: () => b.detach(),
    sample: async () => {
      const [{ metrics }, info] = await Promise.all([
        page.send('Performance.getMetrics'),
        b.send('SystemInfo.getProcessInfo') as Promise<{ processInfo: Array<{ type: string; id: number; cpuTime: number }> }>,
      ]);
      const sum = (type: string): number => info.processInfo.filter((p) => p.type === type).reduce((t, p) => t + p.cpuTime, 0);
      const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
      return {
        at: performance.now() / 1000, mainTask: metric('TaskDuration'), script: metric('ScriptDuration'), style: metric('RecalcStyleDuration'), layout: metric('LayoutDuration'),
        renderers: sum('renderer'), gpu: sum('GPU'), threads: threadCpu(info.processInfo),
      };
    },
  };
}

export function cpuShares(a: CpuSample, b: CpuSample): CpuUse {
  const wall = b.at - a.at;
  const pct = (x: number): number => (100 * x) / wall;
  return {
    mainThread: pct(b.mainTask - a.mainTask), script: pct(b.script - a.script), style: pct(b.style - a.style), layout: pct(b.layout - a.layout),
    renderers: pct(b.renderers - a.renderers), gpu: pct(b.gpu - a.gpu),
    threads: [...b.threads].map(([k, v]) => [k, pct(v - (a.threads.get(k) ?? 0))] as [string, number]).filter(([, v]) => v >= 1).sort((x, y) => y[1] - x[1]).slice(0, 6),
    totalSeconds: [...b.threads].reduce((t, [k, v]) => t + v - (a.threads.get(k) ?? 0), 0),
    threadSeconds: Object.fromEntries([...b.threads].map(([k, v]) => [k, v - (a.threads.get(k) ?? 0)])),
    wallSeconds: wall,
  };
}
