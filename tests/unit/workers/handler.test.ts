import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createTrainingHandler } from '../../../src/lib/workers/handler';
import { probeBackends } from '../../../src/lib/ml/probe';
import type { StartPayload, WorkerEvent } from '../../../src/lib/workers/protocol';
import { TrainingClient, type WorkerLike } from '../../../src/lib/workers/training-client';
import { syntheticImages } from '../../../src/lib/ml/synthetic';

const START: StartPayload = {
  task: 'classifier', model: 'dense-784-128-10', hyper: { learningRate: 0.005, batchSize: 32, epochs: 2 }, seed: 3,
  backend: 'cpu', data: { kind: 'synthetic', count: 320 }, baseUrl: '',
};

function harness() {
  const events: WorkerEvent[] = [];
  const handle = createTrainingHandler({
    post: (e) => events.push(e), progressIntervalMs: 0,
    probe: (options) => probeBackends({ ...options, backends: ['webgl', 'wasm', 'cpu'], budgetMs: 30 }),
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return { events, handle, of };
}

describe('training worker handler (in Node, real tfjs)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains, reports falling loss, and leaves no tensors behind', async () => {
    const { handle, of } = harness();
    await handle({ type: 'start', payload: { ...START, data: { kind: 'synthetic', count: 64 }, hyper: { ...START.hyper, epochs: 1 } } }); // warm-up
    const before = tf.memory().numTensors;
    await handle({ type: 'start', payload: START });
    expect(tf.memory().numTensors).toBe(before);
    expect(of('started').at(-1)!.payload).toMatchObject({ backend: 'cpu', examples: 320, batches: 10 });
    const progress = of('progress').slice(-20);
    expect(progress.map((p) => [p.payload.epoch, p.payload.batch])).toEqual(Array.from({ length: 20 }, (_, i) => [Math.floor(i / 10) + 1, (i % 10) + 1]));
    const done = of('done').at(-1)!.payload;
    expect(done.outcome).toBe('completed');
    expect(done.batchLosses.at(-1)!).toBeLessThan(done.batchLosses[0]!);
    expect(done.timings.trainMs).toBeGreaterThan(0);
  });

  it('refuses a second start while running, stops, resumes, and frees memory', async () => {
    const { handle, of } = harness();
    const before = tf.memory().numTensors;
    const first = handle({ type: 'start', payload: { ...START, hyper: { ...START.hyper, epochs: 50 } } });
    await new Promise((r) => setTimeout(r, 100));
    await handle({ type: 'start', payload: START });
    expect(of('error').at(-1)!.payload.message).toMatch(/already in progress/);
    await handle({ type: 'stop', payload: {} });
    await first;
    const stopped = of('stopped');
    expect(stopped).toHaveLength(1);
    const next = stopped[0]!.payload.next;
    const eventsAtStop = of('progress').length;
    const resumed = handle({ type: 'resume', payload: {} });
    await new Promise((r) => setTimeout(r, 50));
    // The first report after resuming is the batch right after the stop (both 1-based in reports).
    const firstAfter = of('progress')[eventsAtStop]!.payload;
    expect([firstAfter.epoch, firstAfter.batch]).toEqual(next.batch === 0 ? [next.epoch + 1, 1] : [next.epoch + 1, next.batch + 1]);
    await handle({ type: 'stop', payload: {} });
    await resumed;
    expect(of('stopped')).toHaveLength(2);
    // A new start abandons the stopped run and frees its tensors.
    await handle({ type: 'start', payload: { ...START, hyper: { ...START.hyper, epochs: 1 } } });
    expect(of('done')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('answers malformed messages with an error and keeps working', async () => {
    const { handle, of } = harness();
    await handle({ type: 'start', payload: { ...START, seed: 'x' } });
    await handle('garbage');
    await handle({ type: 'resume', payload: {} });
    expect(of('error').map((e) => e.payload.message)).toEqual([
      expect.stringMatching(/Malformed start message: seed/),
      expect.stringMatching(/Malformed message/),
      'There is no stopped run to resume',
    ]);
    await handle({ type: 'start', payload: { ...START, hyper: { ...START.hyper, epochs: 1 } } });
    expect(of('done')).toHaveLength(1);
  });

  it('refuses a dataset source without a loader; a forced backend this machine lacks falls back, saying so', async () => {
    const { handle, of } = harness();
    await handle({ type: 'start', payload: { ...START, data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: 100 } } });
    expect(of('error').map((e) => e.payload.message)).toEqual([expect.stringMatching(/send the examples as bytes/)]);
    await handle({ type: 'start', payload: { ...START, backend: 'webgpu' } });
    expect(of('error')).toHaveLength(1);
    const started = of('started').at(-1)!.payload;
    expect(started.backend).not.toBe('webgpu');
    expect(started.reason).toMatch(/WebGPU would not start here/);
    expect(of('done')).toHaveLength(1);
  });

  it('trains from transferred bytes', async () => {
    const { handle, of } = harness();
    const { images, labels } = syntheticImages(100, 4);
    await handle({ type: 'start', payload: { ...START, hyper: { ...START.hyper, epochs: 1 }, data: { kind: 'bytes', images, labels } } });
    expect(of('done').at(-1)!.payload.examplesSeen).toBe(100);
  });

  it('probes by measurement in Node (WebGL missing → WASM for dense, CPU for conv) and uses the choice', async () => {
    const { handle, of } = harness();
    await handle({ type: 'probe', payload: { force: true, baseUrl: '' } });
    const result = of('probe-result')[0]!.payload;
    expect(result.cached).toBe(false);
    const byName = Object.fromEntries(result.report.probes.map((p) => [p.backend, p]));
    expect(byName['webgl']!.available).toBe(false);
    expect(byName['wasm']!.examplesPerSecond['dense-training']).toBeGreaterThan(0);
    expect(byName['wasm']!.examplesPerSecond['conv-training']).toBeUndefined();
    expect(byName['cpu']!.examplesPerSecond['conv-training']).toBeGreaterThan(0);
    expect(result.choices['conv-training'].backend).toBe('cpu');
    expect(of('probe-progress')).toHaveLength(3);
    await handle({ type: 'start', payload: { ...START, backend: 'auto', hyper: { ...START.hyper, epochs: 1 } } });
    expect(of('started')[0]!.payload.backend).toBe(result.choices['dense-training'].backend);
    await tf.setBackend('cpu');
  });
});

describe('TrainingClient over an in-process worker', () => {
  function inProcessWorker(): WorkerLike {
    const listeners: Array<(e: MessageEvent<unknown>) => void> = [];
    const handle = createTrainingHandler({
      post: (e) => setTimeout(() => listeners.forEach((l) => l({ data: structuredClone(e) } as MessageEvent<unknown>))),
      probe: (options) => probeBackends({ ...options, backends: ['cpu'], budgetMs: 20 }),
    });
    return {
      postMessage: (m) => void handle(m),
      addEventListener: (_t, l) => listeners.push(l),
      terminate: () => undefined,
    };
  }

  it('runs one training at a time, with typed callbacks, and caches the probe', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const client = new TrainingClient({ baseUrl: '', createWorker: inProcessWorker, storage });
    const probe = await client.probe();
    expect(probe.choices['dense-training'].backend).toBe('cpu');
    expect(store.size).toBe(1);
    expect((await client.probe()).cached).toBe(true);

    const losses: number[] = [];
    client.on('progress', (p) => losses.push(p.loss));
    const done = new Promise((resolve) => client.on('done', resolve));
    client.start({ ...START, backend: 'auto' });
    expect(() => client.start(START)).toThrow(/already in progress/);
    await done;
    expect(client.state).toBe('idle');
    expect(losses.length).toBeGreaterThan(0);
    client.terminate();
    expect(client.state).toBe('terminated');
    expect(() => client.start(START)).toThrow(/terminated/);
  });
});
