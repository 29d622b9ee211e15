/// <reference lib="webworker" />
/**
 * The training worker: tfjs runs here so the page's main thread only draws. ONE message
 * listener for the worker's whole life (a listener per click leaks: see GUIDE.md).
 */
import * as tf from '@tensorflow/tfjs';
import { configureWasm } from '../ml/register-backends';
import { createTrainingHandler } from './handler';
import { loadDatasetInWorker } from './dataset-source';
import type { WorkerEvent } from './protocol';
import { browserModelStore } from '../ml/model-store';
import { idbRowsStore } from '../tasks/features/rows-store';
import { DEBUG_REPLY, isDebugRequest, type DebugReply, type DebugRequest } from './debug-hooks';

declare const self: DedicatedWorkerGlobalScope;

// Test hooks (debug-hooks.ts): only a worker the page named "training-debug…" honours them.
const debug = self.name.includes('debug');
// Before any WebGL backend starts: textures in 16-bit floats, as on some mobile GPUs.
if (debug && self.name.includes('f16')) tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);

const handle = createTrainingHandler({
  post: (event: WorkerEvent) => self.postMessage(event),
  configure: configureWasm,
  loadDataset: loadDatasetInWorker,
  ...(browserModelStore() ? { modelStore: browserModelStore()! } : {}),
  ...(idbRowsStore() ? { rowsStore: idbRowsStore()! } : {}),
});

function runDebug({ action, ms = 0 }: DebugRequest): unknown {
  if (action === 'block') {
    const until = performance.now() + Math.min(ms, 60_000);
    while (performance.now() < until); // deliberately blocks: no message leaves the worker meanwhile
    return { blockedMs: ms };
  }
  if (action === 'memory') return { ...tf.memory(), backend: tf.getBackend() };
  if (action === 'env') {
    const flag = (name: string): unknown => (tf.env().getFlags()[name] ?? (tf.getBackend() === 'webgl' ? tf.env().getBool(name) : null));
    return { backend: tf.getBackend(), forceF16: tf.env().getBool('WEBGL_FORCE_F16_TEXTURES'), renderFloat32: flag('WEBGL_RENDER_FLOAT32_ENABLED') };
  }
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  const lose = gl?.getExtension('WEBGL_lose_context');
  if (!lose) throw new Error(`no WEBGL_lose_context on the ${tf.getBackend()} backend`);
  lose.loseContext();
  return { lost: gl!.isContextLost() };
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Debug messages are answered here, before the public protocol parses anything.
  if (debug && isDebugRequest(event.data)) {
    const { id } = event.data.payload;
    let reply: DebugReply;
    try {
      reply = { id, ok: true, result: runDebug(event.data.payload) };
    } catch (error) {
      reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage({ type: DEBUG_REPLY, payload: reply });
    return;
  }
  void handle(event.data);
});
