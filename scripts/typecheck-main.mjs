#!/usr/bin/env node
/**
 * Type-checks src-main (engine, hosts, tests). The Electron host's types ship inside the
 * `electron` package, which is an optional dependency: when it is absent (its binary download
 * failed and npm removed it), src-main/electron is left out and a line is printed about it.
 * `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install` installs the package and its types without the
 * binary, which is what CI does, so CI always checks the Electron host too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const electronTypes = path.join(root, 'node_modules', 'electron', 'electron.d.ts');

let project = path.join(root, 'tsconfig.main.json');
let temporaryFolder = null;

if (!existsSync(electronTypes)) {
  process.stdout.write(
    'Electron is not installed, so src-main/electron is not type-checked here. ' +
      'Run `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install` to include it.\n',
  );
  temporaryFolder = mkdtempSync(path.join(root, '.typecheck-'));
  project = path.join(temporaryFolder, 'tsconfig.json');
  writeFileSync(
    project,
    JSON.stringify({
      extends: '../tsconfig.main.json',
      include: ['../src-main/**/*.ts', '../test/**/*.ts', '../electron.vite.config.ts', '../vitest.config.ts'],
      exclude: ['../test/e2e/**', '../test/component/**', '../test/bench/ui-stall.bench.ts', '../src-main/electron/**'],
    }),
  );
}

const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit' });
if (temporaryFolder) rmSync(temporaryFolder, { recursive: true, force: true });
process.exit(result.status ?? 1);
