import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

import { bundledWorker, discardBundle } from '../../../src-main/core/ingest/parse-worker-bundle.ts';

const repoModules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules');
const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-worker-bundle-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Makes a project folder with a TypeScript worker that imports a second module, with esbuild
 * when asked, or with the node_modules folder of another project (two checkouts, one install).
 */
function project(name: string, modules: 'esbuild' | 'none' | { sharedWith: string }, greeting = 'first'): { entry: URL; helper: string } {
  const root = path.join(dir, name);
  mkdirSync(root, { recursive: true });
  if (typeof modules === 'object') {
    symlinkSync(path.join(dir, modules.sharedWith, 'node_modules'), path.join(root, 'node_modules'));
  } else {
    mkdirSync(path.join(root, 'node_modules'));
    if (modules === 'esbuild') symlinkSync(path.join(repoModules, 'esbuild'), path.join(root, 'node_modules', 'esbuild'));
  }
  writeFileSync(path.join(root, 'package.json'), '{"type": "module"}');
  const helper = path.join(root, 'greeting.ts');
  writeFileSync(helper, `export const greeting: string = '${greeting}';\n`);
  const entry = path.join(root, 'worker.ts');
  writeFileSync(entry, "import { parentPort } from 'node:worker_threads';\nimport { greeting } from './greeting.ts';\nparentPort!.postMessage(greeting);\n");
  return { entry: pathToFileURL(entry), helper };
}

function messageFrom(script: URL): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('parse worker bundle', () => {
  it('remakes the bundle after a source changes', async () => {
    const { entry, helper } = project('fresh', 'esbuild');

    const first = bundledWorker(entry);
    expect(first).not.toBeNull();
    expect(await messageFrom(first!)).toBe('first');

    writeFileSync(helper, "export const greeting: string = 'second';\n");
    // Another modification time than the record's, even on file systems with coarse times.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(helper, earlier, earlier);
    const second = bundledWorker(entry);
    expect(await messageFrom(second!)).toBe('second');
  });

  it('keeps a fresh bundle as it is', () => {
    const { entry } = project('reuse', 'esbuild');
    const bundle = fileURLToPath(bundledWorker(entry)!);
    const marked = `${readFileSync(bundle, 'utf8')}// left as written\n`;
    writeFileSync(bundle, marked);

    expect(fileURLToPath(bundledWorker(entry)!)).toBe(bundle);
    expect(readFileSync(bundle, 'utf8')).toBe(marked);
  });

  it('returns null without esbuild', () => {
    const { entry } = project('no-esbuild', 'none');
    expect(bundledWorker(entry)).toBeNull();
  });

  it('keeps two checkouts on one install apart', async () => {
    const first = project('checkout-a', 'esbuild', 'from a');
    const second = project('checkout-b', { sharedWith: 'checkout-a' }, 'from b');

    expect(await messageFrom(bundledWorker(second.entry)!)).toBe('from b');
    expect(await messageFrom(bundledWorker(first.entry)!)).toBe('from a');
    expect(await messageFrom(bundledWorker(second.entry)!)).toBe('from b');
  });

  it('rebuilds after a damaged record', async () => {
    const { entry } = project('damaged-record', 'esbuild');
    const bundle = fileURLToPath(bundledWorker(entry)!);
    writeFileSync(bundle, '// shoprec-bundle {\nthrow new Error("damaged");\n');

    expect(await messageFrom(bundledWorker(entry)!)).toBe('first');
  });

  it('rebuilds a discarded bundle', async () => {
    const { entry } = project('discarded', 'esbuild');
    const script = bundledWorker(entry)!;
    writeFileSync(fileURLToPath(script), 'throw new Error("damaged");\n');
    discardBundle(script);

    expect(await messageFrom(bundledWorker(entry)!)).toBe('first');
  });

  it('accepts a source dated in the future', async () => {
    const { entry, helper } = project('future', 'esbuild');
    // Files unpacked from an archive, or edited on a machine whose clock runs ahead.
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(helper, future, future);

    const first = bundledWorker(entry);
    expect(await messageFrom(first!)).toBe('first');
    expect(bundledWorker(entry)).toEqual(first);
  });
});
