/** The β experiment's rows: shipped references, then the reader's runs as they are logged. */
import { onRunLogged, readPageRuns } from '../../lib/ml/run-log';
import { parseBetaReference, readerRows, type BetaRow } from './experiment';

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

export class BetaExperimentState {
  reference = $state<BetaRow[]>([]);
  yours = $state<BetaRow[]>([]);
  loaded = $state(false);
  readonly rows = $derived([...this.reference, ...this.yours]);

  constructor(private readonly storeKey: string) {}

  mount(): () => void {
    this.refresh();
    void fetch(`${BASE}models/vae-mnist/beta-experiment.json`).then((r) => r.json()).then((j: unknown) => (this.reference = parseBetaReference(j)), () => undefined)
      .finally(() => (this.loaded = true));
    return onRunLogged((key) => { if (key === this.storeKey) this.refresh(); });
  }

  private refresh(): void {
    this.yours = readerRows(readPageRuns(), this.storeKey);
  }
}
