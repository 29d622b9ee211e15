/**
 * The record of a stored model (test predictions included), kept fresh: read on mount and again
 * whenever a training cell on the page saves under the same key.
 */
import { browserModelStore, onModelSaved, type ModelRecord } from '../../lib/ml/model-store';

export class StoredRecord {
  record = $state<ModelRecord | null>(null);
  loaded = $state(false);

  constructor(readonly key: string) {}

  /** Starts loading and listening; returns the cleanup for onMount. */
  start(): () => void {
    void this.refresh();
    return onModelSaved((key) => {
      if (key === this.key) void this.refresh();
    });
  }

  async refresh(): Promise<void> {
    try {
      this.record = (await browserModelStore()?.get(this.key)) ?? null;
    } catch {
      this.record = null;
    }
    this.loaded = true;
  }
}
