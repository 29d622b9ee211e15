// A GPU backend on a software renderer is listed but never started: starting and measuring it
// queues seconds of work in the browser's shared GPU process. Node has no WebGL, so the detection
// is faked; starting WebGL in Node fails, which tells whether the probe tried.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../src/lib/ml/backends';
import { SOFTWARE_GPU_SKIPPED, probeBackends, type GpuInfo } from '../../../src/lib/ml/probe';

const detect = (webgl: GpuInfo) => ({ webgl: () => webgl, webgpu: async () => null });
const SWIFTSHADER: GpuInfo = { renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', software: true };
const HARDWARE: GpuInfo = { renderer: 'ANGLE (NVIDIA GeForce RTX 3060)', software: false };

describe('probe on a software GPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lists the software WebGL as available without starting or measuring it', async () => {
    const report = await probeBackends({ backends: ['webgl', 'cpu'], kinds: ['dense-training'], budgetMs: 0, detect: detect(SWIFTSHADER) });
    const [webgl, cpu] = report.probes;
    expect(webgl).toMatchObject({ backend: 'webgl', available: true, software: true, renderer: SWIFTSHADER.renderer, examplesPerSecond: {} });
    expect(webgl!.initMs).toBeUndefined();
    expect(webgl!.skipped?.['dense-training']).toBe(SOFTWARE_GPU_SKIPPED);
    expect(cpu!.examplesPerSecond['dense-training']).toBeGreaterThan(0);
    // The measured CPU wins the choice; ?backend=webgl is still honoured.
    expect(chooseBackend(report, 'dense-training').backend).toBe('cpu');
    expect(chooseBackend(report, 'dense-training', 'webgl')).toMatchObject({ backend: 'webgl', forced: true });
  });

  it('starts a hardware GPU backend (which fails in Node), so the skip above is the renderer check', async () => {
    const report = await probeBackends({ backends: ['webgl'], kinds: ['dense-training'], budgetMs: 0, detect: detect(HARDWARE) });
    expect(report.probes[0]).toMatchObject({ backend: 'webgl', available: false, software: false });
    expect(report.probes[0]!.initMs).toBeGreaterThanOrEqual(0);
  });

  it('measures a software GPU only when asked to', async () => {
    const report = await probeBackends({ backends: ['webgl'], kinds: ['dense-training'], budgetMs: 0, detect: detect(SWIFTSHADER), measureSoftwareGpu: true });
    expect(report.probes[0]!.initMs).toBeGreaterThanOrEqual(0);
    expect(report.probes[0]!.skipped?.['dense-training']).not.toBe(SOFTWARE_GPU_SKIPPED);
  });
});
