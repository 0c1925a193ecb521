import { TOKEN_HEADER, type ExportRequest, type OperationName, type ReplyOf, type RequestOf } from '../../../src-main/api/api-surface.ts';
import type { ExportSummary, JobView, Reply } from '../../../src-main/api/contract.ts';
import { isErrorData } from '../../../src-main/api/errors.ts';
import { transportFailure, type ApiClient } from './client.ts';
import { readLaunchToken } from './launch-token.ts';

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  return candidate.ok === true || (candidate.ok === false && isErrorData(candidate.error));
}

async function replyFrom<T>(response: Response): Promise<Reply<T>> {
  const body: unknown = await response.json().catch(() => null);
  return isReply(body) ? (body as Reply<T>) : transportFailure(`unexpected HTTP ${response.status} reply`);
}

async function send<T>(url: string, init: RequestInit): Promise<Reply<T>> {
  try {
    return await replyFrom<T>(await fetch(url, init));
  } catch (error) {
    return transportFailure(`ShopRec did not answer (${String(error)})`);
  }
}

function saveBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Reads the summary the server sends in the X-ShopRec-Export header of a download. */
function exportSummaryFrom(response: Response, fileName: string): ExportSummary {
  const header = response.headers.get('X-ShopRec-Export') ?? '';
  const summary = JSON.parse(decodeURIComponent(header)) as ExportSummary;
  return { ...summary, path: fileName };
}

async function download(request: ExportRequest, headers: Record<string, string>): Promise<Reply<ExportSummary | null>> {
  const { format, ...settings } = request;
  const query = new URLSearchParams(Object.entries(settings).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  let response: Response;
  try {
    response = await fetch(`/api/export/${format}?${query.toString()}`, { headers });
  } catch (error) {
    return transportFailure(`ShopRec did not answer (${String(error)})`);
  }
  if (!response.headers.get('Content-Type')?.startsWith('text/csv')) return replyFrom(response);

  const blob = await response.blob();
  const fileName = `shoprec-${format}.csv`;
  saveBlob(blob, fileName);
  return { ok: true, value: exportSummaryFrom(response, fileName) };
}

export function createHttpClient(): ApiClient {
  const token = readLaunchToken() ?? '';
  const headers = { [TOKEN_HEADER]: token };

  return {
    transport: 'http',
    call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<Reply<ReplyOf<K>>> {
      return send(`/api/${operation}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
    },
    importFile(file: File): Promise<Reply<JobView>> {
      return send(`/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/octet-stream' },
        body: file,
      });
    },
    exportFile: (request) => download(request, headers),
    onJobUpdate: () => () => undefined,
  };
}
