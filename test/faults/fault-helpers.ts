import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DATABASE_FILE } from '../../src-main/core/store/database.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Small fast PRNG (mulberry32), so every run of the suite kills at the same moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces `target`'s workspace by a copy of the closed workspace `source`. */
export function copyWorkspace(source: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyFileSync(path.join(source, DATABASE_FILE), path.join(target, DATABASE_FILE));
}

export interface ChildOutcome {
  /** True when the child was killed while the operation ran, false when it finished first. */
  killed: boolean;
  exitCode: number | null;
  stderr: string;
}

/**
 * Runs `script` under tsx in a child process and SIGKILLs it `killAfterMs` after it writes
 * `started`; null lets it finish. Rejects when the child fails on its own.
 */
export function runChild(script: string, args: string[], killAfterMs: number | null): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SHOPREC_LOG_LEVEL: 'error' },
    });
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (killAfterMs === null || timer !== null || !chunk.toString().includes('started')) return;
      timer = setTimeout(() => {
        killed = child.kill('SIGKILL');
      }, killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) return resolve({ killed: true, exitCode: null, stderr });
      if (code === 0) return resolve({ killed: false, exitCode: 0, stderr });
      reject(new Error(`child exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
    });
  });
}
