import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the app window. The renderer is untrusted: isolated from the preload, sandboxed,
 * without Node, with web security on, and with our preload as its only bridge. Kept as a pure
 * function so that a test can read the settings without starting Electron.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 860,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  };
}
