/**
 * The anomaly-detection task (lesson 9): a plain autoencoder trained on normal images, tested
 * like one, then scored on a mixed stream of normal images and anomalies (stream.ts).
 */
import { reconstructionParts } from '../autoencoder';
import type { PayloadOf } from '../schema';
import type { TaskModule } from '../task-module';
import { scoreAnomalyStream } from './stream';

const parts = reconstructionParts<PayloadOf<'anomaly'>>(() => null);

export const anomalyTask: TaskModule<'anomaly'> = {
  task: 'anomaly',
  ...parts,
  async test(p, trained, data, load) {
    const { summary, fields } = await parts.testFields(p, trained, data);
    const dataset = p.data.kind === 'dataset' ? p.data.dataset : 'mnist';
    const stream = await scoreAnomalyStream(trained.model, dataset, p.anomalyTest, p.seed, load);
    return { summary: { ...summary, auc: stream.auc }, record: { task: 'anomaly', ...fields, testAuc: stream.auc, anomaly: stream.scores } };
  },
  untestedRecord: (p) => ({ task: 'anomaly', ...parts.untestedFields(p), testAuc: NaN }),
};
