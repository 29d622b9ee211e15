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
  BACKEND_NAMES, PROBE_VERSION, UNSUPPORTED, isSoftwareRenderer, supports,
  type BackendName, type BackendProbe, type ProbeReport, type WorkKind,
} from './backends';
import { buildCnn, buildDense784, disposeModel } from './models';
import { wasmCanTrainConv } from './wasm-kernels';

/** Time measured per kind of work after one warm-up step (the warm-up compiles shaders/kernels). */
export const PROBE_BUDGET_MS = 250;
const PROBE_SEED = 1234;
const DENSE_BATCH = 64;
/**
 * Conv training is measured on the course CNN itself, so the figure ranks backends the way the
 * lesson's training will (a tiny CNN flattered per-op-cheap backends: on WASM it ran 15× CPU,
 * the course CNN runs 200×) and gives the training cell a real time estimate.
 */
const CONV_BATCH = 16;
const INFERENCE_BATCH = 256;
const CPU_CONV_MEASURE = { batch: 2, minSteps: 1, warmUp: false } as const;
export const SOFTWARE_GPU_SKIPPED = 'skipped: software graphics on the processor, not a GPU (not started, not measured)';

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

export interface MeasureOptions {
  /** Examples per step (default 64 dense, 16 conv, 256 inference). */
  batch?: number;
  /** Timed steps at least, however long they take (default 2). */
  minSteps?: number;
  /** Run one untimed step first (default true): GPU shader compilation and WASM operator set-up are not throughput. */
  warmUp?: boolean;
}

/**
 * Examples/s on the current backend for one kind of work, with synthetic data. Disposes everything.
 * Models: dense 784→128→10 for dense training and inference, the course CNN for conv training.
 */
export async function measureThroughput(kind: WorkKind, budgetMs = PROBE_BUDGET_MS, options: MeasureOptions = {}): Promise<number> {
  const conv = kind === 'conv-training';
  const batch = options.batch ?? (kind === 'inference' ? INFERENCE_BATCH : conv ? CONV_BATCH : DENSE_BATCH);
  const minSteps = options.minSteps ?? 2;
  const model = conv ? buildCnn(PROBE_SEED) : buildDense784(PROBE_SEED);
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
    if (options.warmUp ?? true) await step();
    let steps = 0;
    const started = performance.now();
    while (steps < minSteps || performance.now() - started < budgetMs) {
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
  /**
   * Initialise and measure a GPU backend whose renderer is software (SwiftShader, llvmpipe, a
   * fallback adapter). Default false: such a backend is listed as available but never started,
   * because its measurement queues seconds of work in the browser's shared GPU process, which then
   * stalls the frames of every page (seen in e2e runs: the next page's lazy widgets never
   * hydrated). It never beat WASM here anyway (dense training 1,516 vs 3,511 examples/s).
   * ?backend=webgl still picks it: chooseBackend() honours an available forced backend.
   */
  measureSoftwareGpu?: boolean;
  /** GPU detection, replaceable in tests (Node has no WebGL). */
  detect?: { webgl: () => GpuInfo | null; webgpu: () => Promise<GpuInfo | null> };
  /** Called after each backend, for progress display. */
  onBackend?: (probe: BackendProbe) => void;
}

/** Probes each backend in turn and returns to whichever backend was active before. */
export async function probeBackends(options: ProbeOptions = {}): Promise<ProbeReport> {
  const backends = options.backends ?? BACKEND_NAMES;
  const kinds = options.kinds ?? (['dense-training', 'conv-training', 'inference'] as const);
  const previous = tf.getBackend() as BackendName | undefined;
  const probes: BackendProbe[] = [];
  const detect = options.detect ?? { webgl: detectWebGL, webgpu: detectWebGPU };
  const webgl = backends.includes('webgl') ? detect.webgl() : null;
  const webgpu = backends.includes('webgpu') ? await detect.webgpu() : null;
  for (const backend of backends) {
    const gpu = backend === 'webgl' ? webgl : backend === 'webgpu' ? webgpu : null;
    const probe: BackendProbe = { backend, available: false, software: gpu?.software ?? false, examplesPerSecond: {} };
    if (gpu) probe.renderer = gpu.renderer;
    if (gpu?.software && !options.measureSoftwareGpu) {
      probe.available = true;
      probe.skipped = Object.fromEntries(kinds.map((kind) => [kind, SOFTWARE_GPU_SKIPPED]));
      probes.push(probe);
      options.onBackend?.(probe);
      continue;
    }
    // Without an adapter tfjs's WebGPU factory throws and logs a warning; say it plainly instead.
    const init = backend === 'webgpu' && !webgpu ? { ok: false, ms: 0, error: 'no WebGPU adapter' } : await initBackend(backend);
    probe.initMs = init.ms;
    if (!init.ok) {
      probe.error = init.error ?? 'failed to initialise';
    } else {
      probe.available = true;
      if (backend === 'wasm') probe.wasmFeatures = await wasmFeatures();
      for (const kind of kinds) {
        const skip = skipReason(probe, kind, probes, options);
        if (skip) {
          (probe.skipped ??= {})[kind] = skip;
          continue;
        }
        try {
          // Plain-JS conv training takes seconds per step and compiles nothing: one tiny timed step ranks it.
          const cpuConv = backend === 'cpu' && kind === 'conv-training';
          probe.examplesPerSecond[kind] = await measureThroughput(kind, options.budgetMs, cpuConv ? CPU_CONV_MEASURE : {});
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

/** Why `kind` is not measured on this backend, or null to measure it. */
function skipReason(probe: BackendProbe, kind: WorkKind, earlier: readonly BackendProbe[], options: ProbeOptions): string | null {
  if (!supports(probe, kind)) return `unsupported: ${UNSUPPORTED[probe.backend]?.[kind] ?? 'cannot run this'}`;
  if (kind !== 'conv-training') return null;
  if (probe.software && !options.convOnSoftwareGpu) return 'skipped: software renderer (a single step can take seconds)';
  // Same convolutions in plain JS vs XNNPACK SIMD: ~200× slower on the course CNN, and seconds per step.
  const wasmConv = earlier.find((p) => p.backend === 'wasm')?.examplesPerSecond[kind];
  if (probe.backend === 'cpu' && wasmConv !== undefined) return 'skipped: WASM trains conv nets far faster (a single CPU step takes seconds)';
  return null;
}

async function wasmFeatures(): Promise<{ simd: boolean; threads: boolean; threadCount: number; convKernels: boolean }> {
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
  return {
    simd: await flag('WASM_HAS_SIMD_SUPPORT'), threads: await flag('WASM_HAS_MULTITHREAD_SUPPORT'), threadCount,
    convKernels: wasmCanTrainConv(),
  };
}
