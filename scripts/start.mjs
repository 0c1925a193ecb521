#!/usr/bin/env node
/**
 * `npm start`: runs the Electron app when an Electron binary is installed, and otherwise the
 * browser mode: the same window served on 127.0.0.1 and opened in the default browser.
 * Output here is the launcher's own console output, so it uses process.stdout directly.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');
const rendererSources = ['src-renderer', 'src-main/api', 'electron.vite.config.ts'];

function print(line) {
  process.stdout.write(`${line}\n`);
}

/** Returns the Electron binary's path, which the `electron` package exports, or null when its download failed. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [electronVite, ...args], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function newestModification(entry) {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), info.mtimeMs);
}

function rendererIsStale() {
  if (!existsSync(rendererIndex)) return true;
  const built = statSync(rendererIndex).mtimeMs;
  return rendererSources.some((source) => newestModification(path.join(root, source)) > built);
}

/** Opens the page unless this is CI or a Linux session without a display. */
function openBrowser(url) {
  if (process.env.CI) return false;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => print('Could not open a browser; open the address above yourself.'));
  child.unref();
  return true;
}

async function startBrowserMode() {
  print('No Electron binary is installed, so ShopRec starts in browser mode.');
  if (rendererIsStale()) {
    print('Building the window (out/renderer is missing or older than its sources)...');
    const code = await run(['build']);
    if (code !== 0) process.exit(code);
  }

  const { register } = await import('tsx/esm/api');
  register();
  const { dataFolder } = await import('../src-main/cli/data-folder.ts');
  const { runBrowserMode } = await import('../src-main/server/browser-mode.ts');

  // Without SHOPREC_WORKSPACE, `npm start` opens a workspace of its own for the bundled sample
  // shop, so the sample's orders never mix with a merchant's own shop.
  const ownShop = process.env.SHOPREC_WORKSPACE;
  const workspaceDir = ownShop || path.join(dataFolder(process.env, process.platform), 'sample-shop');
  if (!ownShop) print('Opening the sample shop. To open your own shop: SHOPREC_WORKSPACE=/path/to/folder npm start');

  const { server, firstRun } = await runBrowserMode({
    workspaceDir,
    rendererDir: path.join(root, 'out', 'renderer'),
    print,
  });
  print('');
  print(`ShopRec is running at ${server.pageUrl}`);
  print('The address contains this launch\'s access key; only pages opened with it can use ShopRec.');
  if (openBrowser(server.pageUrl)) print('Opening it in your browser. Press Ctrl-C to stop.');
  else print('Open it in a browser on this computer. Press Ctrl-C to stop.');
  firstRun.catch((error) => print(`The sample shop could not be prepared: ${error instanceof Error ? error.message : String(error)}`));

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (electronBinary()) {
  print('Starting the Electron app (electron-vite dev).');
  process.exit(await run(['dev']));
} else {
  await startBrowserMode();
}
