/**
 * Grading of every exercise kind. Pure functions: no DOM, no storage. Feedback says what is
 * wrong and where, never what the answer is.
 */
import { corruptionStrength, type CorruptionSpec } from '../math/corruption';
import type { Kernel3x3 } from '../math/conv2d';
import { CRITERIA, type CriterionReport } from './criteria';
import { formatNumber, parseDecimal } from './parse-decimal';
import type { FilterDesignSpec, GridSpec, ModelChallengeSpec, MultipleChoiceSpec, NumericSpec, PredictSpec } from './types';

/** 'invalid': the answer could not be read (nothing chosen, not a number); it is not counted as an attempt. */
export type GradeStatus = 'correct' | 'incorrect' | 'invalid';

export interface Grade {
  readonly status: GradeStatus;
  readonly message: string;
}

const RIGHT = 'Correct!';

export function gradeMultipleChoice(spec: MultipleChoiceSpec, selected: readonly number[]): Grade {
  const picked = [...new Set(selected)].filter((i) => Number.isInteger(i) && i >= 0 && i < spec.options.length);
  if (picked.length === 0) return { status: 'invalid', message: spec.multiple ? 'Pick at least one option first.' : 'Pick an option first.' };
  const right = new Set(spec.answer);
  const hits = picked.filter((i) => right.has(i)).length;
  const wrong = picked.filter((i) => !right.has(i));
  if (hits === right.size && wrong.length === 0) return { status: 'correct', message: RIGHT };
  const extra = wrong.map((i) => spec.feedback?.[i]).filter((f): f is string => !!f);
  let message: string;
  if (!spec.multiple) message = 'Not this one.';
  else if (wrong.length > 0) message = `Not quite: ${wrong.length === 1 ? 'one of your picks is' : `${wrong.length} of your picks are`} wrong.`;
  else message = 'Not quite: all your picks are right, but at least one right option is missing.';
  return { status: 'incorrect', message: [message, ...extra].join(' ') };
}

export function gradeNumeric(spec: NumericSpec, raw: string): Grade {
  const parsed = parseDecimal(raw);
  if (!parsed.ok) return { status: 'invalid', message: parsed.reason };
  if (Math.abs(parsed.value - spec.answer) <= spec.tolerance + 1e-9) return { status: 'correct', message: RIGHT };
  const direction = parsed.value > spec.answer ? 'too high' : 'too low';
  return { status: 'incorrect', message: `Not quite: ${formatNumber(parsed.value)} is ${direction}.` };
}

export interface GridGrade extends Grade {
  /** Per cell: right, wrong, or unreadable. */
  readonly cells: GradeStatus[][];
  /** Per cell: why it could not be read, or null. */
  readonly reasons: (string | null)[][];
}

export function gradeGrid(spec: GridSpec, raw: readonly (readonly string[])[]): GridGrade {
  const reasons: (string | null)[][] = [];
  const cells = spec.expected.map((row, r) =>
    row.map((expected, c) => {
      const parsed = parseDecimal(raw[r]?.[c] ?? '');
      (reasons[r] ??= [])[c] = parsed.ok ? null : parsed.reason;
      if (!parsed.ok) return 'invalid' as const;
      return Math.abs(parsed.value - expected) <= spec.tolerance + 1e-9 ? ('correct' as const) : ('incorrect' as const);
    }),
  );
  const flat = cells.flat();
  const unreadable = flat.filter((s) => s === 'invalid').length;
  if (unreadable > 0) {
    return { status: 'invalid', cells, reasons, message: `${unreadable === 1 ? 'One cell does' : `${unreadable} cells do`} not hold a plain number yet.` };
  }
  const right = flat.filter((s) => s === 'correct').length;
  if (right === flat.length) return { status: 'correct', cells, reasons, message: `${RIGHT} All ${flat.length} cells are right.` };
  return { status: 'incorrect', cells, reasons, message: `${right} of ${flat.length} cells are right. The wrong ones are marked.` };
}

export interface FilterDesignGrade extends Grade {
  /** Per kernel cell: why it could not be read, or null. */
  readonly cellErrors: (string | null)[];
  /** Present when all nine values were read and the filter was tested. */
  readonly report?: CriterionReport;
  readonly kernel?: Kernel3x3;
}

export function gradeFilterDesign(spec: FilterDesignSpec, raw: readonly string[]): FilterDesignGrade {
  const parsed = Array.from({ length: 9 }, (_, i) => parseDecimal(raw[i] ?? ''));
  const cellErrors = parsed.map((p) => (p.ok ? null : p.reason));
  const bad = cellErrors.filter((e) => e !== null).length;
  if (bad > 0) return { status: 'invalid', cellErrors, message: `${bad === 1 ? 'One filter value is' : `${bad} filter values are`} not a plain number.` };
  const kernel = parsed.map((p) => (p.ok ? p.value : 0)) as unknown as Kernel3x3;
  const report = CRITERIA[spec.criterion].evaluate(kernel);
  const failed = report.checks.filter((c) => !c.passed);
  const message = failed.length === 0
    ? `${RIGHT} Your filter passed all ${report.checks.length} tests.`
    : `Not yet: ${failed.length} of ${report.checks.length} tests failed (${failed.map((c) => c.label.toLowerCase()).join('; ')}).`;
  return { status: failed.length === 0 ? 'correct' : 'incorrect', cellErrors, report, kernel, message };
}

/** Grades a committed prediction: an option index for a choice, the typed text for a number or a size. */
export function gradePredict(spec: PredictSpec, guess: number | string | null): Grade {
  const { guess: g } = spec;
  if (g.kind !== 'choice') {
    const parsed = parseDecimal(typeof guess === 'string' ? guess : '');
    if (!parsed.ok) return { status: 'invalid', message: `Commit to a prediction first: ${parsed.reason}` };
    // A size is a whole number of pixels: no tolerance.
    const tolerance = g.kind === 'number' ? g.tolerance : 0;
    return Math.abs(parsed.value - g.answer) <= tolerance + 1e-9
      ? { status: 'correct', message: 'Your prediction was right!' }
      : { status: 'incorrect', message: `Your prediction, ${formatNumber(parsed.value)}, was ${parsed.value > g.answer ? 'too high' : 'too low'}. Compare it with the result.` };
  }
  if (typeof guess !== 'number' || !Number.isInteger(guess) || guess < 0 || guess >= g.options.length) {
    return { status: 'invalid', message: 'Commit to a prediction first.' };
  }
  return guess === g.answer
    ? { status: 'correct', message: 'Your prediction was right!' }
    : { status: 'incorrect', message: 'Your prediction was not what happened. Compare it with the result.' };
}

/** What a model challenge reads from the stored model's record. */
export interface ChallengeEvidence {
  readonly source: 'trained' | 'pretrained';
  readonly testAccuracy: number;
  readonly testExamples: number;
  readonly testPsnr?: number;
  readonly testAuc?: number;
  readonly bottleneck?: number;
  readonly corruption?: CorruptionSpec;
  readonly latent?: number;
  readonly testReconstruction?: number;
  readonly testKl?: number;
  /** Lesson 6: what the regression learned from, and with how many labels per class. */
  readonly features?: string;
  readonly dataset?: 'mnist' | 'fashion-mnist';
  readonly labelsPerClass?: number | undefined;
  /** Lesson 10: how much the super-resolution network enlarges. */
  readonly scale?: number;
}


/** The graded figure of a record, and how to write it ("87.3%", "18.2 dB"). */
export function challengeFigure(spec: Pick<ModelChallengeSpec, 'metric'>, evidence: ChallengeEvidence): { value: number; text: (v: number) => string } {
  if (spec.metric === 'psnr') return { value: evidence.testPsnr ?? NaN, text: (v) => `${v.toFixed(1)} dB` };
  if (spec.metric === 'auc') return { value: evidence.testAuc ?? NaN, text: (v) => `an AUC of ${v.toFixed(3)}` };
  if (spec.metric === 'reconstruction') return { value: evidence.testReconstruction ?? NaN, text: (v) => `a reconstruction error of ${v.toFixed(1)} nats` };
  return { value: evidence.testAccuracy, text: (v) => `${(v * 100).toFixed(1)}%` };
}

const NOISE_GOALS = { gaussian: 'Gaussian noise σ', 'salt-pepper': 'salt-and-pepper noise, rate', mask: 'masking, area' } as const;

/**
 * The challenge's goal in words: "test PSNR ≥ 18 dB with a code of at most 16 numbers". Built
 * here, not in the template, where whitespace at the edge of a block is trimmed ("dBwith").
 */
export function challengeGoal(spec: ModelChallengeSpec): string {
  if (spec.metric === 'auc') return `an AUC of at least ${spec.threshold} on the mixed test stream`;
  if (spec.metric === 'reconstruction') {
    const kl = spec.minKl !== undefined && spec.maxKl !== undefined ? ` and a KL from ${spec.minKl} to ${spec.maxKl} nats` : spec.maxKl !== undefined ? ` and a KL of at most ${spec.maxKl} nats` : '';
    return `test reconstruction ≤ ${spec.threshold} nats per image${kl}${spec.latent !== undefined ? `, latent size ${spec.latent}` : ''}`;
  }
  if (spec.metric !== 'psnr') {
    const labels = spec.maxLabelsPerClass !== undefined ? ` with at most ${spec.maxLabelsPerClass} labelled images per class` : '';
    const data = spec.dataset === 'mnist' ? ' on MNIST digits' : spec.dataset === 'fashion-mnist' ? ' on Fashion-MNIST' : '';
    return `test accuracy ≥ ${Number((spec.threshold * 100).toFixed(1))}%${data}${spec.deepFeatures ? ' from deep features' : ''}${labels}`;
  }
  const parts = [`test PSNR ≥ ${spec.threshold} dB`];
  if (spec.scale !== undefined) parts.push(` at ×${spec.scale}`);
  if (spec.dataset !== undefined) parts.push(spec.dataset === 'mnist' ? ' on MNIST digits' : ' on Fashion-MNIST');
  if (spec.maxBottleneck !== undefined) parts.push(` with a code of at most ${spec.maxBottleneck} numbers`);
  if (spec.noise) parts.push(`, trained on ${NOISE_GOALS[spec.noise.kind]} ≥ ${spec.noise.level}`);
  return parts.join('');
}

/** Grades a model challenge from the stored record (null: nothing trained yet, not an attempt). */
export function gradeModelChallenge(spec: ModelChallengeSpec, evidence: ChallengeEvidence | null): Grade {
  if (!evidence) return { status: 'invalid', message: 'No trained model found yet: train one in the training cell first, then check again.' };
  if (evidence.source !== 'trained') return { status: 'invalid', message: 'The stored model is the pretrained one: the challenge counts a model you trained yourself.' };
  const { value, text } = challengeFigure(spec, evidence);
  if (!(evidence.testExamples > 0) || !Number.isFinite(value)) return { status: 'invalid', message: 'The stored model has no test result: train it to the end once more.' };
  if (spec.maxBottleneck !== undefined && !(evidence.bottleneck !== undefined && evidence.bottleneck <= spec.maxBottleneck)) {
    return { status: 'incorrect', message: `Your model's code has ${evidence.bottleneck ?? 'an unknown number of'} numbers; the challenge allows at most ${spec.maxBottleneck}. Pick a smaller code size and train again.` };
  }
  if (spec.noise) {
    const trained = corruptionStrength(evidence.corruption);
    if (trained.kind !== spec.noise.kind || trained.level + 1e-9 < spec.noise.level) {
      return { status: 'incorrect', message: `The challenge asks for a denoiser trained on ${spec.noise.kind === 'gaussian' ? 'Gaussian noise' : spec.noise.kind} of at least ${spec.noise.level}; yours was trained on ${trained.kind === 'none' ? 'clean images' : `${trained.kind === 'gaussian' ? 'Gaussian noise' : trained.kind} of ${trained.level}`}. Set the noise and train again.` };
    }
  }
  if (spec.metric === 'reconstruction') return gradeVae(spec, evidence, value);
  if (spec.dataset !== undefined && evidence.dataset !== spec.dataset) {
    const name = (d: string | undefined) => (d === 'mnist' ? 'MNIST digits' : d === 'fashion-mnist' ? 'Fashion-MNIST' : 'another data set');
    return { status: 'incorrect', message: `Your stored model was trained on ${name(evidence.dataset)}; the challenge is on ${name(spec.dataset)}. Pick it under Data set and train again.` };
  }
  if (spec.scale !== undefined && evidence.scale !== spec.scale) {
    return { status: 'incorrect', message: `Your stored network enlarges ${evidence.scale !== undefined ? `by ${evidence.scale}` : 'by an unknown scale'}; the challenge is at ×${spec.scale}. Pick it under Scale and train again.` };
  }
  if (spec.deepFeatures && (evidence.features === undefined || evidence.features === 'pixels')) {
    return { status: 'incorrect', message: `Your stored model learned from ${evidence.features === 'pixels' ? 'raw pixels' : 'images, not features'}; the challenge asks for deep features. Choose a network layer under Features and train again.` };
  }
  if (spec.maxLabelsPerClass !== undefined && !(evidence.labelsPerClass !== undefined && evidence.labelsPerClass <= spec.maxLabelsPerClass)) {
    return { status: 'incorrect', message: `Your model saw ${evidence.labelsPerClass ?? 'all the loaded'} labelled images per class; the challenge allows at most ${spec.maxLabelsPerClass}. Lower Labels per class and train again.` };
  }
  if (value >= spec.threshold) return { status: 'correct', message: `Correct! Your model reaches ${text(value)} on the test images.` };
  return { status: 'incorrect', message: `Your model reaches ${text(value)} on the test images; the goal is ${text(spec.threshold)}.` };
}

/** A VAE: the latent size, the KL range (codes neither ignoring the image nor far from N(0, I)), then the reconstruction, lower is better. */
function gradeVae(spec: ModelChallengeSpec, evidence: ChallengeEvidence, reconstruction: number): Grade {
  if (spec.latent !== undefined && evidence.latent !== spec.latent) {
    return { status: 'incorrect', message: `Your VAE has a latent size of ${evidence.latent ?? 'unknown'}; the challenge asks for ${spec.latent}. Set it in the cell and train again.` };
  }
  const kl = evidence.testKl ?? NaN;
  if (!Number.isFinite(kl)) return { status: 'invalid', message: 'The stored model has no KL figure: is it a VAE? Train it in the VAE cell.' };
  if (spec.maxKl !== undefined && kl > spec.maxKl) {
    return { status: 'incorrect', message: `Your VAE's test KL is ${kl.toFixed(1)} nats, above ${spec.maxKl}: its codes are far from N(0, I), so sampling from N(0, I) would miss them. What pulls them in?` };
  }
  if (spec.minKl !== undefined && kl < spec.minKl) {
    return { status: 'incorrect', message: `Your VAE's test KL is ${kl.toFixed(2)} nats, below ${spec.minKl}: its codes barely depend on the image. Train longer, or with a smaller β.` };
  }
  if (reconstruction <= spec.threshold) return { status: 'correct', message: `Correct! Reconstruction ${reconstruction.toFixed(1)} nats and KL ${kl.toFixed(1)} nats per test image.` };
  return { status: 'incorrect', message: `Your VAE reconstructs the test digits with ${reconstruction.toFixed(1)} nats per image; the goal is at most ${spec.threshold}. Its KL (${kl.toFixed(1)}) is in range.` };
}
