/** Labels and number formats of the comparison (no tfjs here: the island imports this eagerly). */

export const SET_LABELS: Record<string, string> = {
  mnist: 'MNIST digits',
  fashion: 'Fashion-MNIST items',
  photo: 'photo patches',
};

export const labelOf = (set: string): string => SET_LABELS[set] ?? set;
export const db = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} dB` : '–');
export const bytes = (v: number): string => {
  if (!Number.isFinite(v)) return '–';
  if (v >= 10_000) return `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} kB`;
  return `${v < 100 && !Number.isInteger(v) ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} B`;
};
