import type { OperationName, ReplyOf, RequestOf, ShopRecBridge } from '../../../src-main/api/api-surface.ts';
import type { Reply } from '../../../src-main/api/contract.ts';
import type { ApiClient } from './client.ts';

export function createIpcClient(bridge: ShopRecBridge): ApiClient {
  return {
    transport: 'ipc',
    call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<Reply<ReplyOf<K>>> {
      const handler = bridge[operation] as (request: RequestOf<K>) => Promise<Reply<ReplyOf<K>>>;
      return handler(request);
    },
    importFile: (file) => bridge.importFile(file),
    exportFile: (request) => bridge.exportFile(request),
    onJobUpdate: (listener) => bridge.onJobUpdate(listener),
  };
}
