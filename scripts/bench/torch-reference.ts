// The native reference of `npm run bench`: runs torch-reference.py (the course CNN and the dense
// network trained in PyTorch on the CPU, the way the browser trains them) with Debian's python3,
// when python3-torch is installed (apt-get install -y python3-torch). CI does not need it.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface TorchThroughput { threads: number; steps: number; msPerStep: number; examplesPerSecond: number }
export interface TorchReference { torch: string; cnn: TorchThroughput[]; dense: TorchThroughput[] }

/** Debian's interpreter: the one python3-torch installs for (a pyenv python3 on PATH would not see it). */
const PYTHON = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'torch-reference.py');

/** PyTorch's figures for each thread count, or why there are none. */
export async function runTorchReference(seconds: number, threads: number[]): Promise<TorchReference | { missing: string }> {
  try {
    await promisify(execFile)(PYTHON, ['-c', 'import torch'], { timeout: 60_000 });
  } catch {
    return { missing: `PyTorch is not installed for ${PYTHON} (apt-get install -y python3-torch); native comparison skipped` };
  }
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, String(seconds), ...threads.map(String)], { timeout: (seconds * 2 * threads.length + 60) * 1000 });
  return JSON.parse(stdout) as TorchReference;
}
