/** The classifier in a training cell: a hidden-layer size for the dense net, loss and accuracy curves. */
import type { ClassifierModel } from '../../ml/model-info';
import type { TaskCell } from '../cell';

/** The one classifier whose hidden layer the reader sizes. */
const SIZED = 'dense-784-128-10';
const percent = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');

/** Loss and accuracy, with validation points: every task that predicts classes draws these. */
export const CLASSIFIER_CHARTS: TaskCell<'classifier'>['charts'] = [
  { title: 'Loss', curve: 'loss', name: 'loss', yLabel: 'Loss', yRange: [0, undefined], format: (v) => v.toFixed(2) },
  { title: 'Accuracy', curve: 'accuracy', name: 'accuracy', yLabel: 'Accuracy', yRange: [undefined, 1], format: percent },
];

export const classifierCell: TaskCell<'classifier'> = {
  controls: (model) => (model === SIZED ? ['hiddenUnits'] : []),
  request: (props, s) => ({ task: 'classifier', model: props.model as ClassifierModel, ...(props.model === SIZED ? { hiddenUnits: s.hiddenUnits } : {}) }),
  settingsOf: (r) => (r.hiddenUnits ? { hiddenUnits: r.hiddenUnits } : {}),
  runFields: () => ({}),
  recordFigures: () => ({}),
  announced: () => ({}),
  charts: CLASSIFIER_CHARTS,
};
