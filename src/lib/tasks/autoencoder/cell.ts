/**
 * The autoencoder in a training cell: a code size and one reconstruction-error chart. The
 * denoiser and the anomaly detector start from `reconstructionCell`.
 */
import type { AutoencoderModel } from '../../ml/model-info';
import type { CellProps, CellSettings, ChartSpec, TaskCell } from '../cell';
import type { RecordOf } from '../record';

const reconstructionChart: ChartSpec = { title: 'Reconstruction error', curve: 'loss', name: 'loss', yLabel: 'Mean squared error', yRange: [0, undefined], format: (v) => v.toFixed(3) };

/** What every task that reconstructs its input shares: the code size and the error chart. */
export const reconstructionCell = {
  controls: () => ['bottleneck'] as const,
  fields: (props: CellProps, s: CellSettings) => ({ model: props.model as AutoencoderModel, bottleneck: s.bottleneck }),
  settingsOf: (r: RecordOf<'autoencoder' | 'denoiser' | 'anomaly'>) => ({ bottleneck: r.bottleneck }),
  runFields: (s: CellSettings) => ({ bottleneck: s.bottleneck }),
  recordFigures: () => ({}),
  announced: (s: CellSettings) => ({ bottleneck: s.bottleneck }),
  charts: [reconstructionChart],
};

export const autoencoderCell: TaskCell<'autoencoder'> = {
  ...reconstructionCell,
  request: (props, s) => ({ task: 'autoencoder', ...reconstructionCell.fields(props, s) }),
};
