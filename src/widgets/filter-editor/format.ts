import { formatValue } from '../../lib/math/strict-number';

/** A number for reading: up to 4 decimals, a real minus sign, thousands separated. */
export function show(value: number): string {
  const text = formatValue(value);
  const [whole = '', fraction] = text.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${text.startsWith('-') ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A factor in a product: negatives in parentheses, like −1 in “0 × (−1)”. */
export function factor(value: number): string {
  return value < 0 ? `(${show(value)})` : show(value);
}
