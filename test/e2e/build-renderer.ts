/**
 * vitest global set-up of the end-to-end suite: builds the app with electron-vite when
 * out/renderer is missing or older than any file the renderer bundle is made from.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtPage = path.join(root, 'out', 'renderer', 'index.html');
const SOURCES = ['src-renderer', 'src-main/api', 'electron.vite.config.ts', 'package.json'];

function newestModification(entry: string): number {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), info.mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(builtPage).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const sourcesChanged = Math.max(...SOURCES.map((source) => newestModification(path.join(root, source))));
  if (builtAt() >= sourcesChanged) return;

  const viteCli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [viteCli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`electron-vite build failed with exit code ${result.status}`);
}
