/**
 * Electron main process: one window on the default shop workspace. The engine runs here (reads)
 * and in the job worker thread (imports, training, exports); the window reaches it only through
 * the preload's named functions.
 */
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { defaultWorkspace } from '../cli/data-folder.ts';
import { createLogger } from '../core/log.ts';
import { Workspace } from '../core/workspace.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { createApiHandlers } from '../service/api-handlers.ts';
import { chooseExportPath, registerIpc } from './register-ipc.ts';
import { windowOptions } from './window-options.ts';
import { denyAllPermissions, enforceContentSecurityPolicy, lockNavigation } from './window-security.ts';

const log = createLogger('electron');

/** electron-vite sets this while `electron-vite dev` serves the renderer with hot reload. */
function pageUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer && !app.isPackaged) return devServer;
  return pathToFileURL(path.join(import.meta.dirname, '../renderer/index.html')).href;
}

function createWindow(workspace: Workspace, jobs: JobRunner): BrowserWindow {
  const window = new BrowserWindow(windowOptions(path.join(import.meta.dirname, '../preload/index.cjs')));

  const url = pageUrl();
  lockNavigation(window.webContents, url);
  const handlers = createApiHandlers({
    workspace,
    jobs,
    acceptsPaths: true,
    chooseExportPath: (format) => chooseExportPath(window, format),
  });
  registerIpc(window, url, handlers, jobs);

  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

/**
 * Points the engine at the sample shop and models that electron-builder copies next to the app
 * (extraResources), before any worker thread starts, because workers copy the environment when
 * they are created. From sources, the engine finds `resources/` at the repository root itself.
 */
function useBundledResources(): void {
  if (!app.isPackaged) return;
  process.env.SHOPREC_RESOURCES_DIR ??= process.resourcesPath;
  process.env.SHOPREC_BUNDLED_MODELS_DIR ??= path.join(process.resourcesPath, 'models');
}

async function start(): Promise<void> {
  useBundledResources();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();

  const workspaceDir = defaultWorkspace();
  const workspace = Workspace.open(workspaceDir);
  workspace.recoverInterruptedRuns();
  const jobs = new JobRunner({ workspaceDir });
  log.info('window opening', { workspace: workspaceDir });

  enforceContentSecurityPolicy();
  denyAllPermissions();
  const window = createWindow(workspace, jobs);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void jobs.close();
    workspace.close();
  });
}

start().catch((error: unknown) => {
  log.error('app failed to start', { error: String(error) });
  app.exit(1);
});
