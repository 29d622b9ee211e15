/**
 * Every task the worker can run, by name. A new kind of training run is a folder under
 * src/lib/tasks/ (schema.ts + index.ts), its payload and record schemas in schema.ts and
 * record.ts, and one line here.
 */
import { anomalyTask } from './anomaly';
import { autoencoderTask } from './autoencoder';
import { classifierTask } from './classifier';
import { denoiserTask } from './denoiser';
import { featuresTask } from './features';
import { superresTask } from './superres';
import { vaeTask } from './vae';
import type { TaskName } from './schema';
import type { TaskModule } from './task-module';

export const TASKS: { [T in TaskName]: TaskModule<T> } = {
  classifier: classifierTask,
  autoencoder: autoencoderTask,
  denoiser: denoiserTask,
  anomaly: anomalyTask,
  vae: vaeTask,
  features: featuresTask,
  superres: superresTask,
};

/** The module of a payload's task, typed for that payload. */
export function taskModule<T extends TaskName>(task: T): TaskModule<T> {
  return TASKS[task];
}
