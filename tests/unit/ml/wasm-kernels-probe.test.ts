// The backend probe in Node with the WASM conv kernels registered: it measures conv training on
// WASM (the course CNN), skips the far slower plain-JS CPU for it, and the choice follows.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { chooseBackend } from '../../../src/lib/ml/backends';
import { measureThroughput, probeBackends } from '../../../src/lib/ml/probe';
import { registerWasmConvKernels, unregisterWasmConvKernels } from '../../../src/lib/ml/wasm-kernels';

describe('probe with the WASM conv kernels', () => {
  afterAll(async () => {
    registerWasmConvKernels();
    await tf.setBackend('cpu');
  });

  it('measures conv training on WASM and picks it over CPU', async () => {
    registerWasmConvKernels();
    const report = await probeBackends({ backends: ['wasm', 'cpu'], kinds: ['conv-training'], budgetMs: 100 });
    const [wasm, cpu] = report.probes;
    expect(wasm!.wasmFeatures?.convKernels).toBe(true);
    expect(wasm!.examplesPerSecond['conv-training']).toBeGreaterThan(0);
    expect(cpu!.examplesPerSecond['conv-training']).toBeUndefined();
    expect(cpu!.skipped?.['conv-training']).toMatch(/WASM trains conv nets far faster/);
    expect(chooseBackend(report, 'conv-training').backend).toBe('wasm');
  });

  it('without them, reports WASM conv training as unsupported and measures CPU', async () => {
    unregisterWasmConvKernels();
    const report = await probeBackends({ backends: ['wasm', 'cpu'], kinds: ['conv-training'], budgetMs: 0 });
    const [wasm, cpu] = report.probes;
    expect(wasm!.wasmFeatures?.convKernels).toBe(false);
    expect(wasm!.skipped?.['conv-training']).toMatch(/^unsupported: .*Conv2DBackpropFilter/);
    expect(cpu!.examplesPerSecond['conv-training']).toBeGreaterThan(0);
    expect(chooseBackend(report, 'conv-training').backend).toBe('cpu');
  });

  it('WASM with the kernels trains the course CNN many times faster than CPU', async () => {
    registerWasmConvKernels();
    await tf.setBackend('wasm');
    const wasm = await measureThroughput('conv-training', 300, { batch: 8 });
    await tf.setBackend('cpu');
    const cpu = await measureThroughput('conv-training', 0, { batch: 4, minSteps: 1, warmUp: false });
    console.log(`course CNN training in Node: WASM ${wasm.toFixed(0)} examples/s, CPU ${cpu.toFixed(1)} examples/s`);
    expect(wasm).toBeGreaterThan(10 * cpu);
  });
});
