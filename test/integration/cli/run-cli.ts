import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'shoprec.mjs');
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const DATASETS = path.resolve(REPO_ROOT, '../shared/datasets');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'shoprec-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Environment of every spawned CLI: English unless a test requests otherwise, and a data folder in a
 * temporary directory so that no test can write to the real per-user ShopRec folder.
 */
function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', XDG_DATA_HOME: tempDir('shoprec-data-'), ...extra };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.SHOPREC_WORKSPACE;
  if (extra.SHOPREC_WORKSPACE) env.SHOPREC_WORKSPACE = extra.SHOPREC_WORKSPACE;
  return env;
}

/** Starts the real `bin/shoprec.mjs` with node, as `npx shoprec` would. */
export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a started CLI's output until it exits. */
export function collect(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return collect(startCli(args, env));
}

/** Parses stdout of a `--json` run, which must be exactly one JSON object. */
export function parseJson(result: CliResult): Record<string, any> {
  return JSON.parse(result.stdout) as Record<string, any>;
}
