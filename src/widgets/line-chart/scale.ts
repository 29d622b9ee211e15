/** Axis maths for the line chart: domains, "nice" ticks, point → pixel. Framework-free. */

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  label: string;
  points: readonly Point[];
  /** A CSS colour, e.g. "var(--accent)". */
  color: string;
  dashed?: boolean;
  /** Mark every point (for sparse series such as one value per epoch). */
  markers?: boolean;
}

/** Min and max of the finite values, widened when flat; `fixed` wins where given. */
export function domain(values: number[], fixed: [number | undefined, number | undefined] = [undefined, undefined]): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = fixed[0] ?? (finite.length ? Math.min(...finite) : 0);
  let hi = fixed[1] ?? (finite.length ? Math.max(...finite) : 1);
  if (hi - lo < 1e-9) {
    hi = lo + 1;
    if (fixed[0] === undefined) lo -= 0; // keep the lower bound where the data is
  }
  return [lo, hi];
}

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 4): number[] {
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-6; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Maps a value in [lo, hi] to [a, b] (b may be smaller than a, for the y axis). */
export function scale(value: number, [lo, hi]: [number, number], [a, b]: [number, number]): number {
  return a + ((value - lo) / (hi - lo)) * (b - a);
}

/**
 * At most `limit` of the points, spread evenly over the series and always with its first and
 * last: a data table that summarises a long curve instead of dropping its beginning.
 */
export function thin<T>(points: readonly T[], limit: number): T[] {
  if (points.length <= limit) return [...points];
  if (limit < 2) return points.slice(-Math.max(0, limit));
  return Array.from({ length: limit }, (_, i) => points[Math.round((i * (points.length - 1)) / (limit - 1))]!);
}

/** SVG path through the finite points ("M x y L x y …"); gaps where a value is not finite. */
export function pathFor(points: readonly Point[], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.x).toFixed(1)} ${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * A chart title as it reads inside a sentence ("Data table: loss"): a capital that only starts
 * the title goes; acronyms and symbols (KL, β·KL, PSNR) stay as written.
 */
export function inSentence(title: string): string {
  return /^\p{Lu}\p{Ll}/u.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}
