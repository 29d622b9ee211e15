/**
 * Continuing an interrupted run from its per-epoch checkpoint (a reload, a closed tab, a backend
 * that died): the settings it ran with, where it starts, and the epochs it already finished, so
 * the curves show each epoch exactly once. Pure functions of the stored record.
 */
import { isBackendName, type BackendName } from '../../lib/ml/backends';
import { recordSettings } from '../../lib/tasks/cells';
import type { ModelRecord } from '../../lib/tasks/record';
import type { EpochPayload, StartPayload } from '../../lib/workers/protocol';
import type { CellSettings } from './settings';

/** Model-store key of a cell's checkpoint. */
export const checkpointKeyOf = (storeKey: string): string => `${storeKey}-checkpoint`;

/** True for a record that is an unfinished run's checkpoint. */
export const isCheckpoint = (c: ModelRecord | null | undefined): c is ModelRecord & { totalEpochs: number } => !!c?.totalEpochs;

/** The settings the checkpointed run used (the reader's other settings stay). */
export function settingsOf(settings: CellSettings, c: ModelRecord & { totalEpochs: number }): CellSettings {
  return {
    ...settings, epochs: c.totalEpochs, batchSize: c.hyper.batchSize, learningRate: c.hyper.learningRate, trainSize: c.trainExamples, seed: c.seed, dataset: c.dataset,
    ...recordSettings(c),
  };
}

/** True when the checkpoint was written by a run with exactly these settings. */
export function sameRun(run: CellSettings, c: ModelRecord & { totalEpochs: number }): boolean {
  const keys = ['epochs', 'batchSize', 'learningRate', 'trainSize', 'seed', 'dataset'] as const;
  const resumed = settingsOf(run, c);
  return keys.every((k) => resumed[k] === run[k]);
}

/** Start the run from the checkpoint's weights, after its last finished epoch. */
export function resumeRequest(c: ModelRecord, key: string): Pick<StartPayload, 'initialWeights' | 'startEpoch'> {
  return { initialWeights: { kind: 'store', key }, startEpoch: c.epochs };
}

/** The epochs the checkpointed run finished, as the curves' per-epoch points. */
export function finishedEpochs(c: ModelRecord & { totalEpochs: number }): EpochPayload[] {
  return c.history.filter((e) => e.epoch <= c.epochs).map((e) => ({ ...e, epochs: c.totalEpochs, backend: isBackendName(c.backend) ? c.backend : 'cpu' }));
}

/** Where a run goes when its backend fails: GPU → WASM → CPU; null when nothing is left. */
export function fallbackBackend(failed: BackendName | undefined): BackendName | null {
  if (failed === 'cpu') return null;
  return failed === 'wasm' ? 'cpu' : 'wasm';
}
