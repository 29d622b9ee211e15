// Copies tfjs-backend-wasm's .wasm binaries into public/tfjs/ so the browser loads them from
// our own origin (the page calls setWasmPaths('<base>/tfjs/')). public/tfjs/ is git-ignored:
// it is regenerated from node_modules, so the binaries always match the installed JS.
// Also copies the unminified threaded-SIMD glue script: bundling minifies the copy tfjs turns
// into a blob for its pthread workers, which then fails ("e is not defined"); see
// src/lib/ml/register-backends.ts. Run by `npm run data`; copies only files that are missing or differ.
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCE_DIR = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
export const WASM_TARGET_DIR = join(ROOT, 'public/tfjs');
/** The pthread glue, served as-is (relative to the package root). */
export const THREADED_GLUE = 'wasm-out/tfjs-backend-wasm-threaded-simd.js';

async function digest(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Copies every dist/*.wasm file and the threaded glue script; returns the names it had to copy. */
export async function copyTfjsWasm(source = WASM_SOURCE_DIR, target = WASM_TARGET_DIR): Promise<string[]> {
  const names = (await readdir(source)).filter((name) => name.endsWith('.wasm')).sort();
  if (names.length === 0) throw new Error(`No .wasm files in ${source}: is @tensorflow/tfjs-backend-wasm installed?`);
  await mkdir(target, { recursive: true });
  const files = [...names.map((name) => ({ name, from: join(source, name) })), { name: basename(THREADED_GLUE), from: join(source, '..', THREADED_GLUE) }];
  const copied: string[] = [];
  for (const { name, from } of files) {
    const to = join(target, name);
    if ((await digest(from)) === (await digest(to))) continue;
    await copyFile(from, to);
    copied.push(name);
  }
  return copied;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const copied = await copyTfjsWasm();
  console.log(copied.length ? `tfjs wasm: copied ${copied.join(', ')} to public/tfjs/` : 'tfjs wasm: public/tfjs/ is up to date');
}
