/**
 * What a training cell reads before any run: the model it stored earlier (a reload keeps it),
 * an unfinished run's checkpoint, and the reference run shipped with the pretrained weights.
 * Failures only lose decoration or the offer to continue: the cell still trains.
 */
import { browserModelStore, type ModelRecord } from '../../lib/ml/model-store';
import { checkpointKeyOf } from './checkpoint';
import type { ReferenceRun } from './types';

export async function readStored(storeKey: string): Promise<{ stored: ModelRecord | null; checkpoint: ModelRecord | null }> {
  try {
    const store = browserModelStore();
    return { stored: (await store?.get(storeKey)) ?? null, checkpoint: (await store?.get(checkpointKeyOf(storeKey))) ?? null };
  } catch {
    return { stored: null, checkpoint: null }; // storage blocked
  }
}

export async function removeCheckpoint(storeKey: string): Promise<void> {
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
