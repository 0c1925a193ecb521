import type { Workspace } from '../core/workspace.ts';

/**
 * Opens a workspace, runs `work` and closes the workspace again, also on failure. The engine is
 * loaded here on first use rather than at start-up, so `--help` and usage errors return without
 * loading SQLite and the models.
 */
export async function withWorkspace<T>(
  dir: string,
  options: { create: boolean },
  work: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const { Workspace } = await import('../core/workspace.ts');
  const workspace = Workspace.open(dir, { create: options.create });
  try {
    return await work(workspace);
  } finally {
    workspace.close();
  }
}
