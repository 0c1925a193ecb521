#!/usr/bin/env node
/**
 * Runs one benchmark: `npm run bench -- NAME [ARGS...]` runs test/bench/NAME.bench.ts under tsx
 * and passes ARGS (such as --json) through. Exits with the benchmark's own status, or 2 with
 * the list of benchmarks when NAME is missing or unknown.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(repoRoot, 'test', 'bench');
const SUFFIX = '.bench.ts';

function availableBenchmarks() {
  try {
    return readdirSync(benchDir)
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => name.slice(0, -SUFFIX.length))
      .sort();
  } catch {
    return [];
  }
}

const [name, ...args] = process.argv.slice(2);
const names = availableBenchmarks();
if (!name || !names.includes(name)) {
  if (name) process.stderr.write(`Unknown benchmark "${name}".\n`);
  process.stderr.write(`Usage: npm run bench -- NAME [--json]\nBenchmarks: ${names.join(', ') || '(none found in test/bench)'}\n`);
  process.exit(2);
}

// tsx is resolved from the working directory, so the benchmark runs from the repository root.
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}${SUFFIX}`), ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
