/**
 * The whole course in order. A lesson whose folder exists in content/lessons is linked;
 * the others are listed as "coming soon" and never linked.
 */
export interface PlannedLesson {
  /** Folder name under content/lessons, also the URL slug. */
  readonly id: string;
  readonly title: string;
}

export const COURSE_PLAN: readonly PlannedLesson[] = [
  { id: '01-classification', title: 'Classification' },
  { id: '02-convolution-filters', title: 'Convolution filters' },
  { id: '03-pooling', title: 'Pooling' },
  { id: '04-convolutional-networks', title: 'Convolutional networks' },
  { id: '05-autoencoders', title: 'Autoencoders' },
  { id: '06-deep-features', title: 'Deep features and image retrieval' },
  { id: '07-denoising', title: 'Denoising autoencoders' },
  { id: '08-variational-autoencoders', title: 'Variational autoencoders' },
  { id: '09-anomaly-detection', title: 'Anomaly detection' },
  { id: '10-super-resolution', title: 'Super-resolution' },
];
