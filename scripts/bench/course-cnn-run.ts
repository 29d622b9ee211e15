// Node side of the course-CNN training section of `npm run bench`: one fresh page per variant
// (WASM's thread count is fixed when its backend starts), then PyTorch on the same model, batch
// and thread counts in the same run (torch-reference.ts, when installed), then the tables and
// the ratios. The page bundle must include scripts/bench/course-cnn.ts (browser-bench.ts imports it).
import type { Browser } from 'playwright-core';
import type { CourseCnnOptions, CourseCnnResult } from './course-cnn';
import { inFreshPages, textTable } from './fresh-pages';
import { runTorchReference } from './torch-reference';

/** Variants in order: one thread, then every core (up to 8), then the baselines on one thread. */
export const COURSE_CNN_VARIANTS: Array<Omit<CourseCnnOptions, 'batch' | 'ms' | 'minSteps'>> = [
  { variant: 'wasm', threads: 1 },
  { variant: 'wasm', threads: 'all' },
  { variant: 'wasm-filter-kernel-only', threads: 1 },
  { variant: 'cpu' },
];

/** One round of one thread count: ours, then PyTorch right after, so a slow spell of a shared machine hits both. */
export interface CourseCnnRound { round: number; threads: number; ours: CourseCnnResult; torch?: { cnn: number; dense: number } }

export interface CourseCnnBench { results: CourseCnnResult[]; rounds: CourseCnnRound[]; torch: { version: string } | { missing: string } }

/** Rounds of (ours, PyTorch) per thread count; BENCH_ROUNDS overrides. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

async function runVariant(browser: Browser, url: string, options: CourseCnnOptions): Promise<CourseCnnResult> {
  const [result] = await inFreshPages<CourseCnnOptions, CourseCnnResult>(browser, url, 'runCourseCnnBench', [options]);
  return result!;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runCourseCnnBench(browser: Browser, url: string, ms = 4000): Promise<CourseCnnBench> {
  const rounds: CourseCnnRound[] = [];
  let torch: CourseCnnBench['torch'] = { missing: '' };
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of COURSE_CNN_VARIANTS.filter((c) => c.variant === 'wasm')) {
      const ours = await runVariant(browser, url, { ...v, batch: 64, ms, minSteps: 3 });
      const entry: CourseCnnRound = { round, threads: ours.threads ?? 1, ours };
      const reference = await runTorchReference(ms / 1000, [entry.threads]);
      if ('missing' in reference) torch = reference;
      else {
        torch = { version: reference.torch };
        entry.torch = { cnn: reference.cnn[0]!.examplesPerSecond, dense: reference.dense[0]!.examplesPerSecond };
      }
      rounds.push(entry);
      console.log(`  round ${round + 1}, ${entry.threads} thread(s): ${rate(ours.examplesPerSecond)} examples/s, ${ours.sharedJobs ?? 0} loops shared over ${ours.steps} steps; PyTorch ${entry.torch ? rate(entry.torch.cnn) : '–'}`);
    }
  }
  // Ours per thread count: the round with the median CNN figure (its kernel profile and dense figure too).
  const results: CourseCnnResult[] = [];
  for (const threads of [...new Set(rounds.map((r) => r.threads))]) {
    const mine = rounds.filter((r) => r.threads === threads).map((r) => r.ours);
    const middle = median(mine.map((r) => r.examplesPerSecond));
    results.push(mine.find((r) => r.examplesPerSecond === middle)!);
  }
  for (const v of COURSE_CNN_VARIANTS.filter((c) => c.variant !== 'wasm')) {
    // Plain JS takes seconds per step: one small timed step is its figure.
    results.push(await runVariant(browser, url, v.variant === 'cpu' ? { ...v, batch: 4, ms: 0, minSteps: 1 } : { ...v, batch: 64, ms, minSteps: 3 }));
  }
  return { results, rounds, torch };
}

const rate = (v: number): string => v.toFixed(v < 10 ? 1 : 0);

export function printCourseCnn({ results, rounds, torch }: CourseCnnBench): void {
  console.log(`\nCourse CNN training (cnn-64-64-128: conv64 → pool → conv64 → pool → 128 → 10), synthetic 28×28, examples/s (median step; WASM + our kernels: the median of ${ROUNDS} rounds)`);
  const rows = [['variant', 'threads', 'batch', 'ms/step', 'examples/s']];
  for (const r of results) {
    const name = r.variant === 'wasm' ? 'WASM + our kernels' : r.variant === 'wasm-filter-kernel-only' ? "WASM, filter kernel only (WASM's own kernels for the rest)" : 'CPU (plain JS)';
    rows.push(r.error
      ? [name, '', String(r.batch), 'error', r.error.slice(0, 50)]
      : [name, String(r.threads ?? '–'), String(r.batch), r.msPerStep.toFixed(0), rate(r.examplesPerSecond)]);
  }
  console.log(textTable(rows));
  for (const profiled of results.filter((r) => r.kernels)) {
    console.log(`Kernel ms in one WASM step (${profiled.threads} thread(s)): ${profiled.kernels!.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  }
  // Threads against one thread, round by round (the two runs of a round are back to back).
  const most = Math.max(...rounds.map((r) => r.threads));
  if (most > 1) {
    const scaling = Array.from({ length: ROUNDS }, (_, round) => rounds.filter((r) => r.round === round && !r.ours.error))
      .map((runs) => [runs.find((r) => r.threads === 1), runs.find((r) => r.threads === most)])
      .filter((pair): pair is [CourseCnnRound, CourseCnnRound] => pair.every(Boolean))
      .map(([one, many]) => many.ours.examplesPerSecond / one.ours.examplesPerSecond);
    if (scaling.length) console.log(`Our ${most} threads against our 1, each round: ${scaling.map((q) => `${q.toFixed(2)}×`).join(', ')}; median ${median(scaling).toFixed(2)}× (goal 1.5×)`);
  }
  if ('missing' in torch) {
    console.log(torch.missing);
    return;
  }
  console.log(`\nAgainst native: PyTorch ${torch.version} on the CPU, same model, batch 64, Adam, one synthetic batch; each round runs ours, then PyTorch on the same thread count`);
  const ratioRows = [['model', 'threads', 'ours / PyTorch, each round', 'median ratio', 'goal']];
  for (const threads of [...new Set(rounds.map((r) => r.threads))]) {
    const mine = rounds.filter((r) => r.threads === threads && r.torch && !r.ours.error);
    const cnn = mine.map((r) => r.ours.examplesPerSecond / r.torch!.cnn);
    const dense = mine.filter((r) => r.ours.dense).map((r) => r.ours.dense!.examplesPerSecond / r.torch!.dense);
    const each = (ratios: number[], pairs: Array<[number, number]>): string => ratios.map((q, i) => `${rate(pairs[i]![0])}/${rate(pairs[i]![1])} = ${q.toFixed(2)}`).join(', ');
    if (cnn.length) ratioRows.push(['course CNN', String(threads), each(cnn, mine.map((r) => [r.ours.examplesPerSecond, r.torch!.cnn])), `${median(cnn).toFixed(2)}×`, threads === 1 ? '≥ 0.5×' : '']);
    if (dense.length) ratioRows.push(['dense 784→128→10', String(threads), each(dense, mine.filter((r) => r.ours.dense).map((r) => [r.ours.dense!.examplesPerSecond, r.torch!.dense])), `${median(dense).toFixed(2)}×`, '≥ 0.9×']);
  }
  console.log(textTable(ratioRows));
}
