/** Super-resolution in a training cell: the scale, and the error chart every image-making task draws. */
import type { SuperresModel } from '../../ml/model-info';
import type { TaskCell } from '../cell';
import { reconstructionCell } from '../autoencoder/cell';

export const superresCell: TaskCell<'superres'> = {
  controls: () => ['scale'],
  request: (props, s) => ({ task: 'superres', model: props.model as SuperresModel, scale: s.scale }),
  settingsOf: (r) => ({ scale: r.scale }),
  runFields: (s) => ({ scale: s.scale }),
  recordFigures: () => ({}),
  announced: () => ({}),
  charts: reconstructionCell.charts,
};
