/**
 * A model as a plain function of pixels, for main-thread widgets: `count` square images (side ×
 * side floats, one after another) in one predict inside tf.tidy, so the input, the output and
 * every intermediate tensor are freed before it returns.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Runs `model` ([count, side, side, 1] → [count, …]) and returns its outputs flat. `clip` clips
 * them to 0…1, as the tests measure a network whose output can overshoot (a residual, a linear layer).
 */
export function predictImages(model: tf.LayersModel, pixels: Float32Array, count: number, side: number, clip = false): Float32Array {
  return tf.tidy(() => {
    const output = model.predict(tf.tensor4d(pixels, [count, side, side, 1])) as tf.Tensor;
    return (clip ? output.clipByValue(0, 1) : output).dataSync() as Float32Array;
  });
}
