/** Lets the first notice on a page show the store's notices and the others stay empty. */
let taken = false;

/** Returns a release function when the slot was free, or null. */
export function claimNoticeSlot(): (() => void) | null {
  if (taken) return null;
  taken = true;
  return () => { taken = false; };
}
