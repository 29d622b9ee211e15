/**
 * Lesson 10's results table: test PSNR of nearest, bilinear and bicubic upsampling and of the
 * network, per data set and scale. The classical columns and the shipped network come from
 * scripts/pretrain-superres.ts (public/models/superres-table/table.json); the reader's own runs come
 * from the run log and are shown beside the shipped network's figure. Framework-free and tested.
 */
import { z } from '../../lib/tasks/zod';
import type { RunSummary } from '../../lib/ml/run-log';

const db = z.number().finite();
const tableFile = z.object({
  script: z.string(),
  testImages: z.number().int().min(1),
  settings: z.object({ trainSize: z.number().int(), epochs: z.number().int() }).loose(),
  rows: z.array(z.object({
    dataset: z.enum(['mnist', 'fashion-mnist']),
    scale: z.union([z.literal(2), z.literal(4)]),
    nearest: db, bilinear: db, bicubic: db, network: db,
  })).min(1),
});
export type SuperresTableFile = z.infer<typeof tableFile>;
export type TableRow = SuperresTableFile['rows'][number];

/** The table file checked, or null when it is missing or damaged. */
export function parseSuperresTable(json: unknown): SuperresTableFile | null {
  const parsed = tableFile.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export const METHODS = ['nearest', 'bilinear', 'bicubic', 'network'] as const;
export type Method = (typeof METHODS)[number];

/** The reader's latest trained run of `model` under `storeKey` for each data set and scale ("mnist×2"). */
export function latestRuns(runs: readonly RunSummary[], storeKey: string, model: string): Map<string, RunSummary> {
  const latest = new Map<string, RunSummary>();
  for (const run of runs) {
    if (run.storeKey !== storeKey || run.model !== model || run.source === 'pretrained' || run.scale === undefined || !Number.isFinite(run.testPsnr)) continue;
    const key = rowKey(run.dataset, run.scale);
    const seen = latest.get(key);
    if (!seen || seen.at < run.at) latest.set(key, run);
  }
  return latest;
}

export const rowKey = (dataset: string, scale: number): string => `${dataset}×${scale}`;

/** The method with the highest PSNR in a row (the shipped network counts; the reader's run is compared separately). */
export function bestMethod(row: TableRow): Method {
  return METHODS.reduce((best, m) => (row[m] > row[best] ? m : best), METHODS[0] as Method);
}

export const formatDb = (v: number): string => `${v.toFixed(1)} dB`;
/** "+7.5" or "−0.4" (dB, as the table's caption says): the network against bicubic. */
export const formatGain = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;

/** A sentence for screen readers and the figure's summary: the network against bicubic in every row. */
export function describeTable(file: SuperresTableFile, mine: ReadonlyMap<string, RunSummary>, other?: { label: string; runs: ReadonlyMap<string, RunSummary> }): string {
  return file.rows.map((r) => {
    const yours = mine.get(rowKey(r.dataset, r.scale));
    const theirs = other?.runs.get(rowKey(r.dataset, r.scale));
    const name = r.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
    return `${name} ×${r.scale}: bicubic ${formatDb(r.bicubic)}, shipped network ${formatDb(r.network)}${yours ? `, your network ${formatDb(yours.testPsnr!)}` : ''}${theirs ? `, your ${other!.label} network ${formatDb(theirs.testPsnr!)}` : ''}`;
  }).join('; ') + '.';
}
