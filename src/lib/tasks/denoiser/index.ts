/** The denoiser task: an autoencoder fed corrupted images and scored against the clean ones (lesson 7). */
import { reconstructionParts } from '../autoencoder';
import type { PayloadOf } from '../schema';
import type { TaskModule } from '../task-module';

const parts = reconstructionParts<PayloadOf<'denoiser'>>((p) => p.corruption);

export const denoiserTask: TaskModule<'denoiser'> = {
  task: 'denoiser',
  ...parts,
  async test(p, trained, data) {
    const { summary, fields } = await parts.testFields(p, trained, data);
    return { summary, record: { task: 'denoiser', ...fields, corruption: p.corruption } };
  },
  untestedRecord: (p) => ({ task: 'denoiser', ...parts.untestedFields(p), corruption: p.corruption }),
};
