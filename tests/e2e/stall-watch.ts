import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * Diagnostics for a page that stops answering (the "hydration stall"): which pages made GPU
 * contexts on their main thread, which main-thread tasks ran long, and, when the page does not
 * answer at all, which processes were busy meanwhile. The failure message then names the cause.
 */

/** Init script: records WebGL/WebGPU use and long main-thread tasks in `__stallWatch`. */
export function installStallWatch(): void {
  interface Watch { gpu: string[]; longTasks: number[] }
  const w = globalThis as unknown as { __stallWatch?: Watch };
  if (w.__stallWatch) return;
  const watch: Watch = { gpu: [], longTasks: [] };
  w.__stallWatch = watch;
  const where = (): string => (new Error().stack ?? '').split('\n').slice(3, 6).map((l) => l.trim().replace(/^at /, '').replace(location.origin, '')).join(' < ');
  // Calls that block the main thread until another process answers (sync IPC) announce themselves
  // on the console before and after: a page blocked inside one cannot answer, but its "enter"
  // message has already reached Playwright.
  let depth = 0;
  const guard = <A extends unknown[], R>(name: string, fn: (this: unknown, ...a: A) => R, detail?: (a: A) => string | null) =>
    function (this: unknown, ...a: A): R {
      const what = detail ? detail(a) : '';
      if (what === null || depth > 0) return fn.apply(this, a);
      depth++;
      console.debug(`[stall-watch] > ${name}${what ? ` ${what}` : ''} at ${where()}`);
      try {
        return fn.apply(this, a);
      } finally {
        depth--;
        console.debug(`[stall-watch] < ${name}`);
      }
    };
  const wrapMethod = (target: object | undefined, key: string, name: string, detail?: (a: unknown[]) => string | null): void => {
    const original = target && (Object.getOwnPropertyDescriptor(target, key)?.value as ((...a: unknown[]) => unknown) | undefined);
    if (typeof original === 'function') Object.defineProperty(target, key, { value: guard(name, original, detail), configurable: true, writable: true });
  };
  const wrapAccessor = (target: object | undefined, key: string, name: string): void => {
    const d = target && Object.getOwnPropertyDescriptor(target, key);
    if (!d?.get) return;
    const replaced: PropertyDescriptor = { configurable: true, get: guard(`${name} (get)`, d.get as () => unknown) };
    if (d.set) replaced.set = guard(`${name} (set)`, d.set as (v: unknown) => void);
    Object.defineProperty(target, key, replaced);
  };
  for (const proto of [globalThis.HTMLCanvasElement?.prototype, globalThis.OffscreenCanvas?.prototype]) {
    wrapMethod(proto, 'getContext', 'getContext', (a) => {
      const kind = String(a[0]);
      if (/webgl|webgpu/.test(kind)) watch.gpu.push(`${kind} ${where()}`);
      return kind === '2d' ? null : kind;
    });
  }
  for (const key of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) wrapMethod(globalThis.Storage?.prototype, key, `Storage.${key}`);
  wrapAccessor(globalThis, 'localStorage', 'localStorage');
  wrapAccessor(globalThis, 'sessionStorage', 'sessionStorage');
  wrapAccessor(globalThis.Document?.prototype, 'cookie', 'document.cookie');
  wrapMethod(globalThis.XMLHttpRequest?.prototype, 'open', 'XMLHttpRequest.open', (a) => (a[2] === false ? `sync ${String(a[1])}` : null));
  wrapMethod(globalThis.URL, 'createObjectURL', 'URL.createObjectURL');
  const gpu = (navigator as unknown as { gpu?: { requestAdapter: (...a: unknown[]) => unknown } }).gpu;
  if (gpu) {
    const request = gpu.requestAdapter.bind(gpu);
    gpu.requestAdapter = (...a) => { watch.gpu.push(`requestAdapter ${where()}`); return request(...a); };
  }
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration >= 500) watch.longTasks.push(Math.round(e.duration)); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing */ }
}

const pendingRequests = new WeakMap<Page, Map<object, { url: string; since: number }>>();

/** Follows the page's network requests: which have not finished (a render-blocking one holds all frames back). */
export function followRequests(page: Page): void {
  const pending = new Map<object, { url: string; since: number }>();
  pendingRequests.set(page, pending);
  page.on('request', (r) => pending.set(r, { url: r.url().replace(/^https?:\/\/[^/]+/, ''), since: Date.now() }));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
}

/** Requests the page started and that have not finished, oldest first. */
export function unfinishedRequests(page: Page): string {
  const pending = pendingRequests.get(page);
  if (!pending) return 'requests not followed';
  const now = Date.now();
  const list = [...pending.values()].sort((a, b) => a.since - b.since).map((p) => `${p.url} (${((now - p.since) / 1000).toFixed(0)} s)`);
  return list.length ? `unfinished requests: ${list.slice(0, 8).join(', ')}` : 'no unfinished requests';
}

/** Whether the page ever painted and what could hold its rendering back (pending style sheets, fonts). */
export async function renderState(page: Page): Promise<string> {
  const state = page.evaluate(() => {
    const paints = performance.getEntriesByType('paint').map((e) => `${e.name} ${Math.round(e.startTime)} ms`);
    const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')].filter((l) => !(l as HTMLLinkElement).sheet).map((l) => (l as HTMLLinkElement).href.replace(location.origin, ''));
    const blocking = [...document.querySelectorAll('[blocking~="render"]')].length;
    return `${document.readyState}, ${Math.round(performance.now())} ms since navigation, paints: ${paints.join(', ') || 'none'}, style sheets not loaded: ${sheets.join(', ') || 'none'}, render-blocking elements ${blocking}, fonts ${document.fonts.status}, hasFocus ${document.hasFocus()}`;
  }).catch((e: unknown) => `unreadable: ${String(e)}`);
  return Promise.race([state, new Promise<string>((r) => setTimeout(() => r('render state: no answer'), 3000))]);
}

const openCalls = new WeakMap<Page, { what: string; since: number }[]>();

/** Follows the page's "[stall-watch]" console markers: which guarded call it is inside now. */
export function followBlockingCalls(page: Page): void {
  const open: { what: string; since: number }[] = [];
  openCalls.set(page, open);
  page.on('console', (msg) => {
    const text = msg.text();
    if (!text.startsWith('[stall-watch] ')) return;
    if (text.startsWith('[stall-watch] > ')) open.push({ what: text.slice(16), since: Date.now() });
    else open.pop();
  });
}

/** The guarded call the page has not come back from, if any. */
function insideCall(page: Page): string {
  const open = openCalls.get(page);
  if (!open) return 'blocking calls not followed';
  const last = open.at(-1);
  return last ? `main thread inside ${last.what} for ${((Date.now() - last.since) / 1000).toFixed(0)} s` : 'no guarded call open (not in localStorage, cookie, sync XHR, createObjectURL or a GPU getContext)';
}

/** What the page recorded, or null when it does not answer within `ms`. */
async function pageRecord(page: Page, ms: number): Promise<string | null> {
  const read = page.evaluate(() => {
    const w = (globalThis as unknown as { __stallWatch?: { gpu: string[]; longTasks: number[] } }).__stallWatch;
    return w ? `GPU contexts on the main thread: ${w.gpu.length ? w.gpu.join('; ') : 'none'}; long tasks (ms): ${w.longTasks.join(', ') || 'none'}` : 'no stall watch';
  }).catch((e: unknown) => `unreadable: ${String(e)}`);
  return Promise.race([read, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
}

/** CPU seconds per Chromium process type over `ms`, and the busiest other processes of this machine. */
async function busyProcesses(page: Page, ms: number): Promise<string> {
  const browser = page.context().browser();
  if (!browser) return 'no browser';
  const session = await browser.newBrowserCDPSession();
  type Info = { processInfo: { type: string; id: number; cpuTime: number }[] };
  const sample = async (): Promise<Map<string, { type: string; cpu: number }>> => {
    const info = (await session.send('SystemInfo.getProcessInfo')) as Info;
    return new Map(info.processInfo.map((p) => [`${p.type}:${p.id}`, { type: p.type, cpu: p.cpuTime }]));
  };
  const machineBefore = processTicks();
  const before = await sample();
  await new Promise((r) => setTimeout(r, ms));
  const after = await sample();
  const machineAfter = processTicks();
  await session.detach();
  const chromium = [...after].map(([k, v]) => ({ ...v, used: v.cpu - (before.get(k)?.cpu ?? 0) }))
    .filter((p) => p.used >= 0.05).sort((a, b) => b.used - a.used).map((p) => `${p.type} ${p.used.toFixed(1)} s`);
  const others = [...machineAfter].map(([pid, v]) => ({ ...v, used: (v.ticks - (machineBefore.get(pid)?.ticks ?? v.ticks)) / 100 }))
    .filter((p) => p.used >= 0.2 && !/chromium|chrome/.test(p.name)).sort((a, b) => b.used - a.used).slice(0, 4)
    .map((p) => `${p.name} ${p.used.toFixed(1)} s`);
  return `CPU in ${ms / 1000} s: Chromium ${chromium.join(', ') || 'idle'}; other processes ${others.join(', ') || 'idle'}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

/** utime+stime (clock ticks) of every process on this machine, by pid. */
function processTicks(): Map<string, { name: string; ticks: number }> {
  const out = new Map<string, { name: string; ticks: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, { name, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch { /* gone */ }
  }
  return out;
}

/**
 * Runs `work` (a page.evaluate); if the page has not answered after `patienceMs`, fails with what
 * was busy instead of waiting out the test's timeout.
 */
export async function answered<T>(page: Page, what: string, work: Promise<T>, patienceMs = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), patienceMs); });
  const result = await Promise.race([work, late]);
  clearTimeout(timer);
  if (result !== 'late') return result as T;
  work.catch(() => undefined);
  const direct = await cdpProbe(page).catch((e: unknown) => `no CDP probe: ${String(e)}`);
  const busy = await busyProcesses(page, 3000).catch((e: unknown) => `no process info: ${String(e)}`);
  const record = (await pageRecord(page, 2000)) ?? 'the page still does not answer';
  throw new Error(`The page did not answer ${what} in ${patienceMs / 1000} s. ${direct}. ${busy}. ${record}`);
}

/** Asks the page over a fresh CDP session: its URL as the browser sees it, and whether its main thread runs script. */
async function cdpProbe(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page);
  const within = <T>(p: Promise<T>, ms: number): Promise<T | 'no answer'> => Promise.race([p, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), ms))]);
  const history = await within(session.send('Page.getNavigationHistory'), 3000);
  const url = history === 'no answer' ? 'no answer' : history.entries[history.currentIndex]?.url;
  const evaluated = await within(session.send('Runtime.evaluate', { expression: 'document.readyState + " " + location.href', returnByValue: true }), 3000);
  const script = evaluated === 'no answer' ? 'main thread does not run script (3 s)' : `main thread runs script: ${String(evaluated.result.value)}`;
  session.detach().catch(() => undefined);
  return `browser says the page is at ${url}; ${script}; ${insideCall(page)}; renderer threads ${rendererThreads()}`;
}

/** Each renderer's main-thread state: CPU seconds so far and whether it waits without a timeout. */
function rendererThreads(): string {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || cmd.includes('--top-chrome-webui')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
      const syscall = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ');
      const threads = readdirSync(`/proc/${pid}/task`).map((t) => { try { return readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim(); } catch { return ''; } });
      const workers = threads.filter((t) => /Worker/i.test(t)).length;
      out.push(`${pid}: main ${((Number(stat[11]) + Number(stat[12])) / 100).toFixed(1)} s CPU, ${stat[0]}, syscall ${syscall[0]}${syscall[0] === '202' ? (syscall[4] === '0x0' ? ' (futex, no timeout)' : ' (futex, timed)') : ''}, ${workers} worker threads`);
    } catch { /* gone */ }
  }
  return out.join(' | ') || 'none';
}

/** One line on the page's GPU use and long tasks, for a failure message. */
export async function stallRecord(page: Page): Promise<string> {
  return (await pageRecord(page, 2000)) ?? 'the page does not answer';
}

/** Every renderer thread that is not idle-waiting: name, state, syscall (futex without timeout marked). */
export function rendererThreadDump(): string {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([\w-]+)/.exec(cmd)?.[1];
      if (!cmd.includes('chrom') || !type || !['renderer', 'gpu-process'].includes(type)) continue;
      const threads = readdirSync(`/proc/${pid}/task`).map((t) => {
        try {
          const comm = readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim();
          const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const sc = readFileSync(`/proc/${pid}/task/${t}/syscall`, 'utf8').trim().split(' ');
          return `${comm}:${f[0]}/${sc[0] === '202' ? (sc[4] === '0x0' ? 'futex∞' : 'futex') : sc[0] === '232' ? 'epoll' : sc[0]}/${((Number(f[11]) + Number(f[12])) / 100).toFixed(1)}s`;
        } catch { return '?'; }
      });
      // Idle pool threads wait with a timeout; one waiting without is blocked on something.
      // (a pool thread that runs, or waits without one, is shown: raster tasks run on the pool)
      out.push(`${type} ${pid}: ${threads.filter((t) => !/^(ThreadPool|HangWatcher|PerfettoTrace|Chrome_ChildIOT)/.test(t) || !t.includes(':S/futex/')).join(' ')}`);
    } catch { /* gone */ }
  }
  return out.join(' || ');
}
