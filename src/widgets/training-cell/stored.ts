/**
 * What a training cell reads before any run: the model it stored earlier (a reload keeps it),
 * an unfinished run's checkpoint, and the reference run shipped with the pretrained weights.
 * Failures only lose decoration or the offer to continue: the cell still trains.
 */
import { storedRecord } from '../../lib/ml/record-store';
import type { ModelRecord } from '../../lib/tasks/record';
import { checkpointKeyOf } from './checkpoint';
import type { ReferenceRun } from './types';

export async function readStored(storeKey: string): Promise<{ stored: ModelRecord | null; checkpoint: ModelRecord | null }> {
  try {
    return { stored: (await storedRecord(storeKey)) ?? null, checkpoint: (await storedRecord(checkpointKeyOf(storeKey))) ?? null };
  } catch {
    return { stored: null, checkpoint: null }; // storage blocked
  }
}

export async function removeCheckpoint(storeKey: string): Promise<void> {
  // Removing weights needs tf.io: tfjs loads here only, not with the cell.
  const { browserModelStore } = await import('../../lib/ml/model-store');
  await browserModelStore()?.remove(checkpointKeyOf(storeKey)).catch(() => undefined);
}

/** The reference curve (this cell's defaults, trained offline) drawn under the reader's; null when absent. */
export async function fetchReference(baseUrl: string, pretrained: string): Promise<ReferenceRun | null> {
  try {
    const response = await fetch(`${baseUrl}/${pretrained}/reference.json`);
    return response.ok ? ((await response.json()) as ReferenceRun) : null;
  } catch {
    return null;
  }
}
