/**
 * Lesson 6's pipeline in words, stage by stage, for the features the reader chose: image x, a
 * frozen network, its features φ(x), softmax regression's weights ŵ, the prediction ŷ compared
 * with the label y. Framework-free, so the diagram's text is tested.
 */
import type { FeatureLayer } from '../../lib/tasks/features/schema';

export interface Stage {
  /** The symbol the lesson's formulas use. */
  symbol: string;
  name: string;
  detail: string;
  /** Changes with the reader's choice of features (drawn highlighted). */
  varies?: boolean;
}

const DATA = { mnist: 'MNIST digits', 'fashion-mnist': 'Fashion-MNIST' } as const;

const NETWORK: Record<FeatureLayer, string> = {
  pixels: 'none: the pixels go straight through',
  'cnn-dense': 'lesson 4’s CNN, frozen, up to its hidden dense layer',
  'cnn-flatten': 'lesson 4’s CNN, frozen, up to its last pooling layer',
  'autoencoder-code': 'lesson 5’s encoder, frozen, up to its code',
};

const FEATURES: Record<FeatureLayer, string> = {
  pixels: '784 numbers: the pixels themselves',
  'cnn-dense': '128 numbers',
  'cnn-flatten': '1,600 numbers (5 × 5 × 64 maps)',
  'autoencoder-code': 'one number per code unit (16 in the shipped autoencoder)',
};

export function pipelineStages(features: FeatureLayer, dataset: keyof typeof DATA): Stage[] {
  return [
    { symbol: 'x', name: 'Image', detail: `28 × 28 pixels from ${DATA[dataset]}`, varies: true },
    { symbol: 'f', name: 'Deep network', detail: NETWORK[features], varies: true },
    { symbol: 'φ(x)', name: 'Deep features', detail: FEATURES[features], varies: true },
    { symbol: 'ŵ', name: 'Softmax regression', detail: 'weights learned from the labelled images' },
    { symbol: 'ŷ', name: 'Prediction', detail: 'the class with the highest probability' },
    { symbol: 'y', name: 'True label', detail: 'compared with ŷ: accuracy' },
  ];
}

/** One sentence for screen readers and the figure's label. */
export function describePipeline(features: FeatureLayer, dataset: keyof typeof DATA): string {
  const stages = pipelineStages(features, dataset);
  return `Pipeline: ${stages.map((s) => `${s.name} ${s.symbol} (${s.detail})`).join(', then ')}.`;
}
