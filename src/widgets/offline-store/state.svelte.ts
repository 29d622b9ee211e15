/**
 * "Use the course offline": what is stored on this device (the service worker's copy of the
 * site; each data set's shards), the browser's storage estimate and persistence, and storing or
 * removing the data sets on purpose, with progress and Cancel. The work is lib/data/offline-store.ts.
 */
import { formatMegabytes } from '../../lib/data/format';
import { isOffline } from '../../lib/data/loader';
import { datasetStorage, removeStoredDatasets, storeAllDatasets, type DatasetStorage, type StoreProgress } from '../../lib/data/offline-store';

export type SiteCopy = 'ready' | 'installing' | 'none' | 'unsupported';

/** What scripts/build-service-worker.ts writes to offline-sizes.json: the site copy's size and each shipped network's. */
export interface SiteSizes { siteBytes: number; models: Array<{ folder: string; bytes: number }> }

function isSiteSizes(v: unknown): v is SiteSizes {
  const o = v as SiteSizes | null;
  return typeof o?.siteBytes === 'number' && Array.isArray(o.models) && o.models.every((m) => typeof m?.folder === 'string' && typeof m.bytes === 'number');
}

export class OfflineStoreState {
  datasets = $state.raw<DatasetStorage[]>([]);
  busy = $state<'loading' | 'storing' | 'removing' | null>('loading');
  progress = $state.raw<StoreProgress | null>(null);
  message = $state('');
  warning = $state(false);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  site = $state<SiteCopy>('none');
  sizes = $state.raw<SiteSizes | null>(null);

  private controller: AbortController | null = null;

  /** `siteBase`: the site's root ('/'); the data lives under its data/ folder. */
  constructor(readonly siteBase: string) {}

  get baseUrl(): string { return `${this.siteBase}data/`; }

  get totalBytes(): number { return this.datasets.reduce((n, d) => n + d.totalBytes, 0); }
  get storedBytes(): number { return this.datasets.reduce((n, d) => n + d.storedBytes, 0); }
  get allStored(): boolean { return this.datasets.length > 0 && this.storedBytes === this.totalBytes; }

  async refresh(): Promise<void> {
    try {
      this.datasets = await datasetStorage({ baseUrl: this.baseUrl });
    } catch (error) {
      this.say(`The list of data sets could not be read: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    const storage = globalThis.navigator?.storage;
    try {
      const estimate = await storage?.estimate?.();
      this.usage = estimate?.usage ?? null;
      this.quota = estimate?.quota ?? null;
      this.persisted = (await storage?.persisted?.()) ?? null;
    } catch { /* no estimate in this browser */ }
    this.site = await siteCopy();
    if (!this.sizes) await this.loadSizes();
    if (this.busy === 'loading') this.busy = null;
  }

  /** The build's offline-sizes.json: fixed for a deployment, so read once, not on every refresh. */
  private async loadSizes(): Promise<void> {
    try {
      const response = await fetch(`${this.siteBase}offline-sizes.json`);
      const json: unknown = response.ok ? await response.json() : null;
      this.sizes = isSiteSizes(json) ? json : null;
    } catch { /* a dev server has no such file: the sizes are then not listed */ }
  }

  async store(): Promise<void> {
    if (this.busy) return;
    if (isOffline()) {
      this.say('This device is offline. Connect to the internet to download the data sets.', true);
      return;
    }
    this.busy = 'storing';
    this.say('');
    this.controller = new AbortController();
    // Ask the browser not to clear the data when space runs low; it may say no, and the data is stored either way.
    try { this.persisted = (await navigator.storage?.persist?.()) ?? this.persisted; } catch { /* not offered */ }
    const before = this.storedBytes;
    let failure: unknown = null;
    try {
      await storeAllDatasets({ baseUrl: this.baseUrl, signal: this.controller.signal, onProgress: (p) => (this.progress = p) });
    } catch (error) {
      failure = error;
    }
    this.controller = null;
    this.progress = null;
    await this.refresh();
    this.busy = null;
    const stored = formatMegabytes(this.storedBytes);
    if (failure instanceof DOMException && failure.name === 'AbortError') {
      this.say(`Cancelled. What was already stored (${stored} of ${formatMegabytes(this.totalBytes)}) stays, and lessons use it.`, false);
    } else if (failure) {
      this.say(`The download stopped: ${failure instanceof Error ? failure.message : String(failure)} What was already stored (${stored}) stays, and lessons use it.`, true);
    } else if (!this.allStored) {
      this.say(`This browser's storage is full: ${stored} of ${formatMegabytes(this.totalBytes)} could be stored (${formatMegabytes(this.storedBytes - before)} now). Lessons use what is stored; free some space and try again for the rest.`, true);
    } else {
      this.say(`Both data sets are stored (${stored}). Every training cell now works offline.`, false);
    }
  }

  cancel(): void {
    this.controller?.abort(new DOMException('Cancelled', 'AbortError'));
  }

  async remove(): Promise<void> {
    if (this.busy) return;
    this.busy = 'removing';
    try {
      await removeStoredDatasets();
      this.say('The stored data sets were removed. Lessons download what they need again when online.', false);
    } catch (error) {
      this.say(`They could not be removed: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    await this.refresh();
    this.busy = null;
  }

  private say(text: string, warning = false): void {
    this.message = text;
    this.warning = warning;
  }
}

async function siteCopy(): Promise<SiteCopy> {
  const workers = globalThis.navigator?.serviceWorker;
  if (!workers) return 'unsupported';
  try {
    const registration = await workers.getRegistration();
    if (registration?.active) return 'ready';
    return registration?.installing || registration?.waiting ? 'installing' : 'none';
  } catch {
    return 'unsupported';
  }
}
