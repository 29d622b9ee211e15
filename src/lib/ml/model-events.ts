/** A page-wide "a model was stored" signal between islands (tfjs-free). */

/** Fired on window when the cell has stored a model: detail { key }. Other islands reload their view. */
export const MODEL_SAVED_EVENT = 'bottleneck:model-saved';

export function announceModelSaved(key: string): void {
  globalThis.dispatchEvent?.(new CustomEvent(MODEL_SAVED_EVENT, { detail: { key } }));
}

/** Calls `listener(key)` whenever a model is saved; returns the unsubscribe function. */
export function onModelSaved(listener: (key: string) => void): () => void {
  const handler = (event: Event): void => {
    const key = (event as CustomEvent<{ key?: unknown }>).detail?.key;
    if (typeof key === 'string') listener(key);
  };
  globalThis.addEventListener?.(MODEL_SAVED_EVENT, handler);
  return () => globalThis.removeEventListener?.(MODEL_SAVED_EVENT, handler);
}
