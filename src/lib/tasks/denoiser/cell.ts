/** The denoiser in a training cell: the autoencoder's, plus the noise it trains on. */
import { corruptionAt, corruptionStrength } from '../../math/corruption';
import type { TaskCell } from '../cell';
import { reconstructionCell } from '../autoencoder/cell';

export const denoiserCell: TaskCell<'denoiser'> = {
  ...reconstructionCell,
  controls: () => ['noise', 'bottleneck'],
  request: (props, s) => ({ task: 'denoiser', ...reconstructionCell.fields(props, s), corruption: corruptionAt(s.noiseKind, s.noiseLevel) }),
  settingsOf: (r) => {
    const { kind, level } = corruptionStrength(r.corruption);
    return { ...reconstructionCell.settingsOf(r), ...(kind === 'none' ? {} : { noiseKind: kind, noiseLevel: level }) };
  },
  runFields: (s) => ({ ...reconstructionCell.runFields(s), corruption: corruptionAt(s.noiseKind, s.noiseLevel) }),
};
