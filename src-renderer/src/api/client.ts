/**
 * The window's one way to reach the engine. Two transports implement it: IPC through the
 * Electron preload (`window.shoprec`) and HTTP to the browser-mode server with its launch token.
 */
import type { ExportRequest, OperationName, ReplyOf, RequestOf, ShopRecBridge } from '../../../src-main/api/api-surface.ts';
import type { ExportSummary, JobView, Reply } from '../../../src-main/api/contract.ts';
import { createHttpClient } from './http-transport.ts';
import { createIpcClient } from './ipc-transport.ts';

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<Reply<ReplyOf<K>>>;
  /** Queues the import of a dropped or picked file. */
  importFile(file: File): Promise<Reply<JobView>>;
  /** Saves an export: a save dialog in Electron, a download in the browser; null when dismissed. */
  exportFile(request: ExportRequest): Promise<Reply<ExportSummary | null>>;
  /** Job updates pushed by the host; the HTTP transport has none and the window polls instead. */
  onJobUpdate(listener: (job: JobView) => void): () => void;
}

declare global {
  interface Window {
    shoprec?: ShopRecBridge;
  }
}

export function createApiClient(): ApiClient {
  return window.shoprec ? createIpcClient(window.shoprec) : createHttpClient();
}

/** Wraps a failure of the transport itself as an error reply like any other. */
export function transportFailure(detail: string): Reply<never> {
  return { ok: false, error: { code: 'internal', kind: 'bug', params: { detail } } };
}
