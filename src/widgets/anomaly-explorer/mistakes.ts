/**
 * The two kinds of mistake a threshold makes, which is what moving it trades: anomalies scoring
 * below it (missed: false negatives) and normal items at or above it (false alarms: false
 * positives). Each list starts with the mistakes nearest the threshold, the ones a small move of
 * the slider would put right, so the lists change as the threshold moves. Framework-free.
 */

export interface Mistakes {
  /** Positions (into the scores) of missed anomalies, highest score first: nearest below the threshold. */
  missed: number[];
  /** Positions of false alarms, lowest score first: nearest above the threshold. */
  falseAlarms: number[];
  /** All missed anomalies at this threshold (FN), not only those listed. */
  missedCount: number;
  /** All false alarms at this threshold (FP). */
  falseAlarmCount: number;
}

/**
 * The mistakes at `threshold` (flagged means score ≥ threshold), at most `k` of each kind,
 * nearest the threshold first. Ties keep stream order so the lists do not shuffle between renders.
 */
export function mistakesAt(scores: readonly number[], anomalous: readonly boolean[], threshold: number, k: number): Mistakes {
  if (scores.length !== anomalous.length) throw new Error(`mistakesAt: ${scores.length} scores but ${anomalous.length} labels`);
  const missed: number[] = [];
  const falseAlarms: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i]! >= threshold;
    if (anomalous[i] && !flagged) missed.push(i);
    else if (!anomalous[i] && flagged) falseAlarms.push(i);
  }
  const limit = Math.max(0, Math.floor(k));
  missed.sort((a, b) => scores[b]! - scores[a]! || a - b);
  falseAlarms.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return { missed: missed.slice(0, limit), falseAlarms: falseAlarms.slice(0, limit), missedCount: missed.length, falseAlarmCount: falseAlarms.length };
}
