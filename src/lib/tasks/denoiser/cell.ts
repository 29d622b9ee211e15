/** The denoiser in a training cell: the autoencoder's, plus the noise it trains on. */
import { corruptionAt, corruptionStrength, type CorruptionSpec } from '../../math/corruption';
import type { CellSettings, TaskCell } from '../cell';
import { reconstructionCell } from '../autoencoder/cell';

/** Settings that express a corruption (a cell's `corruption` prop as its default, a record's noise); null for none. */
export function noiseSettings(c: CorruptionSpec | undefined): Pick<CellSettings, 'noiseKind' | 'noiseLevel'> | null {
  const { kind, level } = corruptionStrength(c);
  return kind === 'none' ? null : { noiseKind: kind, noiseLevel: level };
}

export const denoiserCell: TaskCell<'denoiser'> = {
  ...reconstructionCell,
  controls: () => ['noise', 'bottleneck'],
  request: (props, s) => ({ task: 'denoiser', ...reconstructionCell.fields(props, s), corruption: corruptionAt(s.noiseKind, s.noiseLevel) }),
  settingsOf: (r) => ({ ...reconstructionCell.settingsOf(r), ...noiseSettings(r.corruption) }),
  runFields: (s) => ({ ...reconstructionCell.runFields(s), corruption: corruptionAt(s.noiseKind, s.noiseLevel) }),
};
