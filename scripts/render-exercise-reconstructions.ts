/**
 * Renders the pictures of the Autoencoders lesson's "which code size?" exercise: one MNIST test 4
 * and its reconstructions by three dense autoencoders with codes of 2, 8 and 32 numbers, each
 * trained in Node through the training cell's own worker handler with the lesson's default
 * settings (10,000 digits, 3 epochs, batch 64, Adam 0.001, seed 42). Writes 28 × 28 grayscale PNGs:
 *
 *   public/images/exercises/ae-four-original.png, ae-four-a.png (k = 32), ae-four-b.png (k = 8),
 *   ae-four-c.png (k = 2), and SOURCE.md with the settings and each picture's PSNR.
 *
 * The letters, not the code sizes, name the files: the page must not give the answer away.
 *
 *   npx tsx scripts/render-exercise-reconstructions.ts [--preview out.png] [--backend cpu]
 *   (--preview writes a contact sheet of the first test 4s instead: rows original, k = 32, 8, 2)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { psnr } from '../src/lib/math/reconstruction';
import { quantiseProbabilities } from '../src/lib/ml/evaluate';
import { AUTOENCODER_LEARNING_RATE } from '../src/lib/ml/models-autoencoder';
import { nullModelStore, readSplit, runCellHandler, artifactsOf } from './pretrain/common';
import { encodeGrayPng } from './pretrain/png';

const OUT_DIR = 'public/images/exercises';
/** Position of the chosen 4 among the MNIST test set's 4s (picked from the preview sheet). */
const CHOSEN_FOUR = 8;
const PREVIEW_COUNT = 16;
/** Option letter → code size, in the order the exercise lists them. */
const OPTIONS = [{ letter: 'a', k: 32 }, { letter: 'b', k: 8 }, { letter: 'c', k: 2 }] as const;
const SETTINGS = { trainSize: 10000, epochs: 3, batchSize: 64, learningRate: AUTOENCODER_LEARNING_RATE, seed: 42 };

const backend = process.argv.includes('cpu') ? 'cpu' : 'wasm';
const previewAt = process.argv.indexOf('--preview');
const previewPath = previewAt >= 0 ? process.argv[previewAt + 1] : undefined;

/** Trains one dense autoencoder with a code of `k` numbers; returns a copy of the trained model. */
async function train(k: number): Promise<tf.LayersModel> {
  const store = nullModelStore();
  let saved: tf.LayersModel | undefined;
  store.save = async (model) => {
    saved = await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(model)));
  };
  const run = await runCellHandler({
    task: 'autoencoder', model: 'dense-autoencoder', hyper: { epochs: SETTINGS.epochs, batchSize: SETTINGS.batchSize, learningRate: SETTINGS.learningRate },
    seed: SETTINGS.seed, backend, baseUrl: '', bottleneck: k,
    data: { kind: 'dataset', dataset: 'mnist', split: 'train', limit: SETTINGS.trainSize },
    validationCount: 5000, test: { kind: 'dataset', dataset: 'mnist', split: 'test', limit: 1000 }, saveKey: 'ae-dense',
  }, store);
  if (run.failure || !saved) throw new Error(run.failure ?? `k = ${k}: no model saved`);
  return saved;
}

/** Reconstructions of `images` ([n × 784] bytes) as bytes. */
function reconstruct(model: tf.LayersModel, images: Uint8Array, n: number): Uint8Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(images, (v) => v / 255), [n, 28, 28, 1]);
    return quantiseProbabilities((model.predict(x) as tf.Tensor).dataSync());
  });
}

/** Rows of 28 × 28 images side by side, each pixel drawn 3 × 3, with a 3-pixel grey gap. */
function contactSheet(rows: Uint8Array[][]): Buffer {
  const s = 3;
  const cell = 28 * s + 3;
  const width = rows[0]!.length * cell;
  const height = rows.length * cell;
  const out = new Uint8Array(width * height).fill(96);
  rows.forEach((row, r) => row.forEach((img, c) => {
    for (let y = 0; y < 28 * s; y++) for (let x = 0; x < 28 * s; x++) out[(r * cell + y) * width + c * cell + x] = img[Math.floor(y / s) * 28 + Math.floor(x / s)]!;
  }));
  return encodeGrayPng(out, width, height);
}

async function main(): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend did not start`);
  const test = readSplit('mnist', 'test', 10000);
  const fours = [...test.labels.keys()].filter((i) => test.labels[i] === 4).slice(0, previewPath ? PREVIEW_COUNT : CHOSEN_FOUR + 1);
  const picked = previewPath ? fours : [fours[CHOSEN_FOUR]!];
  const images = new Uint8Array(picked.length * 784);
  picked.forEach((t, j) => images.set(test.images.subarray(t * 784, (t + 1) * 784), j * 784));
  const split = (bytes: Uint8Array): Uint8Array[] => picked.map((_, j) => bytes.slice(j * 784, (j + 1) * 784));

  const outputs = new Map<number, Uint8Array[]>();
  for (const { k } of OPTIONS) {
    const started = performance.now();
    const model = await train(k);
    outputs.set(k, split(reconstruct(model, images, picked.length)));
    model.dispose();
    console.log(`k = ${k}: trained in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const originals = split(images);
  if (previewPath) {
    writeFileSync(previewPath, contactSheet([originals, ...OPTIONS.map(({ k }) => outputs.get(k)!)]));
    console.log(`wrote ${previewPath}: test 4s #0–${picked.length - 1} (test indices ${picked.join(', ')})`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'ae-four-original.png'), encodeGrayPng(originals[0]!, 28, 28));
  const lines = OPTIONS.map(({ letter, k }) => {
    const img = outputs.get(k)![0]!;
    writeFileSync(join(OUT_DIR, `ae-four-${letter}.png`), encodeGrayPng(img, 28, 28));
    return `| \`ae-four-${letter}.png\` | ${k} | ${psnr(originals[0]!, img, 255).toFixed(1)} dB |`;
  });
  writeFileSync(join(OUT_DIR, 'SOURCE.md'), `# Exercise pictures: reconstructions at three code sizes

Produced by \`npx tsx scripts/render-exercise-reconstructions.ts\` (this repository; tfjs ${tf.version.tfjs},
${backend} backend, Node ${process.version}). Nothing downloaded.

\`ae-four-original.png\` is MNIST test image #${picked[0]} (a 4; MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0), 28 × 28 grey levels.
The others are its reconstructions by the Autoencoders lesson's dense autoencoder
(\`dense-autoencoder\`, src/lib/ml/models-autoencoder.ts) trained through the training cell's own worker handler
with the lesson's defaults: the first ${SETTINGS.trainSize.toLocaleString('en-US')} MNIST training digits, ${SETTINGS.epochs} epochs, batch ${SETTINGS.batchSize},
Adam with learning rate ${SETTINGS.learningRate}, seed ${SETTINGS.seed}, and a code of k numbers:

| File | Code size k | PSNR of this picture |
|---|---|---|
${lines.join('\n')}

The files are named by the exercise's option letters, never by code size, so the page does not give the answer away.
`);
  console.log(`wrote ${OUT_DIR}: test image #${picked[0]}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
