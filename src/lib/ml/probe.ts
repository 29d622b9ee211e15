/**
 * Measures what each tfjs backend can do on this device: does it initialise, does it run on
 * a real GPU or a software renderer, and how many examples per second it manages per kind
 * of work. The decision itself is chooseBackend() in backends.ts (pure, unit-tested).
 *
 * Runs in a worker or a page. Register the backends you want probed first (see
 * register-backends.ts); an unregistered backend is reported as unavailable.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import {
  BACKEND_NAMES, PROBE_VERSION, isSoftwareRenderer, supports,
  type BackendName, type BackendProbe, type ProbeReport, type WorkKind,
} from './backends';
import { buildConvSmall, buildDense784, disposeModel } from './models';

/** Time measured per kind of work after one warm-up step (the warm-up compiles shaders/kernels). */
export const PROBE_BUDGET_MS = 250;
const PROBE_SEED = 1234;
const DENSE_BATCH = 64;
const CONV_BATCH = 16;
const INFERENCE_BATCH = 256;

export interface GpuInfo {
  renderer: string;
  software: boolean;
}

/** WebGL's real renderer string (WEBGL_debug_renderer_info), or null without WebGL. */
export function detectWebGL(): GpuInfo | null {
  try {
    const canvas: OffscreenCanvas | HTMLCanvasElement | null = typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined' ? document.createElement('canvas') : null;
    const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null | undefined;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, software: isSoftwareRenderer(renderer) };
  } catch {
    return null;
  }
}

interface AdapterInfoLike { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }
interface AdapterLike { info?: AdapterInfoLike; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<AdapterInfoLike> }

/** The WebGPU adapter's description, and whether it is a fallback (software) adapter; null without WebGPU. */
export async function detectWebGPU(): Promise<GpuInfo | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    const parts = [info.vendor, info.architecture, info.device, info.description].filter((p): p is string => !!p);
    const renderer = parts.join(' ') || 'unknown adapter';
    const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    return { renderer, software: fallback || isSoftwareRenderer(renderer) };
  } catch {
    return null;
  }
}

/** Switches tfjs to `name`. Trusts setBackend()'s boolean (getBackend() can lie after a failure). */
export async function initBackend(name: BackendName): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok ? { ok, ms: performance.now() - started } : { ok, ms: performance.now() - started, error: `setBackend('${name}') returned false` };
  } catch (error) {
    return { ok: false, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Examples/s on the current backend for one kind of work, with synthetic data. Disposes everything. */
export async function measureThroughput(kind: WorkKind, budgetMs = PROBE_BUDGET_MS): Promise<number> {
  const conv = kind === 'conv-training';
  const batch = kind === 'inference' ? INFERENCE_BATCH : conv ? CONV_BATCH : DENSE_BATCH;
  const model = conv ? buildConvSmall(PROBE_SEED) : buildDense784(PROBE_SEED);
  const x = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', PROBE_SEED);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', PROBE_SEED), 10));
  const step = async (): Promise<void> => {
    if (kind === 'inference') {
      const out = model.predict(x) as tf.Tensor;
      await out.data();
      out.dispose();
    } else {
      await model.trainOnBatch(x, y);
    }
  };
  try {
    await step(); // warm-up: shader compilation and kernel set-up are not throughput
    let steps = 0;
    const started = performance.now();
    while (steps < 2 || performance.now() - started < budgetMs) {
      await step();
      steps++;
    }
    return (steps * batch * 1000) / (performance.now() - started);
  } finally {
    x.dispose();
    y.dispose();
    disposeModel(model);
  }
}

export interface ProbeOptions {
  backends?: readonly BackendName[];
  kinds?: readonly WorkKind[];
  budgetMs?: number;
  /** Measure conv training on software GPUs too (one step can take seconds there). Default false. */
  convOnSoftwareGpu?: boolean;
  /** Called after each backend, for progress display. */
  onBackend?: (probe: BackendProbe) => void;
}

/** Probes each backend in turn and returns to whichever backend was active before. */
export async function probeBackends(options: ProbeOptions = {}): Promise<ProbeReport> {
  const backends = options.backends ?? BACKEND_NAMES;
  const kinds = options.kinds ?? (['dense-training', 'conv-training', 'inference'] as const);
  const previous = tf.getBackend() as BackendName | undefined;
  const probes: BackendProbe[] = [];
  const webgl = backends.includes('webgl') ? detectWebGL() : null;
  const webgpu = backends.includes('webgpu') ? await detectWebGPU() : null;
  for (const backend of backends) {
    const gpu = backend === 'webgl' ? webgl : backend === 'webgpu' ? webgpu : null;
    const probe: BackendProbe = { backend, available: false, software: gpu?.software ?? false, examplesPerSecond: {} };
    if (gpu) probe.renderer = gpu.renderer;
    // Without an adapter tfjs's WebGPU factory throws and logs a warning; say it plainly instead.
    const init = backend === 'webgpu' && !webgpu ? { ok: false, ms: 0, error: 'no WebGPU adapter' } : await initBackend(backend);
    probe.initMs = init.ms;
    if (!init.ok) {
      probe.error = init.error ?? 'failed to initialise';
    } else {
      probe.available = true;
      if (backend === 'wasm') probe.wasmFeatures = await wasmFeatures();
      for (const kind of kinds) {
        if (!supports(backend, kind)) continue;
        if (kind === 'conv-training' && probe.software && !options.convOnSoftwareGpu) {
          (probe.skipped ??= {})[kind] = 'skipped: software renderer (a single step can take seconds)';
          continue;
        }
        try {
          probe.examplesPerSecond[kind] = await measureThroughput(kind, options.budgetMs);
        } catch (error) {
          (probe.skipped ??= {})[kind] = `failed: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
    probes.push(probe);
    options.onBackend?.(probe);
  }
  if (previous && backends.length) await initBackend(previous);
  return { version: PROBE_VERSION, takenAt: Date.now(), userAgent: globalThis.navigator?.userAgent ?? 'node', probes };
}

async function wasmFeatures(): Promise<{ simd: boolean; threads: boolean; threadCount: number }> {
  const flag = async (name: string): Promise<boolean> => {
    try {
      return Boolean(await tf.env().getAsync(name));
    } catch {
      return false;
    }
  };
  let threadCount = 1;
  try {
    threadCount = getThreadsCount();
  } catch {
    /* the backend reports threads only once initialised */
  }
  return { simd: await flag('WASM_HAS_SIMD_SUPPORT'), threads: await flag('WASM_HAS_MULTITHREAD_SUPPORT'), threadCount };
}
