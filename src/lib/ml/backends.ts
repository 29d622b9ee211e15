/**
 * Which tfjs backend should run a given kind of work — decided by measurement, not by
 * "first that initialises". Pure functions over probe results: no tfjs, no DOM, so the
 * decision is unit-tested directly (the measuring itself lives in probe.ts).
 *
 * Why measuring matters here: on a machine without a GPU, WebGL and WebGPU still
 * initialise, but on SwiftShader (a software renderer) where training a small CNN managed
 * 6–19 examples/s, while WASM (SIMD + threads) trains a dense 784→128→10 net at
 * ~8,000–10,000 examples/s. Stock tfjs-backend-wasm 4.22 cannot train conv nets (no
 * Conv2DBackpropFilter kernel); with the kernels in wasm-kernels/ registered it trains the
 * course CNN at hundreds of examples/s, so without a GPU conv training goes to WASM too.
 */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export const WORK_KINDS = ['dense-training', 'conv-training', 'inference'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/**
 * Bump when the probe or its meaning changes: cached reports with another version are ignored.
 * 2: WASM conv training (wasm-kernels/), conv-training measured on the course CNN.
 * 3: WASM on every core, with helper workers for our kernel loops and faster dense gradients:
 *    figures cached before undersell it.
 */
export const PROBE_VERSION = 3;

export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  'dense-training': 'Training dense networks',
  'conv-training': 'Training convolutional networks',
  inference: 'Running trained networks',
};

/** Work stock tfjs 4.22 backends cannot run, per kind of work (see supports() for what lifts it). */
export const UNSUPPORTED: Partial<Record<BackendName, Partial<Record<WorkKind, string>>>> = {
  wasm: { 'conv-training': 'its conv training kernels (Conv2DBackpropFilter) are not registered' },
};

/**
 * Whether a backend can run a kind of work. Given a probe rather than a name, what the probe
 * found counts: WASM trains conv nets when the probe saw our Conv2DBackpropFilter kernel
 * registered (wasmFeatures.convKernels) or measured conv training there.
 */
export function supports(backend: BackendName | BackendProbe, kind: WorkKind): boolean {
  if (typeof backend !== 'string') {
    const probe = backend;
    if (probe.backend === 'wasm' && kind === 'conv-training' && (probe.wasmFeatures?.convKernels || speed(probe, kind) !== undefined)) return true;
    return supports(probe.backend, kind);
  }
  return UNSUPPORTED[backend]?.[kind] === undefined;
}

/** What one backend showed when probed. */
export interface BackendProbe {
  backend: BackendName;
  /**
   * setBackend() returned true (its return value is trusted, not getBackend()); for a GPU backend
   * on a software renderer, which the probe does not start, that the renderer exists.
   */
  available: boolean;
  /** Why it is unavailable, when it is. */
  error?: string;
  /** GPU backends: the renderer or adapter description, e.g. "ANGLE (…SwiftShader…)". */
  renderer?: string;
  /** GPU backends: runs on a software renderer (SwiftShader, llvmpipe, a WebGPU fallback adapter). */
  software: boolean;
  /** Milliseconds setBackend() took. */
  initMs?: number;
  /** Measured examples per second per kind; missing when not measured (unsupported, skipped, failed). */
  examplesPerSecond: Partial<Record<WorkKind, number>>;
  /** Why a kind was not measured, e.g. "skipped: software renderer". */
  skipped?: Partial<Record<WorkKind, string>>;
  /** WASM: whether SIMD and threads were usable, and whether our conv training kernels were registered. */
  wasmFeatures?: { simd: boolean; threads: boolean; threadCount?: number; convKernels?: boolean };
}

export interface ProbeReport {
  version: number;
  /** Date.now() when measured. */
  takenAt: number;
  userAgent: string;
  probes: BackendProbe[];
}

export interface BackendChoice {
  kind: WorkKind;
  backend: BackendName;
  /** One line for readers, e.g. "WASM · no GPU found (WebGL runs as software graphics on the processor here)". */
  reason: string;
  forced: boolean;
}

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}

export function isWorkKind(value: unknown): value is WorkKind {
  return typeof value === 'string' && (WORK_KINDS as readonly string[]).includes(value);
}

/** `?backend=wasm|webgl|webgpu|cpu` in a query string; null when absent or unknown. */
export function parseBackendOverride(search: string): BackendName | null {
  const value = new URLSearchParams(search).get('backend')?.trim().toLowerCase();
  return isBackendName(value) ? value : null;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|lavapipe/i;

/** True for renderer strings of software rasterisers (WEBGL_debug_renderer_info, WebGPU adapter info). */
export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return typeof renderer === 'string' && SOFTWARE_RENDERER.test(renderer);
}

/** A short name for a renderer string: "SwiftShader" rather than the whole ANGLE string. */
export function shortRenderer(renderer: string): string {
  const match = /swiftshader|llvmpipe|lavapipe|softpipe/i.exec(renderer);
  if (match) return match[0].toLowerCase() === 'swiftshader' ? 'SwiftShader' : match[0].toLowerCase();
  return renderer.length > 60 ? `${renderer.slice(0, 57)}…` : renderer;
}

/** Static preference when nothing was measured: a real GPU first, then WASM, then plain JS. */
function fallbackRank(probe: BackendProbe): number {
  if (probe.backend === 'cpu') return 0;
  if (probe.backend === 'wasm') return 2;
  return probe.software ? 1 : probe.backend === 'webgpu' ? 4 : 3;
}

function speed(probe: BackendProbe, kind: WorkKind): number | undefined {
  return probe.examplesPerSecond[kind];
}

/**
 * Picks the backend for one kind of work: the fastest measured backend that can run it.
 * Backends without a figure rank below measured ones, ordered GPU > WASM > software GPU > CPU.
 * `forced` (from ?backend=) wins when that backend is available and can run the work.
 */
export function chooseBackend(report: ProbeReport, kind: WorkKind, forced: BackendName | null = null): BackendChoice {
  const usable = report.probes.filter((p) => p.available && supports(p, kind));
  if (forced) {
    const probe = report.probes.find((p) => p.backend === forced);
    if (probe?.available && supports(probe, kind)) {
      return { kind, backend: forced, forced: true, reason: `${BACKEND_LABELS[forced]} · chosen with ?backend=${forced}` };
    }
    const fallback = pick(usable, kind);
    const why = probe?.available ? UNSUPPORTED[forced]?.[kind] ?? 'it cannot run this' : 'it is not available here';
    return {
      kind,
      backend: fallback?.backend ?? 'cpu',
      forced: false,
      reason: `${BACKEND_LABELS[fallback?.backend ?? 'cpu']} · ?backend=${forced} ignored: ${why}`,
    };
  }
  const best = pick(usable, kind);
  if (!best) return { kind, backend: 'cpu', forced: false, reason: 'CPU · no other backend is available' };
  return { kind, backend: best.backend, forced: false, reason: explain(best, report.probes, kind) };
}

/**
 * The report with `backend` marked unavailable: it failed to start although the report (a cached
 * speed test, or a backend the page forced) said it could. Choosing again then skips it.
 */
export function withoutBackend(report: ProbeReport, backend: BackendName, error: string): ProbeReport {
  const probes = report.probes.some((p) => p.backend === backend)
    ? report.probes.map((p) => (p.backend === backend ? { ...p, available: false, error, examplesPerSecond: {} } : p))
    : [...report.probes, { backend, available: false, error, software: false, examplesPerSecond: {} }];
  return { ...report, probes };
}

/** The backend to use after `failed` would not start: the next measured one, with the reason saying what happened. */
export function fallbackChoice(report: ProbeReport, kind: WorkKind, failed: BackendName, error: string): { report: ProbeReport; choice: BackendChoice } {
  const corrected = withoutBackend(report, failed, error);
  const next = chooseBackend(corrected, kind);
  return { report: corrected, choice: { ...next, forced: false, reason: `${BACKEND_LABELS[next.backend]} · ${BACKEND_LABELS[failed]} would not start here (${error})` } };
}

function pick(usable: BackendProbe[], kind: WorkKind): BackendProbe | undefined {
  return [...usable].sort((a, b) => {
    const sa = speed(a, kind);
    const sb = speed(b, kind);
    if (sa !== undefined && sb !== undefined) return sb - sa;
    if (sa !== undefined) return -1;
    if (sb !== undefined) return 1;
    return fallbackRank(b) - fallbackRank(a);
  })[0];
}

/** Why `best` won, in reader terms. */
function explain(best: BackendProbe, probes: BackendProbe[], kind: WorkKind): string {
  const label = BACKEND_LABELS[best.backend];
  if (!best.software && (best.backend === 'webgl' || best.backend === 'webgpu')) {
    return `${label} · GPU: ${best.renderer ? shortRenderer(best.renderer) : 'hardware accelerated'}`;
  }
  const gpus = probes.filter((p) => p.backend === 'webgl' || p.backend === 'webgpu');
  const hardware = gpus.filter((p) => p.available && !p.software);
  const notes: string[] = [];
  if (hardware.length === 0) {
    // Reader terms: the renderer's name (SwiftShader, llvmpipe) is in the probe details, not here.
    const software = gpus.filter((p) => p.available && p.software).map((p) => BACKEND_LABELS[p.backend]);
    const runs = software.length === 1 ? 'runs' : 'run';
    notes.push(software.length ? `no GPU found (${software.join(' and ')} ${runs} as software graphics on the processor here)` : 'no GPU found');
  } else {
    const fastestGpu = hardware.map((p) => speed(p, kind)).filter((s): s is number => s !== undefined);
    const mine = speed(best, kind);
    if (mine !== undefined && fastestGpu.length) notes.push(`faster here than the GPU (${format(mine)} vs ${format(Math.max(...fastestGpu))} examples/s)`);
    else notes.push('the GPU backends cannot run this');
  }
  if (kind === 'conv-training' && best.backend === 'cpu' && probes.some((p) => p.backend === 'wasm' && p.available && !supports(p, kind))) {
    notes.push('WASM cannot train conv nets here: its conv training kernels are not registered');
  }
  return `${label} · ${notes.join('; ')}`;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** One choice per kind of work. */
export function chooseAll(report: ProbeReport, forced: BackendName | null = null): Record<WorkKind, BackendChoice> {
  return Object.fromEntries(WORK_KINDS.map((kind) => [kind, chooseBackend(report, kind, forced)])) as Record<WorkKind, BackendChoice>;
}

/** A cached report is usable when it has this version, this browser and is younger than maxAgeMs. */
export function isReportFresh(report: unknown, userAgent: string, now: number, maxAgeMs = 7 * 24 * 3600 * 1000): report is ProbeReport {
  if (typeof report !== 'object' || report === null) return false;
  const r = report as Partial<ProbeReport>;
  return r.version === PROBE_VERSION && r.userAgent === userAgent && typeof r.takenAt === 'number'
    && now - r.takenAt >= 0 && now - r.takenAt < maxAgeMs && Array.isArray(r.probes)
    && r.probes.every((p) => typeof p === 'object' && p !== null && isBackendName((p as BackendProbe).backend));
}
