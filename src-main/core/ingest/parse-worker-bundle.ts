/**
 * One-file build of the parse worker for runs from TypeScript sources (the `shoprec` command,
 * tests, benchmarks). Loaded through tsx, the worker resolved and compiled its modules one by
 * one through the loader hooks and posted its first batch about 370 ms after it started, while
 * the thread that stores batches waited; from one esbuild bundle it posts it after about 140 ms.
 * Packaged builds have their own bundled worker and never come here.
 *
 * The bundle lives in node_modules/.cache/shoprec with the list of source files it was made
 * from and their modification times, and is made again when any of them changed. Any failure
 * (esbuild missing, a read-only folder) returns null and the caller falls back to tsx.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createLogger } from '../log.ts';

const log = createLogger('ingest');

type SourceStamps = Record<string, number>;

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { metafile?: { inputs: Record<string, unknown> } };
}

/** Returns the URL of an up-to-date bundle of `entry` (a .ts file URL), making it when needed. */
export function bundledWorker(entry: URL): URL | null {
  const entryPath = fileURLToPath(entry);
  const root = projectRoot(entryPath);
  if (root === null) return null;
  const folder = path.join(root, 'node_modules', '.cache', 'shoprec');
  const name = path.basename(entryPath, '.ts');
  const bundle = path.join(folder, `${name}.mjs`);
  const stampsFile = path.join(folder, `${name}.sources.json`);

  try {
    if (isFresh(bundle, stampsFile)) return pathToFileURL(bundle);
    const started = performance.now();
    build(root, entryPath, folder, bundle, stampsFile);
    log.debug('parse worker bundled', { file: bundle, ms: Math.round(performance.now() - started) });
    return pathToFileURL(bundle);
  } catch (error) {
    log.warn('could not bundle the parse worker, loading it through tsx', { detail: String(error) });
    return null;
  }
}

/** Finds the nearest folder above `file` with a node_modules folder, where bare imports resolve. */
function projectRoot(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

function isFresh(bundle: string, stampsFile: string): boolean {
  if (!existsSync(bundle) || !existsSync(stampsFile)) return false;
  const stamps = JSON.parse(readFileSync(stampsFile, 'utf8')) as SourceStamps;
  return Object.entries(stamps).every(([file, mtime]) => existsSync(file) && statSync(file).mtimeMs === mtime);
}

function build(root: string, entryPath: string, folder: string, bundle: string, stampsFile: string): void {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as EsbuildApi;
  mkdirSync(folder, { recursive: true });
  // Each process writes its own files and renames them into place, so parallel test workers
  // that all find the bundle stale never read a half-written one.
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const result = esbuild.buildSync({
    entryPoints: [entryPath],
    outfile: `${bundle}.${suffix}`,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });

  const stamps: SourceStamps = {};
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    const file = path.resolve(root, input);
    stamps[file] = statSync(file).mtimeMs;
  }
  writeFileSync(`${stampsFile}.${suffix}`, JSON.stringify(stamps));
  renameSync(`${bundle}.${suffix}`, bundle);
  renameSync(`${stampsFile}.${suffix}`, stampsFile);
}
