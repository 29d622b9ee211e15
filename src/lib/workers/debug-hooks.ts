/**
 * Test hooks for the training worker, inert in normal use: they exist only when the page URL
 * carries `?debug-worker=1` (or `=f16`) and the test flag is in localStorage (TEST_HOOKS_KEY). End-to-end tests use them to reproduce failures a
 * reader's device can cause — a lost WebGL context, 16-bit float textures — and to read the
 * worker's tf.memory(). Debug messages travel beside the public protocol (protocol.ts): the
 * worker answers them before parsing requests, the client before parsing events.
 *
 * Page side only (no tfjs here: the main thread's bundle stays small).
 */

export const DEBUG_REQUEST = 'debug';
export const DEBUG_REPLY = 'debug-result';

/**
 * lose-webgl-context: WEBGL_lose_context.loseContext() on tfjs's context; memory: tf.memory();
 * env: backend and float flags; block: the worker busy-waits `ms` (a silent worker, as a hung backend looks).
 */
export const DEBUG_ACTIONS = ['lose-webgl-context', 'memory', 'env', 'block'] as const;
export type DebugAction = (typeof DEBUG_ACTIONS)[number];

export interface DebugReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface DebugConfig {
  enabled: boolean;
  /** Worker sets WEBGL_FORCE_F16_TEXTURES before any WebGL backend starts. */
  f16: boolean;
  /** `?debug-stall-ms=N`: the cell's watchdog fires after N ms of silence instead of 30 s. */
  stallMs: number | null;
}

/**
 * The hooks also need this flag in the page's localStorage, which the end-to-end tests set
 * before any page loads (tests/e2e/fixtures.ts). A link cannot set it, so no crafted URL can
 * stall or break a reader's run.
 */
export const TEST_HOOKS_KEY = 'bottleneck:test-hooks';

function hooksAllowed(storage: Pick<Storage, 'getItem'> | null | undefined): boolean {
  try {
    return storage?.getItem(TEST_HOOKS_KEY) === '1';
  } catch {
    return false; // blocked storage: no hooks
  }
}

function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Reads the debug flags from a query string; everything off without `debug-worker`, or without the test flag in storage. */
export function debugConfig(search: string = globalThis.location?.search ?? '', storage: Pick<Storage, 'getItem'> | null = pageStorage()): DebugConfig {
  const params = new URLSearchParams(search);
  const value = params.get('debug-worker');
  if (value === null || !hooksAllowed(storage)) return { enabled: false, f16: false, stallMs: null };
  const stall = Number(params.get('debug-stall-ms'));
  return { enabled: true, f16: value.split(',').includes('f16'), stallMs: Number.isFinite(stall) && stall > 0 ? stall : null };
}

/** The worker learns its debug mode from its name, before its first message. */
export function workerName(config: DebugConfig): string {
  if (!config.enabled) return 'training';
  return config.f16 ? 'training-debug-f16' : 'training-debug';
}

export interface DebugRequest {
  id: number;
  action: DebugAction;
  ms?: number;
}

export function isDebugRequest(data: unknown): data is { type: typeof DEBUG_REQUEST; payload: DebugRequest } {
  if (typeof data !== 'object' || data === null) return false;
  const { type, payload } = data as { type?: unknown; payload?: { id?: unknown; action?: unknown } };
  return type === DEBUG_REQUEST && typeof payload?.id === 'number' && (DEBUG_ACTIONS as readonly unknown[]).includes(payload.action);
}

export function isDebugReply(data: unknown): data is { type: typeof DEBUG_REPLY; payload: DebugReply } {
  if (typeof data !== 'object' || data === null) return false;
  const { type, payload } = data as { type?: unknown; payload?: { id?: unknown } };
  return type === DEBUG_REPLY && typeof payload?.id === 'number';
}

interface DebugWorker {
  postMessage(message: unknown): void;
}

/** What tests reach as `globalThis.__bottleneckDebug` (debug mode only). */
export interface DebugGlobal {
  /** Sends an action to the newest live training worker; resolves with its reply. */
  send(action: DebugAction, ms?: number): Promise<DebugReply>;
  /** Training workers created and not yet terminated, and created in all. */
  live: number;
  created: number;
}

const waiting = new Map<number, (reply: DebugReply) => void>();
const workers: DebugWorker[] = [];
let nextId = 1;

function debugGlobal(): DebugGlobal {
  const g = globalThis as { __bottleneckDebug?: DebugGlobal };
  g.__bottleneckDebug ??= {
    live: 0,
    created: 0,
    send(action, ms) {
      const worker = workers.at(-1);
      if (!worker) return Promise.resolve({ id: 0, ok: false, error: 'no live training worker' });
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ type: DEBUG_REQUEST, payload: { id, action, ...(ms !== undefined ? { ms } : {}) } });
      });
    },
  };
  return g.__bottleneckDebug;
}

/** Registers a new training worker with the debug global; returns its message filter and its end. */
export function attachDebug(worker: DebugWorker): { receive(data: unknown): boolean; terminated(): void } {
  const g = debugGlobal();
  workers.push(worker);
  g.live++;
  g.created++;
  let ended = false;
  return {
    receive(data) {
      if (!isDebugReply(data)) return false;
      waiting.get(data.payload.id)?.(data.payload);
      waiting.delete(data.payload.id);
      return true;
    },
    terminated() {
      if (ended) return;
      ended = true;
      workers.splice(workers.indexOf(worker), 1);
      g.live--;
    },
  };
}
