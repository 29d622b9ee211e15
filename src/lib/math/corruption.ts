/**
 * Seeded corruptions of [0, 1] grayscale images, for the denoising lesson.
 *
 * All functions are pure: they return a new Float32Array and never touch their input.
 * Randomness comes from an injected `rng` (floats in [0, 1)), normally the project's
 * `mulberry32(deriveSeed(seed, 'noise', …))`, so the same seed gives the same noisy images
 * in the widget, in the worker and in a test.
 */

/** A source of uniform floats in [0, 1), e.g. `mulberry32(seed)`. */
export type Random = () => number;

/** What to do to the images; `corrupt` dispatches on `kind`. */
export type CorruptionSpec =
  | { kind: 'gaussian'; sigma: number }
  | { kind: 'salt-pepper'; rate: number }
  | { kind: 'mask'; fraction: number }
  | { kind: 'none' };

/** Throws unless the image is non-empty and NaN-free. */
function checkPixels(name: string, img: ArrayLike<number>): void {
  if (img.length === 0) throw new Error(`${name}: empty image`);
  for (let i = 0; i < img.length; i++) {
    if (Number.isNaN(img[i])) throw new Error(`${name}: pixel ${i} is NaN`);
  }
}

function checkUnit(name: string, label: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`${name}: ${label} must be in [0, 1], got ${value}`);
}

/**
 * A standard normal sampler (mean 0, std 1) driven by `rng`, by the Box–Muller transform:
 * two uniforms u1, u2 give two independent normals √(−2 ln u1)·cos(2πu2) and ·sin(2πu2).
 * The second one is kept for the next call, so each pair of uniforms serves two samples.
 */
export function gaussianSampler(rng: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // 1 − rng() lies in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * Adds independent Gaussian noise of standard deviation `sigma` (in pixel units, so 0.1 is
 * 10 % of the full range) to every pixel, then clips to [0, 1] as a real image would be.
 * Clipping makes the effective noise smaller near black and white. sigma = 0 copies.
 */
export function gaussianNoise(img: ArrayLike<number>, sigma: number, rng: Random): Float32Array {
  checkPixels('gaussianNoise', img);
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new Error(`gaussianNoise: sigma must be a finite number ≥ 0, got ${sigma}`);
  const normal = gaussianSampler(rng);
  const out = new Float32Array(img.length);
  for (let i = 0; i < img.length; i++) out[i] = Math.min(1, Math.max(0, img[i]! + sigma * normal()));
  return out;
}

/**
 * Salt-and-pepper noise: each pixel independently, with probability `rate`, is replaced by
 * 0 (pepper) or 1 (salt), each half the time. So about rate × pixels are replaced; a replaced
 * pixel that already had that value looks unchanged (a black MNIST background hides pepper).
 */
export function saltAndPepper(img: ArrayLike<number>, rate: number, rng: Random): Float32Array {
  checkPixels('saltAndPepper', img);
  checkUnit('saltAndPepper', 'rate', rate);
  const out = Float32Array.from(img);
  for (let i = 0; i < out.length; i++) {
    if (rng() < rate) out[i] = rng() < 0.5 ? 0 : 1;
  }
  return out;
}

/** Side in pixels of the square patch `randomMask` zeroes: round(√(fraction·w·h)), at most min(w, h). */
export function maskSide(width: number, height: number, fraction: number): number {
  checkSize('maskSide', 0, width, height);
  checkUnit('maskSide', 'fraction', fraction);
  return Math.min(width, height, Math.round(Math.sqrt(fraction * width * height)));
}

function checkSize(name: string, length: number, width: number, height: number): void {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new Error(`${name}: width and height must be positive integers, got ${width}×${height}`);
  }
  if (length % (width * height) !== 0) {
    throw new Error(`${name}: ${length} pixels are not a whole number of ${width}×${height} images`);
  }
}

/**
 * Zeroes one square patch (an occlusion), side = maskSide(w, h, fraction), placed uniformly at
 * random wholly inside the image. So it covers about `fraction` of the pixels: exactly
 * side²/(w·h), which rounds (a 28×28 image at 0.25 gives 14×14), and is capped at the shorter
 * side for a long thin image. fraction = 0 copies the image.
 */
export function randomMask(img: ArrayLike<number>, width: number, height: number, fraction: number, rng: Random): Float32Array {
  checkPixels('randomMask', img);
  checkSize('randomMask', img.length, width, height);
  if (img.length !== width * height) throw new Error(`randomMask: expected one ${width}×${height} image, got ${img.length} pixels (use corrupt for a batch)`);
  checkUnit('randomMask', 'fraction', fraction);
  const out = Float32Array.from(img);
  zeroPatch(out, 0, width, height, maskSide(width, height, fraction), rng);
  return out;
}

/** Zeroes a side×side square at a random place inside the image starting at `offset`, in place. */
function zeroPatch(out: Float32Array, offset: number, width: number, height: number, side: number, rng: Random): void {
  if (side === 0) return;
  const left = Math.floor(rng() * (width - side + 1));
  const top = Math.floor(rng() * (height - side + 1));
  for (let y = top; y < top + side; y++) {
    const row = offset + y * width + left;
    out.fill(0, row, row + side);
  }
}

/**
 * Applies `spec` to one image or to a batch stored image after image in one flat array
 * (length = count × width × height). Images are corrupted in order from one `rng` stream, so
 * a batch is reproducible from one seed. 'none' returns a copy. Returns a new Float32Array.
 */
export function corrupt(images: ArrayLike<number>, width: number, height: number, spec: CorruptionSpec, rng: Random): Float32Array {
  checkSize('corrupt', images.length, width, height);
  switch (spec.kind) {
    case 'none':
      checkPixels('corrupt', images);
      return Float32Array.from(images);
    // Pixel-wise noises do not care where one image ends: do the whole batch at once.
    case 'gaussian':
      return gaussianNoise(images, spec.sigma, rng);
    case 'salt-pepper':
      return saltAndPepper(images, spec.rate, rng);
    case 'mask': {
      checkPixels('corrupt', images);
      checkUnit('corrupt', 'fraction', spec.fraction);
      const size = width * height;
      const side = maskSide(width, height, spec.fraction);
      const out = Float32Array.from(images);
      for (let start = 0; start < out.length; start += size) zeroPatch(out, start, width, height, side, rng);
      return out;
    }
    default: {
      // A new kind added to the union without a case here fails to compile.
      const unknown: never = spec;
      throw new Error(`corrupt: unknown corruption ${JSON.stringify(unknown)}`);
    }
  }
}

/** A corruption's kind and strength as one number: σ, rate or area (0 for none or no corruption). */
export function corruptionStrength(c: CorruptionSpec | undefined): { kind: CorruptionSpec['kind']; level: number } {
  if (!c) return { kind: 'none', level: 0 };
  switch (c.kind) {
    case 'gaussian': return { kind: c.kind, level: c.sigma };
    case 'salt-pepper': return { kind: c.kind, level: c.rate };
    case 'mask': return { kind: c.kind, level: c.fraction };
    case 'none': return { kind: c.kind, level: 0 };
  }
}

/** The corruption of `kind` at strength `level` (σ, rate or area): the inverse of corruptionStrength. */
export function corruptionAt(kind: Exclude<CorruptionSpec['kind'], 'none'>, level: number): CorruptionSpec {
  switch (kind) {
    case 'gaussian': return { kind, sigma: level };
    case 'salt-pepper': return { kind, rate: level };
    case 'mask': return { kind, fraction: level };
  }
}
