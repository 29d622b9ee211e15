// What the cell-vs-fit bench (cell-vs-fit.ts) installs in the lesson page before its scripts run,
// and how it reads it back: main-thread long tasks and long animation frames (PerformanceObserver),
// and the training worker's events as they reach the page (a second 'message' listener).
// Nothing the page does changes.

export interface LongTask { start: number; duration: number; scripts?: string[]; renderMs?: number }
export interface WorkerMessage { t: number; type: string; batch?: number; batches?: number; epoch?: number; epochs?: number; eps?: number; examplesSeen?: number; trainMs?: number }
export interface Taps { longTasks: LongTask[]; frames: LongTask[]; messages: WorkerMessage[]; pressed?: number }

export interface LongTaskStats { count: number; maxMs: number; totalMs: number; /** Each one: duration, when (phase of the run), what ran. */ list: string[] }

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx's transpiler may wrap
 * named functions in helpers that do not exist in the page.
 */
export const INSTALL_TAPS = `(() => {
  const taps = { longTasks: [], frames: [], messages: [] };
  globalThis.__benchTaps = taps;
  const observe = (type, into) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const entry = { start: e.startTime, duration: e.duration };
          // Long animation frames name the scripts that ran in them: the "why" of a slow frame.
          if (e.scripts) entry.scripts = e.scripts.map((x) => (x.invoker || '?') + ' ' + (x.sourceFunctionName || '') + ' @' + String(x.sourceURL || '').split('/').pop() + ' ' + Math.round(x.duration) + 'ms');
          if (typeof e.renderStart === 'number' && e.renderStart > 0) entry.renderMs = e.startTime + e.duration - e.renderStart;
          into.push(entry);
        }
      }).observe({ type, buffered: true });
    } catch { /* not supported: the self-check below says so */ }
  };
  observe('longtask', taps.longTasks);
  observe('long-animation-frame', taps.frames);
  const Original = globalThis.Worker;
  globalThis.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (event) => {
        const d = event.data;
        if (!d || typeof d.type !== 'string') return;
        const p = d.payload || {};
        const m = { t: performance.now(), type: d.type };
        const keep = { batch: p.batch, batches: p.batches, epoch: p.epoch, epochs: p.epochs, eps: p.examplesPerSecond, examplesSeen: p.examplesSeen, trainMs: p.timings && p.timings.trainMs };
        for (const k in keep) if (typeof keep[k] === 'number') m[k] = keep[k];
        taps.messages.push(m);
      });
    }
  };
})();`;

/** Where `t` falls in the run, from the worker's messages as the page received them. */
function phaseOf(t: number, pressed: number, messages: WorkerMessage[]): string {
  const at = (type: string, last = false): number => (last ? messages.filter((m) => m.type === type).at(-1)?.t : messages.find((m) => m.type === type)?.t) ?? Infinity;
  const phases: Array<[number, string]> = [[pressed, 'press→started (worker start, data)'], [at('started'), 'started→first batch'], [at('progress'), 'training'],
    [at('progress', true), 'last batch→done (validation, test evaluation, storing)'], [at('done'), 'after done']];
  const phase = phases.filter(([start]) => start <= t).at(-1);
  return `${phase?.[1] ?? 'before press'} +${((t - pressed) / 1000).toFixed(1)} s`;
}

export function longTaskStats(tasks: LongTask[], from: number, to: number, pressed: number, messages: WorkerMessage[]): LongTaskStats {
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to && t.duration > 50);
  return {
    count: inside.length, maxMs: Math.max(0, ...inside.map((t) => t.duration)), totalMs: inside.reduce((s, t) => s + t.duration, 0),
    list: inside.map((t) => `${t.duration.toFixed(0)} ms in ${phaseOf(t.start, pressed, messages)}${t.renderMs !== undefined ? `, render ${t.renderMs.toFixed(0)} ms` : ''}${t.scripts?.length ? `; ${t.scripts.slice(0, 3).join(', ')}` : ''}`),
  };
}
