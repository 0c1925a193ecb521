import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

import { bundledWorker } from '../../../src-main/core/ingest/parse-worker-bundle.ts';

const repoModules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules');
const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-worker-bundle-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project folder with a TypeScript worker that imports a second module, and esbuild when asked. */
function project(name: string, withEsbuild: boolean): { entry: URL; helper: string } {
  const root = path.join(dir, name);
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  if (withEsbuild) symlinkSync(path.join(repoModules, 'esbuild'), path.join(root, 'node_modules', 'esbuild'));
  writeFileSync(path.join(root, 'package.json'), '{"type": "module"}');
  const helper = path.join(root, 'greeting.ts');
  writeFileSync(helper, "export const greeting: string = 'first';\n");
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
  it('runs a one-file build of the TypeScript worker and makes it again when a source changes', async () => {
    const { entry, helper } = project('fresh', true);

    const first = bundledWorker(entry);
    expect(first).not.toBeNull();
    expect(await messageFrom(first!)).toBe('first');

    writeFileSync(helper, "export const greeting: string = 'second';\n");
    // A later modification time than the bundle's record, even on file systems with coarse times.
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later);
    const second = bundledWorker(entry);
    expect(await messageFrom(second!)).toBe('second');
  });

  it('keeps a fresh bundle as it is', () => {
    const { entry } = project('reuse', true);
    const bundle = fileURLToPath(bundledWorker(entry)!);
    writeFileSync(bundle, '// left as written\n');

    expect(fileURLToPath(bundledWorker(entry)!)).toBe(bundle);
    expect(readFileSync(bundle, 'utf8')).toBe('// left as written\n');
  });

  it('returns null without esbuild', () => {
    const { entry } = project('no-esbuild', false);
    expect(bundledWorker(entry)).toBeNull();
  });
});
