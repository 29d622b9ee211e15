/**
 * The record of a stored model (test predictions included), kept fresh: read on mount and again
 * whenever a training cell on the page saves under the same key.
 */
import { storedRecord } from '../../lib/ml/record-store';
import { onModelSaved } from '../../lib/ml/model-events';
import type { ModelRecord } from '../../lib/tasks/record';

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
      this.record = (await storedRecord(this.key)) ?? null;
    } catch {
      this.record = null;
    }
    this.loaded = true;
  }
}
