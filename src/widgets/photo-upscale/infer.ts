/**
 * The photo upscaler's tfjs half, loaded with import() once the widget shows: a lease on the
 * chosen network from the page's shared model cache (model-cache.ts: the reader's stored one,
 * else shipped weights, on tfjs's CPU backend), and its tiles run as one batched predict.
 */
import * as tf from '@tensorflow/tfjs';
import { predictImages } from '../../lib/ml/predict-images';
import { modelCache, type ModelCache, type ModelLease } from '../../lib/ml/model-cache';
import { DEFAULT_SHIPPED, isSuperresRecord, networkLine, shippedUrl, type NetworkChoice, type ShippedId } from './networks';
import { NET_SIDE, type TileNetwork } from './upscale';

export interface LoadedNetwork {
  /** Shared: do not dispose; release() once, on swap and on unmount. */
  lease: ModelLease;
  /** What was asked for, and what came: 'yours' falls back to the default shipped network when nothing usable is stored. */
  used: NetworkChoice;
  scale: 2 | 4;
  /** What it is and what it was trained on, for the line above the panels. */
  line: string;
}

/** The network's scale, from its input: 14 × 14 → ×2, 7 × 7 → ×4. Throws for any other shape. */
export function networkScale(model: tf.LayersModel): 2 | 4 {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  const side = input[1];
  if (input[1] !== input[2] || input[3] !== 1 || output[1] !== NET_SIDE || output[2] !== NET_SIDE || output[3] !== 1 || (side !== 14 && side !== 7)) {
    throw new Error(`This network maps ${input.slice(1).join(' × ')} to ${output.slice(1).join(' × ')}; the upscaler needs 14 × 14 × 1 or 7 × 7 × 1 to 28 × 28 × 1`);
  }
  return side === 14 ? 2 : 4;
}

/**
 * Runs `model` on `count` tiles (tile × tile floats in 0…1, one after another) in one batched
 * predict inside tf.tidy: the input [count, tile, tile, 1], the output [count, 28, 28, 1] clipped
 * to 0…1 (the residual can overshoot, and the lesson measures it clipped) and every intermediate
 * are freed before it returns. Returns count × 784 floats.
 */
export function runTiles(model: tf.LayersModel, tiles: Float32Array, count: number, tile: number): Float32Array {
  if (tiles.length !== count * tile * tile) throw new Error(`runTiles: ${tiles.length} values are not ${count} tiles of ${tile} × ${tile}`);
  return predictImages(model, tiles, count, tile, true);
}

/**
 * Tiles per predict call. On the CPU backend 64 tiles in one call took about 0.8 s here
 * (npm run bench, superres): one long task that froze the page. In chunks of 8, with a frame
 * between them, no single task is longer than about 0.1 s.
 */
export const TILE_CHUNK = 8;

/** `runTiles` bound to a model, in the shape upscaleRegion takes: chunk by chunk, yielding a frame between chunks. */
export const tileNetwork = (model: tf.LayersModel): TileNetwork => async (tiles, count, tile) => {
  const out = new Float32Array(count * NET_SIDE * NET_SIDE);
  const size = tile * tile;
  for (let start = 0; start < count; start += TILE_CHUNK) {
    const n = Math.min(TILE_CHUNK, count - start);
    out.set(runTiles(model, tiles.subarray(start * size, (start + n) * size), n, tile), start * NET_SIDE * NET_SIDE);
    if (start + n < count) await tf.nextFrame();
  }
  return out;
};

/**
 * A lease on the chosen network. 'yours' asks the cache for the reader's stored super-resolution
 * network, with the default shipped one as the fallback (the request every widget of the lesson
 * can share); a shipped choice turns every stored record down, so it always gets those weights.
 */
export async function loadNetwork(choice: NetworkChoice, storeKey: string, base: string, cache: ModelCache = modelCache): Promise<LoadedNetwork> {
  const shipped: ShippedId = choice === 'yours' ? DEFAULT_SHIPPED : choice;
  const lease = choice === 'yours'
    ? await cache.acquire({ storeKey, shippedUrl: shippedUrl(base, shipped), accept: isSuperresRecord, acceptName: 'superres' })
    : await cache.acquire({ storeKey, shippedUrl: shippedUrl(base, shipped), accept: () => false, acceptName: 'shipped-only' });
  if (!lease) throw new Error('The super-resolution network could not be loaded');
  try {
    const scale = networkScale(lease.model);
    const line = lease.record ? networkLine({ record: lease.record }) : networkLine({ shipped, meta: lease.meta });
    return { lease, used: lease.record ? 'yours' : shipped, scale, line };
  } catch (error) {
    lease.release();
    throw error;
  }
}
