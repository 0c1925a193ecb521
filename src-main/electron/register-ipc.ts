import { dialog, ipcMain, type BrowserWindow } from 'electron';

import { OPERATION_NAMES, type ApiHandlers } from '../api/api-surface.ts';
import type { ExportFormat, Reply } from '../api/contract.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { dispatch } from '../service/api-handlers.ts';
import { JOB_UPDATE_CHANNEL, operationChannel } from './channels.ts';
import { isTrustedSender } from './window-security.ts';

const unauthorised: Reply<never> = { ok: false, error: { code: 'request.unauthorised', kind: 'user', params: {} } };

/** Asks where to save an export; null when the merchant closes the dialog. */
export async function chooseExportPath(window: BrowserWindow, format: ExportFormat): Promise<string | null> {
  const choice = await dialog.showSaveDialog(window, {
    defaultPath: `shoprec-${format}.csv`,
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

/**
 * Registers one IPC handler per operation. Each checks that the message comes from our page
 * and validates the payload (inside `dispatch`) before the engine is called.
 */
export function registerIpc(window: BrowserWindow, pageUrl: string, handlers: ApiHandlers, jobs: JobRunner): void {
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(operationChannel(operation), (event, payload: unknown) => {
      if (!isTrustedSender(event, window.webContents, pageUrl)) return unauthorised;
      return dispatch(handlers, operation, payload);
    });
  }

  jobs.onUpdate((job) => {
    if (!window.isDestroyed()) window.webContents.send(JOB_UPDATE_CHANNEL, job);
  });
}
