/**
 * The corruptions the denoising lesson lets the reader choose, in words and numbers: their
 * levels, how a level reads ("σ = 0.5", "rate 20%"), and what to say when the chosen noise is
 * not the one the denoiser was trained on. Shared by the explorer and the PSNR chart. Pure.
 */
import { corruptionAt, corruptionStrength, type CorruptionSpec } from '../../lib/math/corruption';
import { describeCorruption } from '../../lib/ml/record-text';
import { deriveSeed, mulberry32 } from '../../lib/ml/random';

export type NoiseKind = Exclude<CorruptionSpec['kind'], 'none'>;

export interface KindInfo {
  /** "Gaussian noise" */
  name: string;
  /** What the level measures, for the slider's label and the chart's x axis. */
  parameter: string;
  /** Levels offered by the explorer's slider and plotted by the chart, ascending. */
  levels: readonly number[];
  /** Level shown first when the reader picks this kind. */
  initial: number;
}

export const NOISE_KINDS: readonly NoiseKind[] = ['gaussian', 'salt-pepper', 'mask'];

export const KIND_INFO: Record<NoiseKind, KindInfo> = {
  gaussian: { name: 'Gaussian noise', parameter: 'Noise σ', levels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], initial: 0.5 },
  'salt-pepper': { name: 'Salt-and-pepper', parameter: 'Share of pixels replaced', levels: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5], initial: 0.2 },
  mask: { name: 'Random mask', parameter: 'Share of the image masked', levels: [0.1, 0.2, 0.3, 0.4, 0.5], initial: 0.2 },
};

/** The corruption of `kind` at `level` (σ, rate or fraction). */
export const specOf: (kind: NoiseKind, level: number) => CorruptionSpec = corruptionAt;

/** Kind and level of a corruption; null for 'none' (a plain autoencoder). */
export function levelOf(spec: CorruptionSpec | undefined): { kind: NoiseKind; level: number } | null {
  const { kind, level } = corruptionStrength(spec);
  return kind === 'none' ? null : { kind, level };
}

/** "σ = 0.5", "20% of pixels", "20% masked": the level alone, for a slider's value and a chart. */
export function levelText(kind: NoiseKind, level: number): string {
  const percent = `${Math.round(level * 100)}%`;
  switch (kind) {
    case 'gaussian': return `σ = ${level}`;
    case 'salt-pepper': return `${percent} of pixels`;
    case 'mask': return `${percent} masked`;
  }
}

/** The levels of `kind` with `trained` added in order when it is not one of them (so the chart can mark it). */
export function levelsWith(kind: NoiseKind, trained: number | undefined): number[] {
  const levels = [...KIND_INFO[kind].levels];
  if (trained !== undefined && Number.isFinite(trained) && !levels.some((l) => Math.abs(l - trained) < 1e-9)) levels.push(trained);
  return levels.sort((a, b) => a - b);
}

/** Index in `levels` of the level nearest `level`. */
export function nearestIndex(levels: readonly number[], level: number): number {
  let best = 0;
  for (let i = 1; i < levels.length; i++) if (Math.abs(levels[i]! - level) < Math.abs(levels[best]! - level)) best = i;
  return best;
}

export interface TrainingNote {
  /** 'same': the noise it was trained on; 'level': same kind, another level; 'kind': a noise type it has not seen; 'clean': trained without noise. */
  match: 'same' | 'level' | 'kind' | 'clean';
  text: string;
}

/**
 * What the reader should know about the chosen noise compared with the denoiser's training
 * noise: the lesson's "what happens on a noise type it was not trained on", said plainly.
 */
export function trainingNote(trained: CorruptionSpec | undefined, chosen: CorruptionSpec): TrainingNote {
  const was = levelOf(trained);
  const now = levelOf(chosen);
  if (!was) return { match: 'clean', text: 'Your model was trained on clean images, not as a denoiser: it has not learnt to remove any noise.' };
  const trainedOn = `Trained on ${describeCorruption(trained!)}`;
  if (!now) return { match: 'kind', text: `${trainedOn}; these images have no noise.` };
  if (was.kind !== now.kind) {
    return { match: 'kind', text: `${trainedOn}; this is ${describeCorruption(chosen)}: a noise type it was not trained on and has never seen.` };
  }
  if (Math.abs(was.level - now.level) > 1e-9) {
    const more = now.level > was.level ? 'stronger' : 'weaker';
    return { match: 'level', text: `${trainedOn}; this is ${levelText(now.kind, now.level)}: the same kind of noise, ${more} than it was trained on.` };
  }
  return { match: 'same', text: `${trainedOn}: the noise it was trained to remove.` };
}

/** The explorer's noise for one (seed, kind, level): the same choice always gives the same noisy images. */
export function noiseRng(seed: number, purpose: string, kind: NoiseKind, level: number): () => number {
  return mulberry32(deriveSeed(seed, purpose, kind, level));
}
