/** When hints and solutions become available. Kept apart from the views so it is tested once. */

/** The solution opens by itself after this many failed attempts. */
export const SOLUTION_AUTO_AFTER = 3;
/** "Show solution" is offered after this many attempts. */
export const SOLUTION_OFFER_AFTER = 2;

export type SolutionAccess = 'locked' | 'offered' | 'shown';

export function solutionAccess(attempts: number, solved: boolean): SolutionAccess {
  if (solved) return 'offered';
  if (attempts >= SOLUTION_AUTO_AFTER) return 'shown';
  return attempts >= SOLUTION_OFFER_AFTER ? 'offered' : 'locked';
}

/** Hints shown after one more click, never more than there are. */
export function nextHintCount(shown: number, total: number): number {
  return Math.min(total, shown + 1);
}
