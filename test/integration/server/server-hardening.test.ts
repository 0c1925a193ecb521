/**
 * Attacks on the browser-mode server beyond server-security.test.ts: other interfaces, routes
 * without the token, rebinding and null origins, symbolic links, odd methods, big JSON bodies
 * and clients that never finish their headers.
 */
import { symlink } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SECRET, TOKEN, callApi, rawRequest, startTestServer, type TestServer } from './test-server.ts';

let test: TestServer;
let port: number;

beforeAll(async () => {
  test = await startTestServer({ maxUploadBytes: 1024, headersTimeoutMs: 1000 });
  port = test.server.port;
  const rendererDir = path.join(test.dir, 'renderer');
  await symlink(path.join(test.dir, 'secret.txt'), path.join(rendererDir, 'linked.txt'));
  await symlink(test.dir, path.join(rendererDir, 'linked-folder'));
});

afterAll(async () => {
  await test.close();
});

/** Resolves with the connection's fate: 'connected' or the error code. */
function tryConnect(host: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const nonLoopback = Object.values(os.networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal)
  .map((address) => address!.address);

describe('browser-mode server hardening', () => {
  it('accepts connections on 127.0.0.1 only', async () => {
    expect(await tryConnect('127.0.0.1')).toBe('connected');
    for (const address of nonLoopback) expect(await tryConnect(address), address).not.toBe('connected');
  });

  it('wants the token for uploads and export downloads', async () => {
    const upload = await rawRequest(port, {
      method: 'POST',
      path: '/api/upload?name=orders.csv',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'InvoiceNo,StockCode\n',
    });
    expect(upload.status).toBe(401);
    const download = await rawRequest(port, { path: '/api/export/customers' });
    expect(download.status).toBe(401);
    expect(download.headers['content-disposition']).toBeUndefined();
    expect((await callApi(port, 'listJobs', {})).reply.value).toEqual([]);
  });

  it.each([
    ['a rebound host name', (own: number) => ({ host: `evil.example:${own}` })],
    ['a rebound host without port', () => ({ host: 'evil.example' })],
    ['a foreign origin', () => ({ origin: 'http://evil.example' })],
    ['the null origin', () => ({ origin: 'null' })],
    ['an https origin of our host', (own: number) => ({ origin: `https://127.0.0.1:${own}` })],
  ])('rejects %s', async (_name, attack) => {
    const headers = attack(port);
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/overview',
      headers: { 'content-type': 'application/json', 'x-shoprec-token': TOKEN, ...headers },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('does not follow symbolic links out of the page folder', async () => {
    for (const requestPath of ['/linked.txt', '/linked-folder/secret.txt']) {
      const response = await rawRequest(port, { path: requestPath });
      expect(response.status, requestPath).toBe(404);
      expect(response.body).not.toContain(SECRET);
    }
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('rejects the %s method', async (method) => {
    for (const requestPath of ['/api/overview', '/', '/index.html']) {
      const response = await rawRequest(port, {
        method,
        path: requestPath,
        headers: { 'content-type': 'application/json', 'x-shoprec-token': TOKEN },
      });
      expect([404, 405], `${method} ${requestPath}`).toContain(response.status);
      expect(JSON.parse(response.body).ok).toBe(false);
    }
  });

  it('rejects a JSON body over 1 MiB', async () => {
    const body = JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) });
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/searchItems',
      headers: { 'content-type': 'application/json', 'x-shoprec-token': TOKEN },
      body,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('request.invalid');
  });

  it('drops a client that never finishes its headers', async () => {
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      setTimeout(() => {
        socket.destroy();
        resolve('still open');
      }, 8000);
    });
    expect(outcome).not.toBe('still open');
    expect(outcome).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
