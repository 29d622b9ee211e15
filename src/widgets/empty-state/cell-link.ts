/**
 * How an empty panel reaches the training cell that fills it. Islands hydrate separately (a panel
 * may hydrate before the cell above it, or alone after a deep link), so:
 * - what the cell offers is read from its server-rendered markup (`data-store-key`,
 *   `data-pretrained`), present before the cell's island hydrates;
 * - actions go through a window event the cell answers synchronously; a request no hydrated cell
 *   took waits here until the cell starts serving (scrolling it into view hydrates it).
 * The cell owns its DOM: it scrolls to and focuses its own Train button.
 */

import type { CellSettings } from '../training-cell/settings';

/** Scroll to the cell and focus its Train button (first setting `settings`, e.g. a code of 2), or load its pretrained weights. */
export type CellAction = { kind: 'focus-train'; settings?: Partial<CellSettings> } | { kind: 'load-pretrained' };

/** What a cell on this page offers an empty panel. */
export interface CellOffer {
  /** The cell can load pretrained weights. */
  pretrained: boolean;
  /** The cell comes before the panel in the page ("above"), else after it. */
  above: boolean;
}

const ACTION_EVENT = 'bottleneck:cell-action';
const STATUS_EVENT = 'bottleneck:cell-status';

interface ActionDetail { storeKey: string; action: CellAction; taken: boolean; accepted: boolean }

/** Requests no hydrated cell has taken yet, by store key (the latest one wins). */
const pending = new Map<string, CellAction>();

/** The section of the training cell with this store key, if the page has one. */
export function cellElement(storeKey: string, root: ParentNode | undefined = globalThis.document): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`.training-cell[data-store-key="${CSS.escape(storeKey)}"]`) ?? null;
}

/** What the cell with this key offers, seen from `panel`; null when the page has no such cell. */
export function findCell(storeKey: string, panel: Element): CellOffer | null {
  const cell = cellElement(storeKey, panel.ownerDocument ?? undefined);
  if (!cell) return null;
  return { pretrained: cell.dataset['pretrained'] === 'true', above: !!(cell.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING) };
}

/**
 * Asks the cell to act. 'taken': a hydrated cell handled it ('accepted' false when it was busy);
 * 'waiting': no cell is serving yet, so it is brought into view and acts once it hydrates.
 */
export function requestCellAction(storeKey: string, action: CellAction): 'accepted' | 'busy' | 'waiting' {
  const detail: ActionDetail = { storeKey, action, taken: false, accepted: false };
  globalThis.dispatchEvent?.(new CustomEvent<ActionDetail>(ACTION_EVENT, { detail }));
  if (detail.taken) return detail.accepted ? 'accepted' : 'busy';
  pending.set(storeKey, action);
  cellElement(storeKey)?.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  return 'waiting';
}

/**
 * The cell's side: handles requests for its key (`act` returns false when it cannot act now, e.g.
 * mid-run) and takes a request that waited for it to hydrate. Returns the cleanup.
 */
export function serveCellActions(storeKey: string, act: (action: CellAction) => boolean): () => void {
  const listener = (event: Event): void => {
    const detail = (event as CustomEvent<ActionDetail>).detail;
    if (detail?.storeKey !== storeKey || detail.taken) return;
    detail.taken = true;
    detail.accepted = act(detail.action);
  };
  globalThis.addEventListener?.(ACTION_EVENT, listener);
  const waiting = pending.get(storeKey);
  if (waiting) {
    pending.delete(storeKey);
    act(waiting);
  }
  return () => globalThis.removeEventListener?.(ACTION_EVENT, listener);
}

/** The cell tells panels its status ('running', 'done', 'error', …), so a panel waiting on it can tell a failure. */
export function announceCellStatus(storeKey: string, status: string): void {
  globalThis.dispatchEvent?.(new CustomEvent(STATUS_EVENT, { detail: { storeKey, status } }));
}

/** Calls `listener` with each status the cell with this key announces; returns the unsubscribe function. */
export function onCellStatus(storeKey: string, listener: (status: string) => void): () => void {
  const handler = (event: Event): void => {
    const detail = (event as CustomEvent<{ storeKey?: unknown; status?: unknown }>).detail;
    if (detail?.storeKey === storeKey && typeof detail.status === 'string') listener(detail.status);
  };
  globalThis.addEventListener?.(STATUS_EVENT, handler);
  return () => globalThis.removeEventListener?.(STATUS_EVENT, handler);
}

export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
