import os from 'node:os';
import path from 'node:path';

/**
 * Per-user folder that contains ShopRec's workspaces: %APPDATA%\ShopRec on Windows,
 * ~/Library/Application Support/ShopRec on macOS, and $XDG_DATA_HOME/shoprec (default
 * ~/.local/share/shoprec) elsewhere, following each platform's convention for application data.
 */
export function dataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();

  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'ShopRec');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'ShopRec');
  }
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, 'shoprec');
}

/** Workspace used when `--workspace` is not given: SHOPREC_WORKSPACE, else `default` in the data folder. */
export function defaultWorkspace(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHOPREC_WORKSPACE) return path.resolve(env.SHOPREC_WORKSPACE);
  return path.join(dataFolder(env), 'default');
}
