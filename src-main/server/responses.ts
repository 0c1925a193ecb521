import type { ServerResponse } from 'node:http';

import type { Reply } from '../api/contract.ts';
import type { ErrorCode, ErrorData } from '../api/errors.ts';
import { SECURITY_HEADERS } from './security.ts';

/** HTTP status of a reply: protocol errors get their 4xx status, engine outcomes travel as 200. */
function statusOf(reply: Reply<unknown>): number {
  if (reply.ok) return 200;
  const statuses: Partial<Record<ErrorCode, number>> = {
    'request.invalid': 400,
    'request.unauthorised': 401,
    'request.notFound': 404,
    'request.tooLarge': 413,
    internal: 500,
  };
  return statuses[reply.error.code] ?? 200;
}

export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

export function sendReply(response: ServerResponse, reply: Reply<unknown>, status = statusOf(reply)): void {
  const body = JSON.stringify(reply);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

export function sendError(response: ServerResponse, error: ErrorData, status?: number): void {
  sendReply(response, { ok: false, error }, status);
}

export function requestError(code: ErrorCode, params: Record<string, string | number> = {}): ErrorData {
  return { code, kind: 'user', params };
}
