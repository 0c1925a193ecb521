/** Starts the real browser-mode server on 127.0.0.1 with a temporary workspace and page folder. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { startServer, type RunningServer } from '../../../src-main/server/http-server.ts';

export const TOKEN = 'test-token-0123456789';
export const PAGE_HTML = '<!doctype html><title>ShopRec test page</title>';
export const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-FOLDER';

export interface TestServer {
  server: RunningServer;
  dir: string;
  close(): Promise<void>;
}

export async function startTestServer(options: { maxUploadBytes?: number; headersTimeoutMs?: number } = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-server-test-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), PAGE_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {};\n');
  await writeFile(path.join(dir, 'secret.txt'), SECRET);

  const server = await startServer({
    workspaceDir: path.join(dir, 'workspace'),
    rendererDir,
    token: TOKEN,
    ...options,
  });
  return {
    server,
    dir,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request with the path exactly as given (fetch would normalise `..` away) and the
 * headers given; the Host header defaults to the server's own.
 */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string | Buffer | (string | Buffer)[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    const parts = options.body === undefined ? [] : Array.isArray(options.body) ? options.body : [options.body];
    for (const part of parts) request.write(part);
    request.end();
  });
}

/** Calls POST /api/<operation> with the test token and returns the status and parsed reply. */
export async function callApi(port: number, operation: string, body: unknown): Promise<{ status: number; reply: any }> {
  const response = await rawRequest(port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { 'content-type': 'application/json', 'x-shoprec-token': TOKEN },
    body: JSON.stringify(body),
  });
  return { status: response.status, reply: JSON.parse(response.body) };
}

/** Polls getJob every 100 ms until the job leaves the queue and finishes; returns its final state. */
export async function waitForJob(port: number, jobId: string, seconds = 60): Promise<any> {
  for (let attempt = 0; attempt < seconds * 10; attempt += 1) {
    const { reply } = await callApi(port, 'getJob', { jobId });
    if (!['queued', 'running'].includes(reply.value.state)) return reply.value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish within ${seconds} s`);
}
