/** What the reader is told when training diverges (a NaN or infinite loss), by backend. */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../ml/backends';

/** The message a reader sees when training diverges (NaN/Infinity loss). */
export function nonFiniteMessage(epoch: number, batch: number, backend: BackendName, learningRate: number): string {
  const start = `The loss became NaN (not a number) in epoch ${epoch}, batch ${batch}, so training stopped: the weights can no longer improve. `;
  // A GPU that renders only 16-bit floats overflows even at sane learning rates (measured with
  // WEBGL_FORCE_F16_TEXTURES: NaN by batch 2 at 0.001), so on WebGL the backend comes first.
  if (!float32Rendering(backend)) {
    return `${start}This graphics card computes in 16-bit floats, which overflow: open the page with ?backend=wasm (or ?backend=cpu) to train on the processor, or try a lower learning rate than ${learningRate}. Then press Reset and Train.`;
  }
  return `${start}Try a lower learning rate than ${learningRate}${backend === 'webgl' ? ', or another backend (some GPUs compute in 16-bit floats, which overflow)' : ''}, then press Reset and Train.`;
}

/** False when tfjs's WebGL backend renders to 16-bit float textures only. */
function float32Rendering(backend: BackendName): boolean {
  if (backend !== 'webgl') return true;
  try {
    return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  } catch {
    return true;
  }
}
