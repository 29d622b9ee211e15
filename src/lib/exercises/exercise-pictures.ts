/**
 * Pictures exercises show: small images in public/images/exercises/, rendered by a script (see
 * SOURCE.md there), each with the text alternative a screen reader gets instead. Alt texts
 * describe what is seen, never which option is right. Framework-free.
 */

export interface ExercisePicture {
  /** Path under the site's base URL, e.g. "images/exercises/ae-four-a.png". */
  readonly src: string;
  /** Pixels of the stored image (drawn larger, with visible pixels). */
  readonly width: number;
  readonly height: number;
  /** The accessible name: what the picture shows, without giving an answer away. */
  readonly alt: string;
  /** Visible caption when the picture is shown under the prompt (an option's picture has the option's text). */
  readonly caption?: string;
}

const mnist = (file: string, alt: string, caption?: string): ExercisePicture => ({ src: `images/exercises/${file}.png`, width: 28, height: 28, alt, ...(caption ? { caption } : {}) });

/** Made by scripts/render-exercise-reconstructions.ts (MNIST test image #55 and three reconstructions). */
export const EXERCISE_PICTURES = {
  'ae-four-original': mnist('ae-four-original', 'The original: a handwritten 4 with an open top, its two strokes not touching.', 'Original'),
  'ae-four-a': mnist('ae-four-a', 'Reconstruction A: a fairly sharp 4 whose top stays open; a little blur along the strokes.'),
  'ae-four-b': mnist('ae-four-b', 'Reconstruction B: a soft, blurred 4; the top is almost closed.'),
  'ae-four-c': mnist('ae-four-c', 'Reconstruction C: a grey, smeared shape with a closed loop on top, as much a 9 as a 4.'),
} as const satisfies Record<string, ExercisePicture>;

export type PictureName = keyof typeof EXERCISE_PICTURES;
export const PICTURE_NAMES = Object.keys(EXERCISE_PICTURES) as PictureName[];
