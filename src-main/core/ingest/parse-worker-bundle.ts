/**
 * One-file build of the parse worker for runs from TypeScript sources (the `shoprec` command,
 * tests, benchmarks). Loaded through tsx, the worker resolved and compiled its modules one by
 * one through the loader hooks, and posted its first batch about 370 ms after it started. The
 * thread that stores batches waited all that time. From one esbuild bundle, the first batch
 * comes after about 140 ms.
 * Packaged builds have their own bundled worker and never come here.
 *
 * The bundle lives in node_modules/.cache/shoprec with the list of source files it was made
 * from and their modification times, and is made again when any of them changed. Any failure
 * (esbuild missing, a read-only folder) returns null and the caller falls back to tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createLogger } from '../log.ts';

const log = createLogger('ingest');

/** Origin of a bundle: the entry it bundles and the modification time of every source. */
interface BundleRecord {
  entry: string;
  sources: Record<string, number>;
}

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { metafile?: { inputs: Record<string, unknown> } };
}

/** Builds that saw a source change while they ran, before giving up and loading through tsx. */
const MAX_BUILD_ATTEMPTS = 3;

/**
 * Sources modified after a build started, or this little before, may have been read in their
 * older form. File systems with coarser modification times than this can still miss a save.
 */
const MTIME_MARGIN_MS = 10;

/** Returns the URL of an up-to-date bundle of `entry` (a .ts file URL), making it when needed. */
export function bundledWorker(entry: URL): URL | null {
  const entryPath = fileURLToPath(entry);
  const root = projectRoot(entryPath);
  if (root === null) return null;
  const files = bundleFiles(root, entryPath);

  try {
    if (isFresh(files, entryPath)) return pathToFileURL(files.bundle);
    for (let attempt = 1; attempt <= MAX_BUILD_ATTEMPTS; attempt++) {
      const started = performance.now();
      if (build(root, entryPath, files)) {
        log.debug('parse worker bundled', { file: files.bundle, ms: Math.round(performance.now() - started) });
        return pathToFileURL(files.bundle);
      }
      // A file saved just before the build stays ambiguous until the margin has passed.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, MTIME_MARGIN_MS);
    }
    log.warn('sources kept changing while the parse worker was bundled, loading it through tsx', { entry: entryPath });
    return null;
  } catch (error) {
    log.warn('could not bundle the parse worker, loading it through tsx', { detail: String(error) });
    return null;
  }
}

/**
 * Makes the next bundledWorker call build the bundle at `script` again. For a bundle that failed
 * to start: without this, a damaged file whose record still looks fresh would fail every import.
 */
export function discardBundle(script: URL): void {
  const bundle = fileURLToPath(script);
  if (!bundle.endsWith('.mjs')) return;
  rmSync(`${bundle.slice(0, -'.mjs'.length)}.sources.json`, { force: true });
}

/** Finds the nearest folder above `file` with a node_modules folder, where bare imports resolve. */
function projectRoot(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Names the cache files after the entry's absolute path as well as its name: two checkouts can
 * share one node_modules (a symlink, a copied folder), and must never run each other's parser.
 */
function bundleFiles(root: string, entryPath: string): { folder: string; bundle: string; record: string } {
  const folder = path.join(root, 'node_modules', '.cache', 'shoprec');
  const key = `${path.basename(entryPath, '.ts')}-${createHash('sha256').update(entryPath).digest('hex').slice(0, 12)}`;
  return { folder, bundle: path.join(folder, `${key}.mjs`), record: path.join(folder, `${key}.sources.json`) };
}

/** Tells whether the bundle exists and no source changed since it was made; a damaged record counts as stale. */
function isFresh(files: { bundle: string; record: string }, entryPath: string): boolean {
  if (!existsSync(files.bundle) || !existsSync(files.record)) return false;
  let record: BundleRecord;
  try {
    record = JSON.parse(readFileSync(files.record, 'utf8')) as BundleRecord;
  } catch {
    return false;
  }
  if (record.entry !== entryPath || typeof record.sources !== 'object' || record.sources === null) return false;
  return Object.entries(record.sources).every(([file, mtime]) => existsSync(file) && statSync(file).mtimeMs === mtime);
}

/**
 * Bundles the entry and records its sources. Returns false, keeping nothing, when a source was
 * modified while esbuild read the files, because the bundle may then hold the older text under
 * the newer time.
 */
function build(root: string, entryPath: string, files: { folder: string; bundle: string; record: string }): boolean {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as EsbuildApi;
  mkdirSync(files.folder, { recursive: true });
  // Each process writes its own files and renames them into place, so parallel test workers
  // that all find the bundle stale never read a half-written one.
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const startedAt = Date.now();
  const result = esbuild.buildSync({
    entryPoints: [entryPath],
    outfile: `${files.bundle}.${suffix}`,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });

  const sources: Record<string, number> = {};
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    const file = path.resolve(root, input);
    sources[file] = statSync(file).mtimeMs;
  }
  if (Object.values(sources).some((mtime) => mtime >= startedAt - MTIME_MARGIN_MS)) {
    rmSync(`${files.bundle}.${suffix}`, { force: true });
    return false;
  }

  const record: BundleRecord = { entry: entryPath, sources };
  writeFileSync(`${files.record}.${suffix}`, JSON.stringify(record));
  renameSync(`${files.bundle}.${suffix}`, files.bundle);
  renameSync(`${files.record}.${suffix}`, files.record);
  return true;
}
