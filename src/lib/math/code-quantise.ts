/**
 * The autoencoder's code as bytes, so "code vs JPEG at the same size" compares like with like.
 *
 * Linear per-vector quantisation: the k code values are mapped onto 2^bits evenly spaced
 * levels between the vector's own min and max, and the level numbers are packed tightly,
 * `bits` bits each, most significant bit first. To decode, the receiver also needs min and
 * max: they travel as two float32 values, an 8-byte header. Counting it is the honest choice
 * (without it a k = 2 code would look like 2 bytes), so codeSizeBytes includes it.
 * Not counted: k and bits, fixed by the model both sides share, like JPEG's decoder itself.
 */

/** Bytes of the header sent with every code: min and max as float32. */
export const CODE_HEADER_BYTES = 8;

/** A quantised code: what would be stored or sent. */
export interface QuantisedCode {
  /** The packed level numbers, ⌈k·bits/8⌉ bytes. */
  bytes: Uint8Array;
  /** Lowest code value, rounded to float32 (as transmitted). */
  min: number;
  /** Highest code value, rounded to float32 (as transmitted). */
  max: number;
  /** Bits per value, 1…16. */
  bits: number;
  /** Number of code values k. */
  length: number;
}

function checkBits(name: string, bits: number): void {
  if (!(Number.isInteger(bits) && bits >= 1 && bits <= 16)) throw new Error(`${name}: bits must be a whole number from 1 to 16, got ${bits}`);
}

/**
 * Honest size in bytes of a k-value code at `bits` bits per value:
 * ⌈k·bits/8⌉ packed bytes + CODE_HEADER_BYTES. k = 16 at 8 bits → 16 + 8 = 24 bytes.
 */
export function codeSizeBytes(k: number, bits = 8): number {
  if (!(Number.isInteger(k) && k > 0)) throw new Error(`codeSizeBytes: k must be a positive whole number, got ${k}`);
  checkBits('codeSizeBytes', bits);
  return Math.ceil((k * bits) / 8) + CODE_HEADER_BYTES;
}

/** Distance between neighbouring levels; 0 when all values are equal. */
function stepOf(min: number, max: number, bits: number): number {
  return (max - min) / (2 ** bits - 1);
}

/**
 * Quantises a code vector to `bits` bits per value (default 8).
 * Each value is rounded to the nearest level, so after dequantiseCode the error per value is
 * at most (max − min) / (2^bits − 1) / 2 (plus float32 rounding). A constant vector encodes as
 * all zero levels and decodes exactly. Throws on an empty code or a NaN/infinite value.
 */
export function quantiseCode(code: ArrayLike<number>, bits = 8): QuantisedCode {
  checkBits('quantiseCode', bits);
  if (code.length === 0) throw new Error('quantiseCode: empty code');
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < code.length; i++) {
    const v = code[i]!;
    if (!Number.isFinite(v)) throw new Error(`quantiseCode: value ${i} is not a finite number (${v})`);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // Use exactly what the header can carry, so encoder and decoder agree on the levels.
  const min = Math.fround(lo);
  const max = Math.fround(hi);
  const step = stepOf(min, max, bits);
  const top = 2 ** bits - 1;
  const bytes = new Uint8Array(Math.ceil((code.length * bits) / 8));
  let bitPos = 0;
  for (let i = 0; i < code.length; i++) {
    // Clamp: float32 rounding of min/max can put a value a hair outside [min, max].
    const level = step > 0 ? Math.min(top, Math.max(0, Math.round((code[i]! - min) / step))) : 0;
    for (let b = bits - 1; b >= 0; b--, bitPos++) {
      if ((level >> b) & 1) bytes[bitPos >> 3]! |= 0x80 >> (bitPos & 7);
    }
  }
  return { bytes, min, max, bits, length: code.length };
}

/** Rebuilds the k code values from a quantised code: min + level · step. Returns Float32Array of length k. */
export function dequantiseCode(q: QuantisedCode): Float32Array {
  checkBits('dequantiseCode', q.bits);
  if (!(Number.isInteger(q.length) && q.length > 0)) throw new Error(`dequantiseCode: length must be a positive whole number, got ${q.length}`);
  if (q.bytes.length !== Math.ceil((q.length * q.bits) / 8)) {
    throw new Error(`dequantiseCode: ${q.length} values at ${q.bits} bits need ${Math.ceil((q.length * q.bits) / 8)} bytes, got ${q.bytes.length}`);
  }
  if (!(Number.isFinite(q.min) && Number.isFinite(q.max) && q.min <= q.max)) {
    throw new Error(`dequantiseCode: min and max must be finite with min ≤ max, got ${q.min}, ${q.max}`);
  }
  const step = stepOf(q.min, q.max, q.bits);
  const out = new Float32Array(q.length);
  let bitPos = 0;
  for (let i = 0; i < q.length; i++) {
    let level = 0;
    for (let b = 0; b < q.bits; b++, bitPos++) level = (level << 1) | ((q.bytes[bitPos >> 3]! >> (7 - (bitPos & 7))) & 1);
    out[i] = q.min + level * step;
  }
  return out;
}
