/**
 * The props MDX authors give <Exercise>, validated at build time with Zod (astro/zod). A bad prop
 * fails the build with a message that names the exercise. Expected answers that can be computed
 * (grids, experiments) are computed here, never typed in by hand.
 */
import { z } from 'astro/zod';
import type { Kernel3x3 } from '../math/conv2d';
import { CRITERION_NAMES, type CriterionName } from './criteria';
import { experimentOutputWidth, experimentPixel } from './experiments';
import { computeGrid, GRID_OPERATIONS } from './grid-ops';
import { KERNEL_NAMES, toKernel, type KernelName } from './kernels';
import { EXERCISE_PICTURES, PICTURE_NAMES, type ExercisePicture, type PictureName } from './exercise-pictures';
import { IMAGE_NAMES, type ImageName } from './test-images';
import type { ChoiceOption, Experiment, FilterDesignSpec, GridSpec, ModelChallengeSpec, MultipleChoiceSpec, NumericSpec, PredictSpec } from './types';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const kernelValues = z
  .union([z.array(finite).length(9), z.array(z.array(finite).length(3)).length(3)])
  .describe('A 3×3 filter: nine numbers row by row, or three rows of three.');
const pictureName = z.enum(PICTURE_NAMES as [PictureName, ...PictureName[]]).describe('Named picture from src/lib/exercises/exercise-pictures.ts.');
const option = z.union([
  z.string().min(1),
  z.object({
    label: z.string().min(1).describe('Option text.'),
    kernel: kernelValues.optional(),
    picture: pictureName.optional().describe('A picture shown with the option (its alt text must not give the answer away).'),
  }).strict(),
]).describe('An option: text, or { label, kernel } to draw a 3×3 filter, or { label, picture } to show a picture next to the text.');

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be kebab-case: lowercase letters, digits and hyphens').describe('Unique on the page and stable forever: progress is saved under it.'),
  prompt: z.string().min(1).describe('The question, as plain text. Extra material (math, figures) can go between the tags.'),
  title: z.string().min(1).optional().describe('Heading; defaults to the kind’s name.'),
  hints: z.array(z.string().min(1)).max(5).default([]).describe('Progressive hints, one more per click. Never the answer itself.'),
  solution: z.string().min(1).describe('The worked solution, shown after 3 failed attempts or on request after 2.'),
  explanation: z.string().min(1).max(300).optional().describe('One sentence of why the right answer is right, shown after a correct answer. Delivered like `solution`.'),
  pictures: z.array(pictureName).max(4).optional().describe('Pictures shown under the prompt (e.g. the original an exercise asks about), from src/lib/exercises/exercise-pictures.ts.'),
};

const predictKernel = z.union([z.enum(KERNEL_NAMES as [KernelName, ...KernelName[]]), kernelValues]).describe('Named filter from src/lib/exercises/kernels.ts, or nine numbers.');
const predictCommon = {
  ...common,
  kind: z.literal('predict'),
  image: z.enum(IMAGE_NAMES as [ImageName, ...ImageName[]]).describe('Named test image from src/lib/exercises/test-images.ts.'),
  options: z.array(option).min(2).max(6).optional().describe('Choices to predict from (with `answer`). Leave out, and give `pixel`, to predict a number.'),
  answer: z.number().int().optional().describe('0-based index of the option that matches what Run shows.'),
  pixel: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional().describe('[column, row] (0-based) of the output pixel whose value the reader predicts (for pool-response: of the pooled image); the answer is computed.'),
  tolerance: finite.min(0).default(0).describe('For a number prediction: absolute tolerance.'),
  label: z.string().min(1).default('Your prediction').describe('For a number prediction: label of the input.'),
};

const schema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('multiple-choice'),
    options: z.array(option).min(2).max(8),
    answer: z.union([z.number().int(), z.array(z.number().int()).min(1)]).describe('0-based index of the right option, or a list of them (then the reader picks all that apply).'),
    multiple: z.boolean().optional().describe('Checkboxes instead of radio buttons; defaults to true when `answer` is a list.'),
    feedback: z.array(z.string()).optional().describe('Per option: feedback shown when it is picked wrongly ("" for none).'),
  }).strict(),
  z.object({
    ...common,
    kind: z.literal('numeric'),
    answer: finite.describe('The right value.'),
    tolerance: finite.min(0).default(0).describe('Absolute tolerance: |reader − answer| ≤ tolerance is right.'),
    label: z.string().min(1).default('Your answer').describe('Label of the input.'),
    unit: z.string().min(1).optional(),
  }).strict(),
  z.object({
    ...common,
    kind: z.literal('grid'),
    operation: z.enum(GRID_OPERATIONS).describe('conv3x3 (valid positions only), maxpool2x2 or avgpool2x2 (stride 2).'),
    input: z.array(z.array(finite).min(2).max(8)).min(2).max(8).describe('The input patch, rows of numbers.'),
    kernel: kernelValues.optional().describe('The filter, for conv3x3.'),
    tolerance: finite.min(0).default(0),
  }).strict(),
  z.object({
    ...common,
    kind: z.literal('filter-design'),
    criterion: z.enum(CRITERION_NAMES as [CriterionName, ...CriterionName[]]).describe('What the reader’s filter must do; see src/lib/exercises/criteria.ts.'),
    initial: kernelValues.optional().describe('The filter the editor starts with; all zeros by default.'),
  }).strict(),
  // "Predict, then run": one more choice, on `experiment` (what Run computes).
  z.discriminatedUnion('experiment', [
    z.object({
      ...predictCommon,
      experiment: z.literal('filter-response').optional().describe('What Run shows: a test image filtered with `kernel`. The default when `experiment` is left out.'),
      kernel: predictKernel,
    }).strict(),
    z.object({
      ...predictCommon,
      experiment: z.literal('pool-response').describe('What Run shows: a test image, filtered with `kernel` if one is given, then pooled (2×2 windows, stride 2), each step with its size.'),
      kernel: predictKernel.optional().describe('Optional filter applied before pooling: a named filter from src/lib/exercises/kernels.ts, or nine numbers. Left out, the image itself is pooled.'),
      pool: z.enum(['max', 'avg']).describe('max: each 2×2 block keeps its largest value; avg: their mean.'),
      outputSize: z.literal(true).optional().describe('Predict the pooled image’s width in pixels (the test images are square); the answer is computed. Instead of `options` or `pixel`.'),
    }).strict(),
    z.object({
      ...predictCommon,
      experiment: z.literal('upsample-response').describe('What Run shows: a test image shrunk by `scale` with average pooling, then nearest, bilinear and bicubic upsampling back, each with its PSNR. Predict with `options` and `answer`.'),
      scale: z.union([z.literal(2), z.literal(4)]).describe('How much the image is shrunk: 2 or 4.'),
    }).strict(),
  ]),
  z.object({
    ...common,
    kind: z.literal('model-challenge'),
    storeKey: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).describe('Model-store key of the training cell whose model is graded.'),
    metric: z.enum(['accuracy', 'psnr', 'auc', 'reconstruction']).default('accuracy').describe('What is graded: test accuracy (classifiers), test PSNR in dB (autoencoders), the anomaly stream\'s AUC, or a VAE\'s test reconstruction in nats per image (lower is better).'),
    threshold: z.number().gt(0).max(1000).describe('Minimum test accuracy or AUC as a fraction (e.g. 0.85), minimum PSNR in dB (e.g. 18), or for a VAE the maximum test reconstruction in nats per image (e.g. 176).'),
    latent: z.number().int().min(1).optional().describe('VAEs: the latent size the model must have.'),
    minKl: z.number().min(0).optional().describe('VAEs: the least test KL per image (nats) that counts: rules out codes that ignore the image.'),
    maxKl: z.number().gt(0).optional().describe('VAEs: the most test KL per image (nats) that counts: rules out codes far from N(0, I), as with β = 0.'),
    maxBottleneck: z.number().int().min(1).optional().describe('Autoencoders: the largest code size that counts.'),
    dataset: z.enum(['mnist', 'fashion-mnist']).optional().describe('The data set the model must be trained and tested on.'),
    deepFeatures: z.boolean().optional().describe('Lesson 6: only softmax regression on a network\'s features counts, not on raw pixels.'),
    maxLabelsPerClass: z.number().int().min(1).optional().describe('Lesson 6: the most labelled training images per class that counts.'),
    scale: z.union([z.literal(2), z.literal(4)]).optional().describe('Lesson 10: the super-resolution scale the network must have (2 or 4).'),
    noise: z.object({ kind: z.enum(['gaussian', 'salt-pepper', 'mask']), level: z.number().gt(0).max(1) }).strict().optional()
      .describe('Denoisers: the model must be trained and tested on this kind of noise, at least this strong (σ, rate or area).'),
  }).strict().refine((p) => p.metric === 'psnr' || p.metric === 'reconstruction' || p.threshold <= 1, { message: 'An accuracy or AUC threshold is a fraction from 0 to 1, e.g. 0.85', path: ['threshold'] })
    .refine((p) => p.metric !== 'psnr' || p.threshold <= 100, { message: 'A PSNR threshold is in dB, at most 100', path: ['threshold'] }),
]);

export type ExerciseProps = z.input<typeof schema>;

const KIND_TITLES = {
  'multiple-choice': 'Multiple choice',
  numeric: 'Numeric answer',
  grid: 'Compute by hand',
  'filter-design': 'Design a filter',
  predict: 'Predict, then run',
  'model-challenge': 'Challenge',
} as const;

/** Everything Exercise.astro needs to render one exercise. */
export type ResolvedExercise = {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly hints: readonly string[];
  readonly solution: string;
  /** Why the right answer is right: one sentence, shown after a correct answer. */
  readonly explanation?: string;
  readonly pictures: readonly ExercisePicture[];
} & (
  | { readonly kind: 'multiple-choice'; readonly spec: MultipleChoiceSpec }
  | { readonly kind: 'numeric'; readonly spec: NumericSpec }
  | { readonly kind: 'grid'; readonly spec: GridSpec; readonly operation: (typeof GRID_OPERATIONS)[number]; readonly input: number[][]; readonly kernel?: Kernel3x3 }
  | { readonly kind: 'filter-design'; readonly spec: FilterDesignSpec; readonly initial: Kernel3x3 }
  | { readonly kind: 'predict'; readonly spec: PredictSpec }
  | { readonly kind: 'model-challenge'; readonly spec: ModelChallengeSpec }
);

type OptionProp = string | { label: string; kernel?: number[] | number[][] | undefined; picture?: PictureName | undefined };

function toOptions(options: readonly OptionProp[]): ChoiceOption[] {
  return options.map((o) => {
    if (typeof o === 'string') return { label: o };
    return { label: o.label, ...(o.kernel ? { kernel: toKernel(o.kernel) } : {}), ...(o.picture ? { picture: EXERCISE_PICTURES[o.picture] } : {}) };
  });
}

function checkIndex(index: number, count: number): void {
  if (index < 0 || index >= count) throw new Error(`answer ${index} is not an option index (0 to ${count - 1})`);
}

/** Validates and resolves an <Exercise>'s props. Throws an Error naming the exercise. */
export function resolveExercise(props: unknown): ResolvedExercise {
  const id = typeof (props as { id?: unknown })?.id === 'string' ? (props as { id: string }).id : '(no id)';
  const parsed = schema.safeParse(props);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(props)'}: ${i.message}`).join('\n');
    throw new Error(`<Exercise id="${id}"> has invalid props:\n${issues}`);
  }
  const p = parsed.data;
  try {
    const base = {
      id: p.id, title: p.title ?? KIND_TITLES[p.kind], prompt: p.prompt, hints: p.hints, solution: p.solution,
      ...(p.explanation ? { explanation: p.explanation } : {}),
      pictures: (p.pictures ?? []).map((name) => EXERCISE_PICTURES[name]),
    };
    switch (p.kind) {
      case 'multiple-choice': {
        const answer = Array.isArray(p.answer) ? [...new Set(p.answer)] : [p.answer];
        answer.forEach((a) => checkIndex(a, p.options.length));
        if (p.feedback && p.feedback.length !== p.options.length) throw new Error(`feedback has ${p.feedback.length} entries for ${p.options.length} options`);
        const multiple = p.multiple ?? Array.isArray(p.answer);
        if (!multiple && answer.length > 1) throw new Error('several answers need multiple={true}');
        return { ...base, kind: p.kind, spec: { options: toOptions(p.options), answer, multiple, ...(p.feedback ? { feedback: p.feedback } : {}) } };
      }
      case 'numeric': {
        const printed = new RegExp(`(?<![\\d.])${String(p.answer).replace('.', '\\.')}(?![\\d]|\\.\\d)`);
        const leaky = p.hints.find((h) => printed.test(h));
        if (leaky !== undefined) throw new Error(`a hint prints the answer ${p.answer}: “${leaky}”`);
        return { ...base, kind: p.kind, spec: { answer: p.answer, tolerance: p.tolerance, label: p.label, ...(p.unit ? { unit: p.unit } : {}) } };
      }
      case 'grid': {
        const kernel = p.kernel ? toKernel(p.kernel) : undefined;
        const expected = computeGrid(p.operation, p.input, kernel);
        return { ...base, kind: p.kind, operation: p.operation, input: p.input, ...(kernel ? { kernel } : {}), spec: { expected, tolerance: p.tolerance } };
      }
      case 'filter-design':
        return { ...base, kind: p.kind, spec: { criterion: p.criterion }, initial: p.initial ? toKernel(p.initial) : [0, 0, 0, 0, 0, 0, 0, 0, 0] };
      case 'predict': {
        const given = 'kernel' in p ? p.kernel : undefined;
        const kernel = given === undefined ? undefined : typeof given === 'string' ? given : toKernel(given);
        let experiment: Experiment;
        if (p.experiment === 'pool-response') experiment = { name: p.experiment, image: p.image, pool: p.pool, ...(kernel === undefined ? {} : { kernel }) };
        else if (p.experiment === 'upsample-response') experiment = { name: p.experiment, image: p.image, scale: p.scale };
        else if (kernel === undefined) throw new Error('a filter-response prediction needs a `kernel`');
        else experiment = { name: 'filter-response', image: p.image, kernel };
        const ways = [p.pixel !== undefined, p.options !== undefined || p.answer !== undefined, 'outputSize' in p && p.outputSize === true].filter(Boolean).length;
        if (ways > 1) throw new Error('one way to predict, not both: `pixel` (a number), `outputSize` (the size) or `options` and `answer` (a choice)');
        if (p.pixel) {
          const answer = experimentPixel(experiment, p.pixel[0], p.pixel[1]);
          return { ...base, kind: p.kind, spec: { experiment, guess: { kind: 'number', answer, tolerance: p.tolerance, label: p.label, pixel: p.pixel } } };
        }
        if ('outputSize' in p && p.outputSize) {
          return { ...base, kind: p.kind, spec: { experiment, guess: { kind: 'size', answer: experimentOutputWidth(experiment), label: p.label } } };
        }
        if (!p.options || p.answer === undefined) throw new Error(`a prediction needs \`options\` and \`answer\`, or \`pixel\`${experiment.name === 'pool-response' ? ', or `outputSize`' : ''}`);
        checkIndex(p.answer, p.options.length);
        return { ...base, kind: p.kind, spec: { experiment, guess: { kind: 'choice', options: toOptions(p.options), answer: p.answer } } };
      }
      case 'model-challenge':
        return { ...base, kind: p.kind, spec: { storeKey: p.storeKey, metric: p.metric, threshold: p.threshold, ...(p.maxBottleneck !== undefined ? { maxBottleneck: p.maxBottleneck } : {}), ...(p.noise ? { noise: p.noise } : {}),
          ...(p.latent !== undefined ? { latent: p.latent } : {}), ...(p.minKl !== undefined ? { minKl: p.minKl } : {}), ...(p.maxKl !== undefined ? { maxKl: p.maxKl } : {}),
          ...(p.dataset ? { dataset: p.dataset } : {}), ...(p.deepFeatures ? { deepFeatures: true } : {}), ...(p.maxLabelsPerClass !== undefined ? { maxLabelsPerClass: p.maxLabelsPerClass } : {}),
          ...(p.scale !== undefined ? { scale: p.scale } : {}) } };
    }
  } catch (error) {
    throw new Error(`<Exercise id="${id}">: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const seenOnPage = new WeakMap<object, Set<string>>();

/** Fails the build when one page declares an exercise id twice (`page` is the render's Request); returns the exercise's 1-based number on the page. */
export function claimExerciseId(page: object, id: string): number {
  const seen = seenOnPage.get(page) ?? new Set<string>();
  if (seen.has(id)) throw new Error(`<Exercise id="${id}"> appears twice on this page; ids must be unique (progress is saved under them).`);
  seen.add(id);
  seenOnPage.set(page, seen);
  return seen.size;
}
