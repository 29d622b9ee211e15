/** The anomaly detector in a training cell: an autoencoder cell whose run ends by scoring the cell's test stream. */
import type { TaskCell } from '../cell';
import { reconstructionCell } from '../autoencoder/cell';

export const anomalyCell: TaskCell<'anomaly'> = {
  ...reconstructionCell,
  request: (props, s) => {
    if (!props.anomalyTest) throw new Error('An anomaly-detection cell needs its test stream (anomalyTest).');
    return { task: 'anomaly', ...reconstructionCell.fields(props, s), anomalyTest: props.anomalyTest };
  },
};
