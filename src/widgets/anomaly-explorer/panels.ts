/**
 * The explorer's panels, in the order they appear. A lesson shows them in steps, each once its
 * terms are introduced: first the scores, the threshold and its mistakes, later the rates and the
 * ROC curve. The threshold slider is always there.
 */
export const EXPLORER_PANELS = [
  /** Which model and what the stream holds. */
  'stream',
  /** Which anomalies count: all, or one kind. */
  'filter',
  /** Histogram of the scores with the threshold. */
  'histogram',
  /** TP, FN, FP, TN at the threshold. */
  'counts',
  /** Precision, recall, F1. */
  'rates',
  /** ROC curve with the threshold's point. */
  'roc',
  /** "Which threshold gives a recall of R?" */
  'recall',
  /** Missed anomalies and false alarms at the threshold. */
  'mistakes',
] as const;

export type ExplorerPanel = (typeof EXPLORER_PANELS)[number];
