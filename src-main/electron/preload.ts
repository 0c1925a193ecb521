/**
 * The window's only access to the app: named functions on `window.shoprec`, one per API
 * operation, each bound to its own fixed IPC channel. Nothing generic (no channel parameter,
 * no ipcRenderer object) crosses the context bridge. Runs sandboxed, so only `electron`'s
 * renderer modules are available here.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

import { OPERATION_NAMES, type ApiHandlers, type ShopRecBridge } from '../api/api-surface.ts';
import type { JobView, Reply } from '../api/contract.ts';
import { JOB_UPDATE_CHANNEL, operationChannel } from './channels.ts';

function operationFunctions(): ApiHandlers {
  const entries = OPERATION_NAMES.map((operation) => {
    const channel = operationChannel(operation);
    return [operation, (request: unknown) => ipcRenderer.invoke(channel, request)] as const;
  });
  return Object.fromEntries(entries) as unknown as ApiHandlers;
}

const bridge: ShopRecBridge = {
  ...operationFunctions(),

  importFile(file: File): Promise<Reply<JobView>> {
    // The sandboxed window cannot see file paths; webUtils maps a dropped or picked File to one.
    const path = webUtils.getPathForFile(file);
    if (path === '') {
      return Promise.resolve({
        ok: false,
        error: { code: 'request.invalid', kind: 'user', params: { detail: 'the dropped item is not a file on this computer' } },
      });
    }
    return ipcRenderer.invoke(operationChannel('startImport'), { path });
  },

  onJobUpdate(listener: (job: JobView) => void): () => void {
    const forward = (_event: IpcRendererEvent, job: JobView): void => listener(job);
    ipcRenderer.on(JOB_UPDATE_CHANNEL, forward);
    return () => void ipcRenderer.off(JOB_UPDATE_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('shoprec', bridge);
