/** What each exercise kind's island receives (after Exercise.astro validated the author's props). */
import type { Kernel3x3 } from '../math/conv2d';
import type { PoolMode } from '../math/pooling';
import type { CriterionName } from './criteria';
import type { ExercisePicture } from './exercise-pictures';
import type { ImageName } from './test-images';
import type { KernelName } from './kernels';

export const EXERCISE_KINDS = ['multiple-choice', 'numeric', 'grid', 'filter-design', 'predict', 'model-challenge'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

/** One option of a choice: text, optionally with a 3×3 kernel drawn as a small grid, or a picture. */
export interface ChoiceOption {
  readonly label: string;
  readonly kernel?: Kernel3x3;
  readonly picture?: ExercisePicture;
}

export interface MultipleChoiceSpec {
  readonly options: readonly ChoiceOption[];
  /** Indices (0-based) of every right option. */
  readonly answer: readonly number[];
  /** Checkboxes (pick all that apply) instead of radio buttons. */
  readonly multiple: boolean;
  /** Optional feedback per option, shown when that option is picked wrongly. */
  readonly feedback?: readonly string[];
}

export interface NumericSpec {
  readonly answer: number;
  /** Absolute tolerance: |value − answer| ≤ tolerance is right. */
  readonly tolerance: number;
  readonly label: string;
  readonly unit?: string;
}

export interface GridSpec {
  /** Computed at build time from the operation and inputs. */
  readonly expected: readonly (readonly number[])[];
  readonly tolerance: number;
}

/** Graded by the reader's own trained model: its recorded test accuracy must reach `threshold`. */
export type ChallengeMetric = 'accuracy' | 'psnr' | 'auc' | 'reconstruction';

export interface ModelChallengeSpec {
  /** Model-store key the training cell saves under (src/lib/ml/model-store.ts). */
  readonly storeKey: string;
  /** What is graded: test accuracy (classifiers) or test PSNR (autoencoders). Default accuracy. */
  readonly metric?: ChallengeMetric;
  /** Minimum: accuracy as a fraction (0.85 = 85%), PSNR in dB. */
  readonly threshold: number;
  /** Autoencoders: the largest code size allowed. */
  readonly maxBottleneck?: number;
  /** Denoisers: trained and tested on this kind of corruption, at least this strong. */
  readonly noise?: { readonly kind: 'gaussian' | 'salt-pepper' | 'mask'; readonly level: number };
  /** VAEs (metric 'reconstruction', where `threshold` is the most nats allowed): the latent size required and the KL range per image. */
  readonly latent?: number;
  readonly minKl?: number;
  readonly maxKl?: number;
  /** Lesson 6: the regression must learn from a network's features (not raw pixels), with at most this many labels per class. */
  readonly deepFeatures?: boolean;
  /** The data set the model must be trained and tested on. */
  readonly dataset?: 'mnist' | 'fashion-mnist';
  readonly maxLabelsPerClass?: number;
  /** Lesson 10: the super-resolution scale the network must have. */
  readonly scale?: 2 | 4;
}

export interface FilterDesignSpec {
  readonly criterion: CriterionName;
}

/** Predict by picking one option. */
export interface ChoiceGuess {
  readonly kind: 'choice';
  readonly options: readonly ChoiceOption[];
  readonly answer: number;
}

/** Predict one output pixel's value; the answer is computed from the experiment at build time. */
export interface NumberGuess {
  readonly kind: 'number';
  readonly answer: number;
  readonly tolerance: number;
  readonly label: string;
  /** Column and row (0-based) of the output pixel to predict. */
  readonly pixel: readonly [number, number];
}

/** Predict the width of the experiment's output in pixels; the answer is computed at build time. */
export interface SizeGuess {
  readonly kind: 'size';
  readonly answer: number;
  readonly label: string;
}

export interface PredictSpec {
  readonly guess: ChoiceGuess | NumberGuess | SizeGuess;
  readonly experiment: Experiment;
}

/** "filter-response": filter a named test image with a named (or given) kernel and show the result. */
export interface FilterResponseExperiment {
  readonly name: 'filter-response';
  readonly image: ImageName;
  readonly kernel: KernelName | Kernel3x3;
}

/**
 * "pool-response": a named test image, optionally filtered first (zero padding, same size), then
 * pooled with 2×2 windows and stride 2, as in the pooling lesson.
 */
export interface PoolResponseExperiment {
  readonly name: 'pool-response';
  readonly image: ImageName;
  /** Absent: the image is pooled as it is. */
  readonly kernel?: KernelName | Kernel3x3;
  readonly pool: PoolMode;
}

/**
 * "upsample-response": a named test image shrunk by `scale` with average pooling (lesson 10's
 * degradation), then blown back up by nearest, bilinear and bicubic upsampling, each with its PSNR.
 */
export interface UpsampleResponseExperiment {
  readonly name: 'upsample-response';
  readonly image: ImageName;
  readonly scale: 2 | 4;
}

/** What a "predict, then run" exercise runs. */
export type Experiment = FilterResponseExperiment | PoolResponseExperiment | UpsampleResponseExperiment;

/** The reader's last answer, saved with the progress (JSON). */
export type SavedAnswer = string | number | boolean | null | readonly SavedAnswer[];
