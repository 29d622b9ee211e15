import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_PHASE_FACTOR, StallWatchdog } from '../../../../src/widgets/training-cell/watchdog';
import { fallbackBackend, finishedEpochs, isCheckpoint, resumeRequest, sameRun, settingsOf } from '../../../../src/widgets/training-cell/checkpoint';
import { isContextLoss } from '../../../../src/widgets/training-cell/messages';
import { DEFAULT_SETTINGS } from '../../../../src/widgets/training-cell/settings';
import type { ModelRecord } from '../../../../src/lib/ml/model-store';

describe('stall watchdog', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  const make = (state: { watching: boolean; hidden: boolean; quiet: boolean }) => {
    const onStall = vi.fn();
    const dog = new StallWatchdog({ stallMs: 1000, watching: () => state.watching, hidden: () => state.hidden, quiet: () => state.quiet, onStall });
    return { dog, onStall };
  };

  it('fires once after stallMs of silence while watching and visible, not while messages arrive', () => {
    const { dog, onStall } = make({ watching: true, hidden: false, quiet: false });
    dog.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(500);
      dog.touch();
    }
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1400);
    expect(onStall).toHaveBeenCalledTimes(1);
    dog.stop();
    vi.advanceTimersByTime(10_000);
    expect(onStall).toHaveBeenCalledTimes(1);
  });

  it('never counts hidden time: a minute hidden, then visible, restarts the clock', () => {
    const state = { watching: true, hidden: true, quiet: false };
    const { dog, onStall } = make(state);
    dog.start();
    vi.advanceTimersByTime(60_000);
    expect(onStall).not.toHaveBeenCalled();
    state.hidden = false;
    vi.advanceTimersByTime(800);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onStall).toHaveBeenCalledTimes(1);
  });

  it('ignores idle cells and gives quiet phases (epoch end, warm-up) more time', () => {
    const state = { watching: false, hidden: false, quiet: true };
    const { dog, onStall } = make(state);
    dog.start();
    vi.advanceTimersByTime(30_000);
    expect(onStall).not.toHaveBeenCalled();
    state.watching = true;
    vi.advanceTimersByTime(1000 * QUIET_PHASE_FACTOR - 300);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(onStall).toHaveBeenCalledTimes(1);
  });
});

describe('checkpoint continuation', () => {
  const record: ModelRecord & { totalEpochs: number } = {
    key: 'cls-dense-checkpoint', task: 'classifier', model: 'dense-784-128-10', source: 'trained', dataset: 'fashion-mnist', trainExamples: 1000, epochs: 2, totalEpochs: 5,
    hyper: { epochs: 5, batchSize: 64, learningRate: 0.003 }, seed: 7, hiddenUnits: 64, backend: 'webgl', testAccuracy: NaN, testLoss: NaN, testExamples: 0,
    trainAccuracy: 0.7, history: [{ epoch: 1, loss: 1, accuracy: 0.6, valAccuracy: 0.62 }, { epoch: 2, loss: 0.8, accuracy: 0.7, valAccuracy: 0.71 }], savedAt: '2026-11-23T00:00:00Z',
  };

  it('restores the run\'s settings, starts after its last epoch, and draws its finished epochs once', () => {
    expect(isCheckpoint(record)).toBe(true);
    expect(isCheckpoint({ ...record, totalEpochs: 0 })).toBe(false);
    const s = settingsOf(DEFAULT_SETTINGS, record);
    expect(s).toMatchObject({ epochs: 5, batchSize: 64, learningRate: 0.003, trainSize: 1000, seed: 7, hiddenUnits: 64 });
    expect(resumeRequest(record, 'cls-dense-checkpoint')).toEqual({ initialWeights: { kind: 'store', key: 'cls-dense-checkpoint' }, startEpoch: 2 });
    expect(finishedEpochs(record).map((e) => [e.epoch, e.epochs, e.backend])).toEqual([[1, 5, 'webgl'], [2, 5, 'webgl']]);
  });

  it('continues only the checkpoint of the same run', () => {
    expect(sameRun(settingsOf(DEFAULT_SETTINGS, record), record)).toBe(true);
    expect(sameRun({ ...settingsOf(DEFAULT_SETTINGS, record), seed: 8 }, record)).toBe(false);
    expect(sameRun(DEFAULT_SETTINGS, record)).toBe(false);
  });

  it('falls back GPU → WASM → CPU → nothing, and recognises context errors only on GPU backends', () => {
    expect([fallbackBackend('webgl'), fallbackBackend('webgpu'), fallbackBackend('wasm'), fallbackBackend('cpu')]).toEqual(['wasm', 'wasm', 'cpu', null]);
    expect(isContextLoss('WebGL context lost', 'webgl')).toBe(true);
    expect(isContextLoss('WebGL context lost', 'wasm')).toBe(false);
    expect(isContextLoss('Out of memory', 'webgl')).toBe(false);
  });
});
