/**
 * The /api routes of the browser-mode server, called after the host, origin and token checks:
 *   POST /api/<operation>        JSON request body, JSON Reply (one route per operation)
 *   POST /api/upload?name=<file>  request body is the file; replies with the queued import job,
 *                                 whose `source` is the upload id for previewImport and importWithMapping
 *   GET  /api/export/<format>     runs the export and downloads the CSV (?locale=&encoding=&baseUrl=)
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

import { isOperationName, type ApiHandlers } from '../api/api-surface.ts';
import type { ExportSummary } from '../api/contract.ts';
import { validateRequest } from '../api/validators.ts';
import { toErrorData } from '../core/errors.ts';
import { createLogger } from '../core/log.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { dispatch, queueImport, runExport } from '../service/api-handlers.ts';
import { requestError, sendError, sendReply } from './responses.ts';
import type { UploadRegistry } from './upload-sources.ts';
import { receiveUpload, safeFileName } from './upload.ts';

const MAX_JSON_BYTES = 1024 * 1024;

const log = createLogger('server');

export interface ApiRouteContext {
  handlers: ApiHandlers;
  jobs: JobRunner;
  /** Folder for uploads and exports in flight; deleted when the server stops. */
  scratchDir: string;
  maxUploadBytes: number;
  uploads: UploadRegistry;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new SyntaxError(`the request body is larger than ${MAX_JSON_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

async function handleOperation(context: ApiRouteContext, operation: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!isOperationName(operation)) {
    return sendError(response, requestError('request.notFound', { path: `/api/${operation}` }), 404);
  }
  if (!request.headers['content-type']?.startsWith('application/json')) {
    // A JSON content type also forces a CORS preflight on any cross-site request.
    return sendError(response, requestError('request.invalid', { detail: 'the Content-Type must be application/json' }));
  }

  let body: unknown;
  try {
    body = await readJson(request);
  } catch (error) {
    return sendError(response, requestError('request.invalid', { detail: `the body is not valid JSON (${(error as Error).message})` }));
  }
  sendReply(response, await dispatch(context.handlers, operation, body));
}

async function handleUpload(context: ApiRouteContext, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const fileName = safeFileName(url.searchParams.get('name'));
  let uploaded: string;
  try {
    uploaded = await receiveUpload(request, context.scratchDir, fileName, context.maxUploadBytes);
  } catch (error) {
    const data = toErrorData(error);
    log.warn('upload rejected', { code: data.code, file: fileName });
    response.setHeader('Connection', 'close');
    return sendError(response, data.code === 'internal' ? requestError('request.invalid', { detail: 'the upload was interrupted' }) : data);
  }

  const uploadId = context.uploads.add(uploaded, fileName);
  const job = queueImport(context.jobs, uploaded, fileName, {
    source: uploadId,
    onSettled: (settled) => context.uploads.settled(uploadId, settled),
  });
  sendReply(response, { ok: true, value: job });
}

async function handleExport(context: ApiRouteContext, url: URL, format: string, response: ServerResponse): Promise<void> {
  const settings: Record<string, string> = { format };
  for (const name of ['locale', 'encoding', 'baseUrl']) {
    const value = url.searchParams.get(name);
    if (value !== null) settings[name] = value;
  }
  const checked = validateRequest('exportFile', settings);
  if (!checked.ok) return sendReply(response, checked);

  const outPath = path.join(context.scratchDir, `${randomUUID()}-${checked.value.format}.csv`);
  const exported = await runExport(context.jobs, checked.value, outPath);
  if (!exported.ok) {
    await rm(outPath, { force: true });
    return sendReply(response, exported);
  }

  await sendCsv(response, exported.value, outPath);
}

async function sendCsv(response: ServerResponse, summary: ExportSummary, file: string): Promise<void> {
  const { size } = await stat(file);
  response.writeHead(200, {
    'Content-Type': `text/csv; charset=${summary.encoding === 'gbk' ? 'gbk' : 'utf-8'}`,
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="shoprec-${summary.format}.csv"`,
    'Cache-Control': 'no-store',
    'X-ShopRec-Rows': String(summary.rows),
    // The whole summary (rows, encoding, export id...) without the server's temporary path.
    'X-ShopRec-Export': encodeURIComponent(JSON.stringify({ ...summary, path: `shoprec-${summary.format}.csv` })),
  });
  const stream = createReadStream(file);
  stream.pipe(response);
  response.on('close', () => void rm(file, { force: true }));
}

export async function routeApi(context: ApiRouteContext, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const route = url.pathname.slice('/api/'.length);

  if (request.method === 'POST' && route === 'upload') return handleUpload(context, url, request, response);

  const exportMatch = /^export\/([\w-]+)$/.exec(route);
  if (request.method === 'GET' && exportMatch?.[1]) return handleExport(context, url, exportMatch[1], response);

  if (request.method === 'POST' && /^\w+$/.test(route)) return handleOperation(context, route, request, response);

  sendError(response, requestError('request.notFound', { path: url.pathname }), 404);
}
