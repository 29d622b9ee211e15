// Measures how often Chromium fails to end a training worker (see expectTrainingWorkersEnded in
// tests/e2e/failure-modes.spec.ts): lesson 1's training cell on WASM (tfjs's 8 WASM threads and our
// helper, all nested workers) trains 250 images for one epoch, then Reset ends the worker, round
// after round, with busy threads beside the browser. The browser is driven over a CDP pipe attached
// to the page alone, so no DevTools session touches the workers; the renderer's DedicatedWorker
// threads are counted in /proc. A round whose threads are not all gone 120 s after Reset is a hang.
//
//   npm run build && npx tsx scripts/worker-teardown-repro.ts
//   TEARDOWN_ROUNDS=60 TEARDOWN_BUSY=3 npx tsx scripts/worker-teardown-repro.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { serveStatic } from './serve-static';

const rounds = Number(process.env['TEARDOWN_ROUNDS'] ?? 30);
const busyThreads = Number(process.env['TEARDOWN_BUSY'] ?? 3);
const port = 4478;
const profile = mkdtempSync(join(tmpdir(), 'teardown-profile-'));
const server = await serveStatic(process.env['DIST_DIR'] ?? 'dist', port);
const chrome = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless', '--disable-gpu', '--num-raster-threads=1', '--disable-partial-raster', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const toChrome = chrome.stdio[3] as Writable;
const fromChrome = chrome.stdio[4] as Readable;

type Reply = { id?: number; result?: Record<string, unknown>; error?: unknown };
const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
let nextId = 0;
let buffered = '';
fromChrome.on('data', (chunk: Buffer) => {
  buffered += chunk.toString();
  for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
    const message = JSON.parse(buffered.slice(0, end)) as Reply;
    buffered = buffered.slice(end + 1);
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) continue;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
    else waiter.resolve(message.result ?? {});
  }
});
function send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
  const id = ++nextId;
  toChrome.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** DedicatedWorker threads in this browser's renderers. */
function workerThreads(): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer') || !command.includes(profile)) continue;
      for (const task of readdirSync(`/proc/${pid}/task`)) if (readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').startsWith('DedicatedWorker')) count++;
    } catch {
      // The process or thread ended while being read.
    }
  }
  return count;
}

const busy = Array.from({ length: busyThreads }, () => new Worker('let x = 0; for (;;) x += Math.sqrt(x + 1);', { eval: true }));
const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
const evaluate = async (expression: string): Promise<unknown> =>
  ((await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)).result as { value?: unknown }).value;
await send('Page.navigate', { url: `http://127.0.0.1:${port}/lessons/01-classification/?backend=wasm` }, sessionId);
const cell = `document.querySelector('.training-cell[data-store-key="cls-dense"]')`;
const control = (label: string) => `[...${cell}.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith('${label}'))?.control`;
const button = (name: string) => `[...${cell}.querySelectorAll('button')].find((b) => b.textContent.trim() === '${name}')`;
for (let i = 0; i < 150 && !(await evaluate(`!!${cell}`)); i++) await sleep(200);
await evaluate(`${cell}.scrollIntoView()`);
// Hydrated once no island waits for its turn.
for (let i = 0; i < 150 && !(await evaluate(`!!(${control('Training images')}) && !document.querySelector('astro-island[ssr]')`)); i++) await sleep(200);
await evaluate(`(() => { for (const [label, value] of [['Training images', '250'], ['Epochs', '1']]) { const select = [...${cell}.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(label)).control; select.value = value; select.dispatchEvent(new Event('change', { bubbles: true })); } })()`);

const times: string[] = [];
let hangs = 0;
for (let round = 0; round < rounds && hangs === 0; round++) {
  await evaluate(`${button('Train')}.click()`);
  for (let i = 0; i < 1200 && (await evaluate(`${cell}.dataset.status`)) !== 'done'; i++) await sleep(100);
  const status = await evaluate(`${cell}.dataset.status`);
  const before = workerThreads();
  const started = Date.now();
  await evaluate(`${button('Reset')}.click()`);
  let gone = -1;
  while (Date.now() - started < 120_000) {
    if (workerThreads() === 0) {
      gone = Date.now() - started;
      break;
    }
    await sleep(50);
  }
  if (gone < 0) hangs++;
  times.push(gone < 0 ? 'hang' : String(gone));
  console.log(`round ${round + 1}: ${before} worker threads before Reset (cell ${String(status)}); ${gone < 0 ? `${workerThreads()} still there after 120 s` : `all gone after ${gone} ms`}`);
}
console.log(`${times.length} rounds, ${busyThreads} busy threads beside the browser: ${hangs ? 'a teardown hang' : 'no hang'} (ms to end: ${times.join(' ')})`);
for (const worker of busy) await worker.terminate();
const exited = new Promise((done) => chrome.once('exit', done));
chrome.kill();
await exited;
server.close();
rmSync(profile, { recursive: true, force: true });
process.exit(0);
