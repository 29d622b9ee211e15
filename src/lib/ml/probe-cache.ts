/**
 * Keeps the probe report between pages so each page does not spend a second measuring.
 * Stored under a versioned key; a report from another PROBE_VERSION, another browser
 * (user agent) or older than a week is ignored. Storage failures (private mode, quota) are
 * harmless: the report is then measured again.
 */
import { PROBE_VERSION, isReportFresh, type ProbeReport } from './backends';

export const PROBE_CACHE_KEY = `bottleneck.backend-probe.v${PROBE_VERSION}`;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadCachedReport(storage: StorageLike | null | undefined, userAgent: string, now = Date.now()): ProbeReport | null {
  try {
    const raw = storage?.getItem(PROBE_CACHE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isReportFresh(parsed, userAgent, now) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveReport(storage: StorageLike | null | undefined, report: ProbeReport): void {
  try {
    storage?.setItem(PROBE_CACHE_KEY, JSON.stringify(report));
  } catch {
    /* quota or disabled storage: the next page measures again */
  }
}

export function clearCachedReport(storage: StorageLike | null | undefined): void {
  try {
    storage?.removeItem(PROBE_CACHE_KEY);
  } catch {
    /* nothing to clear */
  }
}

/** localStorage when it works, else null. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
