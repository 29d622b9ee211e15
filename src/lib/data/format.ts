// Words for data-loading progress, shared by the LoadProgress widget and anything that logs.

/** "7.8 MB" with one decimal (decimal megabytes, like file managers and the network panel). */
export function formatMegabytes(bytes: number): string {
  return `${(Math.max(0, bytes) / 1e6).toFixed(1)} MB`;
}

/** "31 kB", "14.7 MB", "10.8 GB": for sizes from a small network's weights to a browser's storage quota. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return bytes < 1e5 ? `${Math.round(Math.max(0, bytes) / 1e3)} kB` : formatMegabytes(bytes);
}

/** "1.2 of 7.8 MB"; both rounded alike so "7.8 of 7.8 MB" means done. */
export function formatProgressAmount(loaded: number, total: number): string {
  return `${(Math.max(0, loaded) / 1e6).toFixed(1)} of ${formatMegabytes(total)}`;
}

/** 0..1, or undefined while the total is unknown. */
export function progressFraction(loaded: number, total: number): number | undefined {
  if (!(total > 0) || !Number.isFinite(total)) return undefined;
  return Math.min(1, Math.max(0, loaded / total));
}
