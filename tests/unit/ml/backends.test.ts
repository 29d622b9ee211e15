import { describe, expect, it } from 'vitest';
import {
  PROBE_VERSION, chooseAll, chooseBackend, isReportFresh, isSoftwareRenderer, parseBackendOverride,
  type BackendProbe, type ProbeReport,
} from '../../../src/lib/ml/backends';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

function report(probes: BackendProbe[]): ProbeReport {
  return { version: PROBE_VERSION, takenAt: 1000, userAgent: 'test', probes };
}
const cpu: BackendProbe = { backend: 'cpu', available: true, software: false, examplesPerSecond: { 'dense-training': 900, 'conv-training': 120, inference: 4000 } };
// Stock WASM: no conv training kernels registered, so no conv figure.
const wasm: BackendProbe = { backend: 'wasm', available: true, software: false, examplesPerSecond: { 'dense-training': 9000, inference: 40000 } };
// WASM with wasm-kernels/ registered: conv training measured (course CNN).
const wasmConv: BackendProbe = {
  ...wasm, examplesPerSecond: { ...wasm.examplesPerSecond, 'conv-training': 350 },
  wasmFeatures: { simd: true, threads: true, threadCount: 2, convKernels: true },
};

describe('renderer detection', () => {
  it('recognises software renderers', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Google Inc. (Google) swiftshader')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(undefined)).toBe(false);
  });
});

describe('chooseBackend', () => {
  it('with a real GPU, picks the GPU backends for all work when they measure fastest', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: false, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)', examplesPerSecond: { 'dense-training': 30000, 'conv-training': 5000, inference: 200000 } };
    const webgpu: BackendProbe = { backend: 'webgpu', available: true, software: false, renderer: 'nvidia ampere', examplesPerSecond: { 'dense-training': 40000, 'conv-training': 8000, inference: 250000 } };
    const choices = chooseAll(report([webgpu, webgl, wasm, cpu]));
    expect(choices['dense-training'].backend).toBe('webgpu');
    expect(choices['conv-training'].backend).toBe('webgpu');
    expect(choices['conv-training'].reason).toBe('WebGPU · GPU: nvidia ampere');
    expect(choices.inference.backend).toBe('webgpu');
  });

  it('on a software GPU with stock WASM, trains dense nets on WASM and conv nets on CPU, and says why', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: true, renderer: SWIFTSHADER, examplesPerSecond: { 'dense-training': 400, inference: 3000 }, skipped: { 'conv-training': 'skipped: software renderer' } };
    const webgpu: BackendProbe = { backend: 'webgpu', available: true, software: true, renderer: 'google swiftshader', examplesPerSecond: { 'dense-training': 300, inference: 2500 } };
    const choices = chooseAll(report([webgpu, webgl, wasm, cpu]));
    expect(choices['dense-training'].backend).toBe('wasm');
    expect(choices['dense-training'].reason).toMatch(/^WASM · no GPU found \(WebGPU and WebGL run as software graphics on the processor here\)$/);
    expect(choices['conv-training'].backend).toBe('cpu');
    expect(choices['conv-training'].reason).toContain('WASM cannot train conv nets here');
    expect(choices.inference.backend).toBe('wasm');
  });

  it('on a software GPU with the WASM conv kernels, trains conv nets on WASM too', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: true, renderer: SWIFTSHADER, examplesPerSecond: { 'dense-training': 400, inference: 3000 }, skipped: { 'conv-training': 'skipped: software renderer' } };
    const cpuSkipped: BackendProbe = { ...cpu, examplesPerSecond: { 'dense-training': 900, inference: 4000 }, skipped: { 'conv-training': 'skipped: WASM trains conv nets far faster' } };
    const choices = chooseAll(report([webgl, wasmConv, cpuSkipped]));
    expect(choices['conv-training'].backend).toBe('wasm');
    expect(choices['conv-training'].reason).toBe('WASM · no GPU found (WebGL runs as software graphics on the processor here)');
    expect(choices['dense-training'].backend).toBe('wasm');
  });

  it('with a real GPU that measures faster, conv training still goes to the GPU', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: false, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)', examplesPerSecond: { 'dense-training': 30000, 'conv-training': 4000, inference: 200000 } };
    const choice = chooseBackend(report([webgl, wasmConv, cpu]), 'conv-training');
    expect(choice.backend).toBe('webgl');
    expect(choice.reason).toBe('WebGL · GPU: ANGLE (NVIDIA GeForce RTX 3060)');
  });

  it('with a weak GPU that measures slower than WASM for conv training, picks WASM and says so', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: false, renderer: 'Intel HD 4000', examplesPerSecond: { 'conv-training': 120 } };
    const choice = chooseBackend(report([webgl, wasmConv, cpu]), 'conv-training');
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe('WASM · faster here than the GPU (350 vs 120 examples/s)');
  });

  it('with the WASM conv kernels registered but conv not measured, ranks WASM above CPU for conv training', () => {
    const unmeasured: BackendProbe = { ...wasmConv, examplesPerSecond: { 'dense-training': 9000 } };
    const bareCpu: BackendProbe = { backend: 'cpu', available: true, software: false, examplesPerSecond: {} };
    expect(chooseBackend(report([unmeasured, bareCpu]), 'conv-training').backend).toBe('wasm');
    const stock: BackendProbe = { ...unmeasured, wasmFeatures: { simd: true, threads: true } };
    expect(chooseBackend(report([stock, bareCpu]), 'conv-training').backend).toBe('cpu');
  });

  it('without WebGPU (and a failed WebGL), still picks by measurement', () => {
    const webgpu: BackendProbe = { backend: 'webgpu', available: false, software: false, error: "Backend name 'webgpu' not found", examplesPerSecond: {} };
    const webgl: BackendProbe = { backend: 'webgl', available: false, software: false, error: 'no context', examplesPerSecond: {} };
    const choice = chooseBackend(report([webgpu, webgl, wasm, cpu]), 'dense-training');
    expect(choice).toEqual({ kind: 'dense-training', backend: 'wasm', forced: false, reason: 'WASM · no GPU found' });
  });

  it('prefers the faster backend even over a hardware GPU', () => {
    const webgl: BackendProbe = { backend: 'webgl', available: true, software: false, renderer: 'Intel HD 4000', examplesPerSecond: { 'dense-training': 3000 } };
    const choice = chooseBackend(report([webgl, wasm, cpu]), 'dense-training');
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe('WASM · faster here than the GPU (9,000 vs 3,000 examples/s)');
  });

  it('picks WASM for conv training only when it could run it, and then by measurement', () => {
    expect(chooseBackend(report([wasm, cpu]), 'conv-training').backend).toBe('cpu');
    expect(chooseBackend(report([wasmConv, cpu]), 'conv-training').backend).toBe('wasm');
    const slowWasm: BackendProbe = { ...wasmConv, examplesPerSecond: { 'conv-training': 50 } };
    expect(chooseBackend(report([slowWasm, cpu]), 'conv-training').backend).toBe('cpu');
  });

  it('ranks unmeasured backends GPU > WASM > software GPU > CPU', () => {
    const bare = (backend: BackendProbe['backend'], software = false): BackendProbe => ({ backend, available: true, software, examplesPerSecond: {} });
    expect(chooseBackend(report([bare('cpu'), bare('wasm'), bare('webgl', true)]), 'inference').backend).toBe('wasm');
    expect(chooseBackend(report([bare('cpu'), bare('wasm'), bare('webgl')]), 'inference').backend).toBe('webgl');
    expect(chooseBackend(report([bare('cpu'), bare('webgl', true)]), 'inference').backend).toBe('webgl');
    expect(chooseBackend(report([]), 'inference').backend).toBe('cpu');
  });

  it('honours ?backend= when possible and explains when not', () => {
    const r = report([wasm, cpu]);
    expect(chooseBackend(r, 'dense-training', 'cpu')).toMatchObject({ backend: 'cpu', forced: true, reason: 'CPU · chosen with ?backend=cpu' });
    const conv = chooseBackend(r, 'conv-training', 'wasm');
    expect(conv).toMatchObject({ backend: 'cpu', forced: false });
    expect(conv.reason).toBe('CPU · ?backend=wasm ignored: its conv training kernels (Conv2DBackpropFilter) are not registered');
    expect(chooseBackend(report([wasmConv, cpu]), 'conv-training', 'wasm')).toMatchObject({ backend: 'wasm', forced: true });
    expect(chooseBackend(r, 'dense-training', 'webgpu').reason).toBe('WASM · ?backend=webgpu ignored: it is not available here');
  });
});

describe('parseBackendOverride and cache freshness', () => {
  it('parses only known backends', () => {
    expect(parseBackendOverride('?backend=wasm')).toBe('wasm');
    expect(parseBackendOverride('?x=1&backend=WebGL')).toBe('webgl');
    expect(parseBackendOverride('?backend=tpu')).toBeNull();
    expect(parseBackendOverride('')).toBeNull();
  });
  it('rejects stale, foreign and malformed reports', () => {
    const r = report([cpu]);
    expect(isReportFresh(r, 'test', 2000)).toBe(true);
    expect(isReportFresh(r, 'other browser', 2000)).toBe(false);
    expect(isReportFresh({ ...r, version: PROBE_VERSION + 1 }, 'test', 2000)).toBe(false);
    expect(isReportFresh(r, 'test', 1000 + 8 * 24 * 3600 * 1000)).toBe(false);
    expect(isReportFresh({ ...r, probes: [{ backend: 'tpu' }] }, 'test', 2000)).toBe(false);
    expect(isReportFresh('nonsense', 'test', 2000)).toBe(false);
  });
});
