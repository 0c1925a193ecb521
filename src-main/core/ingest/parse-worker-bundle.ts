/**
 * One-file build of the parse worker for runs from TypeScript sources (the `shoprec` command,
 * tests, benchmarks). Loaded through tsx, the worker resolved and compiled its modules one by
 * one through the loader hooks, and posted its first batch about 370 ms after it started. The
 * thread that stores batches waited all that time. From one esbuild bundle, the first batch
 * comes after about 140 ms.
 * Packaged builds have their own bundled worker and never come here.
 *
 * The bundle lives in node_modules/.cache/shoprec. Its first line records the source files it
 * was made from and their modification times, and it is made again when any of them changed.
 * Any failure (esbuild missing, a read-only folder) returns null and the caller falls back to tsx.
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
  buildSync(options: Record<string, unknown>): {
    outputFiles?: { text: string }[];
    metafile?: { inputs: Record<string, unknown> };
  };
}

/** Prefix of a bundle's first line, which continues with its BundleRecord as JSON. */
const RECORD_PREFIX = '// shoprec-bundle ';

/** Number of builds tried while sources keep changing, before loading the worker through tsx. */
const MAX_BUILD_ATTEMPTS = 3;

/** Returns the URL of an up-to-date bundle of `entry` (a .ts file URL), making it when needed. */
export function bundledWorker(entry: URL): URL | null {
  const entryPath = fileURLToPath(entry);
  const root = projectRoot(entryPath);
  if (root === null) return null;
  const bundle = bundlePath(root, entryPath);

  try {
    const record = readRecord(bundle, entryPath);
    if (record !== null && sameTimes(record.sources, modificationTimes(Object.keys(record.sources)))) return pathToFileURL(bundle);

    // The sources of the last build, if any, are the first guess at what this build reads.
    let expected = record === null ? null : Object.keys(record.sources);
    for (let attempt = 1; attempt <= MAX_BUILD_ATTEMPTS; attempt++) {
      const started = performance.now();
      const inputs = build(root, entryPath, bundle, expected);
      if (inputs === null) {
        log.debug('parse worker bundled', { file: bundle, ms: Math.round(performance.now() - started) });
        return pathToFileURL(bundle);
      }
      expected = inputs;
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
  rmSync(fileURLToPath(script), { force: true });
}

/** Finds the nearest folder above `file` with a node_modules folder, where bare imports resolve. */
function projectRoot(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Names the bundle after the entry's absolute path as well as its name: two checkouts can share
 * one node_modules (a symlink, a copied folder), and must never run each other's parser.
 */
function bundlePath(root: string, entryPath: string): string {
  const key = `${path.basename(entryPath, '.ts')}-${createHash('sha256').update(entryPath).digest('hex').slice(0, 12)}`;
  return path.join(root, 'node_modules', '.cache', 'shoprec', `${key}.mjs`);
}

/** Reads the record on a bundle's first line. Returns null for a missing file or a damaged line. */
function readRecord(bundle: string, entryPath: string): BundleRecord | null {
  if (!existsSync(bundle)) return null;
  const firstLine = readFileSync(bundle, 'utf8').split('\n', 1)[0]!;
  if (!firstLine.startsWith(RECORD_PREFIX)) return null;
  try {
    const record = JSON.parse(firstLine.slice(RECORD_PREFIX.length)) as BundleRecord;
    const valid = record.entry === entryPath && typeof record.sources === 'object' && record.sources !== null;
    return valid ? record : null;
  } catch {
    return null;
  }
}

/** Returns each file's modification time, or -1 for a file that is gone. */
function modificationTimes(files: readonly string[]): Record<string, number> {
  const times: Record<string, number> = {};
  for (const file of files) times[file] = existsSync(file) ? statSync(file).mtimeMs : -1;
  return times;
}

function sameTimes(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Bundles the entry and writes the bundle with its record as one file, renamed into place, so
 * that a reader never sees a record beside another build's code. The bundle is kept only when
 * `expected` listed exactly the sources esbuild read, and none of them changed between the stat
 * before the build and the stat after it. A save while esbuild read the files could otherwise
 * leave the older text under the newer time. Returns null when kept, else the sources it read,
 * to compare against on the next attempt. Clock times play no part, so files dated in the
 * future do no harm.
 */
function build(root: string, entryPath: string, bundle: string, expected: readonly string[] | null): string[] | null {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as EsbuildApi;
  const before = expected === null ? null : modificationTimes(expected);
  const result = esbuild.buildSync({
    entryPoints: [entryPath],
    absWorkingDir: root,
    bundle: true,
    write: false,
    outfile: bundle,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });

  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((input) => path.resolve(root, input));
  const after = modificationTimes(inputs);
  if (before === null || !sameTimes(before, after)) return inputs;

  const record: BundleRecord = { entry: entryPath, sources: after };
  const code = result.outputFiles?.[0]?.text ?? '';
  mkdirSync(path.dirname(bundle), { recursive: true });
  // Each process writes a file of its own and renames it into place, so parallel test workers
  // that all find the bundle stale never read a half-written one.
  const temporary = `${bundle}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, `${RECORD_PREFIX}${JSON.stringify(record)}\n${code}`);
  renameSync(temporary, bundle);
  return null;
}
