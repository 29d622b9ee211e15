import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseEvent, parseRequest, type EventPayload, type StartPayload, type WorkerRequest } from '../../../src/lib/workers/protocol';

const start: StartPayload = {
  task: 'classifier', model: 'dense-784-128-10', hyper: { learningRate: 0.001, batchSize: 64, epochs: 1 }, seed: 1,
  backend: 'auto', data: { kind: 'synthetic', count: 100 }, baseUrl: '',
};

describe('protocol', () => {
  it('types messages as discriminated unions', () => {
    expectTypeOf<Extract<WorkerRequest, { type: 'start' }>['payload']>().toEqualTypeOf<StartPayload>();
    expectTypeOf<EventPayload<'error'>>().toEqualTypeOf<{ message: string }>();
    expectTypeOf<EventPayload<'progress'>>().toHaveProperty('etaSeconds').toEqualTypeOf<number>();
    // @ts-expect-error: 'launch' is not a request type
    const bad: WorkerRequest = { type: 'launch', payload: {} };
    expect(bad).toBeDefined();
  });

  it('accepts well-formed requests', () => {
    for (const message of [
      { type: 'start', payload: start },
      { type: 'start', payload: { ...start, backend: 'wasm', maxSeconds: 2, data: { kind: 'bytes', images: new Uint8Array(784 * 2), labels: new Uint8Array(2) } } },
      { type: 'start', payload: { ...start, data: { kind: 'dataset', dataset: 'fashion-mnist', split: 'train', limit: 1000 } } },
      { type: 'probe', payload: { force: false, baseUrl: '/x' } },
      { type: 'stop', payload: {} },
      { type: 'resume', payload: {} },
    ]) {
      expect(parseRequest(message), JSON.stringify(message.payload).slice(0, 80)).toMatchObject({ ok: true });
    }
  });

  it.each([
    ['not an object', 'start', /expected an object/],
    [null, '', /expected an object/],
    [{ type: 'start' }, '', /needs an object payload/],
    [{ type: 'launch', payload: {} }, '', /unknown type "launch"/],
    [{ type: 'start', payload: { ...start, model: 'resnet' } }, '', /model/],
    // A stale page's message in the shape before tasks had modules: refused with a reason, no crash.
    [{ type: 'start', payload: { ...start, task: undefined, options: { hiddenUnits: 8 } } }, '', /task/],
    [{ type: 'start', payload: { ...start, task: 'vae-2000' } }, '', /task/],
    [{ type: 'start', payload: { ...start, seed: -1 } }, '', /seed/],
    [{ type: 'start', payload: { ...start, seed: 1.5 } }, '', /seed/],
    [{ type: 'start', payload: { ...start, backend: 'tpu' } }, '', /backend/],
    [{ type: 'start', payload: { ...start, hyper: { ...start.hyper, batchSize: 0 } } }, '', /batchSize/],
    [{ type: 'start', payload: { ...start, hyper: { ...start.hyper, learningRate: Number.NaN } } }, '', /learningRate/],
    [{ type: 'start', payload: { ...start, hyper: { ...start.hyper, epochs: 1e9 } } }, '', /epochs/],
    [{ type: 'start', payload: { ...start, data: { kind: 'bytes', images: new Uint8Array(10), labels: new Uint8Array(2) } } }, '', /784 bytes per label/],
    [{ type: 'start', payload: { ...start, data: { kind: 'bytes', images: [1, 2], labels: [1] } } }, '', /Uint8Array/],
    [{ type: 'start', payload: { ...start, data: { kind: 'dataset', dataset: 'cifar', split: 'train', limit: 5 } } }, '', /dataset/],
    [{ type: 'start', payload: { ...start, data: { kind: 'synthetic', count: 1e9 } } }, '', /count/],
    [{ type: 'start', payload: { ...start, maxSeconds: -3 } }, '', /maxSeconds/],
    [{ type: 'probe', payload: { force: 'yes', baseUrl: '' } }, '', /force/],
  ])('rejects %j', (message, _unused, error) => {
    const parsed = parseRequest(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('checks worker events', () => {
    expect(parseEvent({ type: 'progress', payload: {} }).ok).toBe(true);
    expect(parseEvent({ type: 'bogus', payload: {} }).ok).toBe(false);
    expect(parseEvent(42).ok).toBe(false);
  });
});
