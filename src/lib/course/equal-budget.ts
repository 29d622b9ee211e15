/**
 * Lesson 4's "dense network or CNN at equal budgets" table, from the figures scripts/equal-budget.ts
 * measured (public/models/cnn-fashion/equal-budget.json): checked with zod on the way in, so a
 * hand-edited or stale file fails the build instead of showing wrong numbers.
 */
import { z } from '../tasks/zod';

const epochRow = z.object({
  epoch: z.number().int().min(1),
  seconds: z.number().min(0),
  trainAccuracy: z.number().min(0).max(1),
  testAccuracy: z.number().min(0).max(1),
});
const network = z.object({ model: z.string(), parameters: z.number().int().positive(), epochs: z.array(epochRow).min(1) });

export const equalBudgetSchema = z.object({
  script: z.literal('scripts/equal-budget.ts'),
  dataset: z.literal('fashion-mnist'),
  trainExamples: z.number().int().positive(),
  testExamples: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  learningRate: z.number().positive(),
  seed: z.number().int(),
  backend: z.string(),
  cnn: network,
  dense: network,
  measuredAt: z.string(),
});
export type EqualBudget = z.infer<typeof equalBudgetSchema>;
export type EpochFigures = z.infer<typeof epochRow>;

export interface BudgetRow {
  /** What both networks were given, in words. */
  budget: string;
  dense: EpochFigures;
  /** Absent in the equal-time row: the CNN's figures are those of its last epoch, in the row above. */
  cnn?: EpochFigures;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * One row per CNN epoch (both networks after the same images and epochs), then the dense network
 * after as many epochs as fit in the CNN's whole training time.
 */
export function budgetRows(data: EqualBudget): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (const cnn of data.cnn.epochs) {
    const dense = data.dense.epochs.find((d) => d.epoch === cnn.epoch);
    if (dense) rows.push({ budget: `${plural(cnn.epoch, 'epoch')} over ${data.trainExamples.toLocaleString('en-US')} images`, dense, cnn });
  }
  const cnnLast = data.cnn.epochs.at(-1)!;
  const denseLast = data.dense.epochs.at(-1)!;
  if (denseLast.epoch > cnnLast.epoch) {
    rows.push({ budget: `The CNN's ${plural(cnnLast.epoch, 'epoch')} of training time (${Math.round(cnnLast.seconds)} s): ${plural(denseLast.epoch, 'epoch')} for the dense network`, dense: denseLast });
  }
  return rows;
}

/** The dense network's best test accuracy over all its epochs, and when. */
export function bestDense(data: EqualBudget): EpochFigures {
  return data.dense.epochs.reduce((best, e) => (e.testAccuracy > best.testAccuracy ? e : best));
}

/** "89.3%" */
export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
