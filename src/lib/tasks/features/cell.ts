/**
 * Softmax regression on deep features in a training cell: which features, how many labelled
 * images per class, and the classifier's loss and accuracy curves. The pipeline diagram follows
 * the chosen features.
 */
import { featureOrigin } from '../../ml/record-text';
import type { TaskCell } from '../cell';
import { CLASSIFIER_CHARTS } from '../classifier/cell';

export const featuresCell: TaskCell<'features'> = {
  controls: () => ['features', 'labelsPerClass'],
  request: (_props, s) => ({ task: 'features', model: 'softmax-regression', features: s.features, labelsPerClass: s.labelsPerClass }),
  settingsOf: (r) => ({ features: r.features, ...(r.labelsPerClass !== undefined ? { labelsPerClass: r.labelsPerClass } : {}) }),
  runFields: (s) => ({ features: s.features, labelsPerClass: s.labelsPerClass }),
  recordFigures: (r) => ({ extractor: r.extractor }),
  resultNote: (r) => featureOrigin(r),
  announced: (s) => ({ features: s.features }),
  charts: CLASSIFIER_CHARTS,
  // Each held-out image goes through the network too: 1,000 draw the curve well enough.
  validationCount: 1000,
  trainingExamples: (s) => s.labelsPerClass * 10,
};
