/**
 * Every task's training-cell description, by name (tfjs-free, so the cell's island does not load
 * tfjs). A new task adds its `cell.ts` and one line here, beside its line in registry.ts.
 */
import { anomalyCell } from './anomaly/cell';
import { autoencoderCell } from './autoencoder/cell';
import type { TaskCell } from './cell';
import { classifierCell } from './classifier/cell';
import { denoiserCell } from './denoiser/cell';
import { featuresCell } from './features/cell';
import { superresCell } from './superres/cell';
import type { RecordOf } from './record';
import type { TaskName } from './schema';
import { vaeCell } from './vae/cell';

export const TASK_CELLS: { [T in TaskName]: TaskCell<T> } = {
  classifier: classifierCell,
  autoencoder: autoencoderCell,
  denoiser: denoiserCell,
  anomaly: anomalyCell,
  vae: vaeCell,
  features: featuresCell,
  superres: superresCell,
};

/** A task's cell description, typed for it. */
export function taskCell<T extends TaskName>(task: T): TaskCell<T> {
  return TASK_CELLS[task];
}

/** A stored record's task settings, whatever its task (the record carries its task). */
export function recordSettings(record: RecordOf<TaskName>): ReturnType<TaskCell<TaskName>['settingsOf']> {
  return (taskCell(record.task) as TaskCell<typeof record.task>).settingsOf(record as never);
}

/** The sentence a task adds to a stored run's result, if any. */
export function recordNote(record: RecordOf<TaskName>): string | undefined {
  return (taskCell(record.task) as TaskCell<typeof record.task>).resultNote?.(record as never);
}

/** A stored record's run-log figures, whatever its task. */
export function recordFigures(record: RecordOf<TaskName>): ReturnType<TaskCell<TaskName>['recordFigures']> {
  return (taskCell(record.task) as TaskCell<typeof record.task>).recordFigures(record as never);
}
