/** A stored model described in words, for captions and lists (tfjs-free). */
import type { CorruptionSpec } from '../math/corruption';
import type { ModelRecord } from '../tasks/record';
import type { FeatureLayer } from '../tasks/features/schema';

type Described = Pick<ModelRecord, 'source' | 'dataset' | 'trainExamples' | 'epochs' | 'testAccuracy'> & {
  task?: ModelRecord['task']; bottleneck?: number; testPsnr?: number; corruption?: CorruptionSpec;
  latent?: number; beta?: number; testReconstruction?: number; testKl?: number;
  features?: FeatureLayer; labelsPerClass?: number | undefined; extractor?: 'none' | 'yours' | 'shipped'; scale?: number;
};

const FEATURE_WORDS: Record<FeatureLayer, string> = {
  pixels: 'raw pixels', 'cnn-dense': 'CNN dense features', 'cnn-flatten': 'CNN conv features', 'autoencoder-code': 'autoencoder codes',
};

/**
 * "trained on 60,000 Fashion-MNIST images, 5 epochs, test accuracy 87.3%", or for an autoencoder
 * "trained on 20,000 MNIST images, code of 16 numbers, 5 epochs, test PSNR 19.4 dB".
 */
export function describeRecord(record: Described): string {
  const data = record.dataset === 'fashion-mnist' ? 'Fashion-MNIST' : 'MNIST';
  const how = record.source === 'pretrained' ? 'pretrained weights, trained on' : 'trained on';
  const epochs = `${record.epochs} epoch${record.epochs === 1 ? '' : 's'}`;
  const images = `${record.trainExamples.toLocaleString('en-US')} ${data} images`;
  if (record.task === 'vae') {
    const figures = record.testReconstruction !== undefined && Number.isFinite(record.testReconstruction)
      ? `test reconstruction ${record.testReconstruction.toFixed(1)} and KL ${(record.testKl ?? NaN).toFixed(1)} nats per image` : 'not tested';
    return `${how} ${images}, latent size ${record.latent ?? '?'}, β = ${record.beta ?? '?'}, ${epochs}, ${figures}`;
  }
  if (record.task === 'features') {
    const labels = record.labelsPerClass !== undefined ? `${record.labelsPerClass.toLocaleString('en-US')} labelled ${data} images per class` : images;
    const whose = record.extractor === 'yours' ? ' from your network' : record.extractor === 'shipped' ? ' from the shipped network' : '';
    return `softmax regression on ${FEATURE_WORDS[record.features ?? 'pixels']}${whose}, ${labels}, ${epochs}, test accuracy ${(record.testAccuracy * 100).toFixed(1)}%`;
  }
  if (record.task === 'superres') {
    const psnr = record.testPsnr !== undefined && Number.isFinite(record.testPsnr) ? `test PSNR ${record.testPsnr.toFixed(1)} dB` : 'not tested';
    return `${how} ${images}, scale ×${record.scale ?? '?'}, ${epochs}, ${psnr}`;
  }
  if (record.task === 'autoencoder' || record.task === 'denoiser' || record.task === 'anomaly') {
    const noise = record.corruption && record.corruption.kind !== 'none' ? ` (${describeCorruption(record.corruption)})` : '';
    const psnr = record.testPsnr !== undefined && Number.isFinite(record.testPsnr) ? `test PSNR ${record.testPsnr.toFixed(1)} dB` : 'not tested';
    return `${how} ${images}${noise}, code of ${record.bottleneck ?? '?'} numbers, ${epochs}, ${psnr}`;
  }
  return `${how} ${images}, ${epochs}, test accuracy ${(record.testAccuracy * 100).toFixed(1)}%`;
}

/** "Gaussian noise σ = 0.3", "salt-and-pepper 20%", "masked 25%". */
export function describeCorruption(c: CorruptionSpec): string {
  switch (c.kind) {
    case 'gaussian': return `Gaussian noise σ = ${c.sigma}`;
    case 'salt-pepper': return `salt-and-pepper ${Math.round(c.rate * 100)}%`;
    case 'mask': return `masked ${Math.round(c.fraction * 100)}%`;
    case 'none': return 'no noise';
  }
}

/** Which network computed a features run's inputs, in a sentence for the cell's result. */
export function featureOrigin(record: { features: FeatureLayer; extractor: 'none' | 'yours' | 'shipped'; extractorNote?: string | undefined }): string {
  if (record.features === 'pixels' || record.extractor === 'none') return 'Learned from the raw pixels: no network in between.';
  const lesson = record.features === 'autoencoder-code' ? 'lesson 5' : 'lesson 4';
  if (record.extractor === 'yours') return `Features computed by the network you trained in ${lesson}.`;
  return record.extractorNote ?? `Features computed by the course's shipped network (train your own in ${lesson} and it is used instead).`;
}
