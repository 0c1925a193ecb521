import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PAGE_HTML, SECRET, TOKEN, callApi, rawRequest, startTestServer, type TestServer } from './test-server.ts';

let test: TestServer;
let port: number;

beforeAll(async () => {
  test = await startTestServer({ maxUploadBytes: 1024 });
  port = test.server.port;
});

afterAll(async () => {
  await test.close();
});

const overview = (headers: Record<string, string>) =>
  rawRequest(port, { method: 'POST', path: '/api/overview', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

describe('browser-mode server security', () => {
  it('listens on the loopback address only', () => {
    expect(test.server.url).toBe(`http://127.0.0.1:${port}/`);
    expect(test.server.pageUrl).toBe(`http://127.0.0.1:${port}/#token=${TOKEN}`);
  });

  it('rejects an API call without a token', async () => {
    const response = await overview({});
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('request.unauthorised');
  });

  it('rejects an API call with a wrong token', async () => {
    expect((await overview({ 'x-shoprec-token': 'wrong' })).status).toBe(401);
    expect((await overview({ 'x-shoprec-token': `${TOKEN}x` })).status).toBe(401);
  });

  it('accepts an API call with the token', async () => {
    const response = await overview({ 'x-shoprec-token': TOKEN });
    expect(response.status).toBe(200);
    const reply = JSON.parse(response.body);
    expect(reply.ok).toBe(true);
    expect(reply.value.imports).toBe(0);
  });

  it('accepts localhost as the host name', async () => {
    expect((await overview({ 'x-shoprec-token': TOKEN, host: `localhost:${port}` })).status).toBe(200);
  });

  it('rejects a foreign Host header', async () => {
    const withToken = await overview({ 'x-shoprec-token': TOKEN, host: `rebind.example:${port}` });
    expect(withToken.status).toBe(403);
    const page = await rawRequest(port, { path: '/', headers: { host: 'rebind.example' } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(PAGE_HTML);
  });

  it('rejects a cross-site Origin', async () => {
    const response = await overview({ 'x-shoprec-token': TOKEN, origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    const otherPort = await overview({ 'x-shoprec-token': TOKEN, origin: `http://127.0.0.1:${port + 1}` });
    expect(otherPort.status).toBe(403);
    const same = await overview({ 'x-shoprec-token': TOKEN, origin: `http://127.0.0.1:${port}` });
    expect(same.status).toBe(200);
  });

  it('serves the page with a strict CSP', async () => {
    const response = await rawRequest(port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toBe(PAGE_HTML);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves assets with their content type', async () => {
    const response = await rawRequest(port, { path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('never serves a file outside the page folder: %s', async (requestPath) => {
    const response = await rawRequest(port, { path: requestPath });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('"name": "shoprec"');
  });

  it('rejects an upload over the limit by its length', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/upload?name=big.csv',
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/octet-stream', 'content-length': 4096 },
      body: Buffer.alloc(4096, 0x41),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('request.tooLarge');
  });

  it('rejects a chunked upload once it passes the limit', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/upload?name=big.csv',
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      body: [Buffer.alloc(800, 0x41), Buffer.alloc(800, 0x42)],
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('request.tooLarge');
    const jobs = await callApi(port, 'listJobs', {});
    expect(jobs.reply.value).toEqual([]);
  });

  it('rejects malformed request bodies', async () => {
    const cases: [string, unknown, string][] = [
      ['rejectedRows', { importId: 'one' }, 'importId'],
      ['rejectedRows', {}, 'importId'],
      ['rejectedRows', { importId: 1, limit: 100000 }, 'limit'],
      ['searchCustomers', { query: 5 }, 'query'],
      ['recommendForCustomer', { customerId: '' }, 'customerId'],
      ['overview', { extra: true }, 'extra'],
      ['exportFile', { format: 'everything' }, 'format'],
      ['startTraining', { models: ['gpt'] }, 'models'],
      ['getJob', [], 'JSON object'],
    ];
    for (const [operation, body, mentioned] of cases) {
      const { status, reply } = await callApi(port, operation, body);
      expect(status, `${operation} ${JSON.stringify(body)}`).toBe(400);
      expect(reply.error.code).toBe('request.invalid');
      expect(reply.error.params.detail).toContain(mentioned);
    }
  });

  it('rejects a body that is not JSON', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/overview',
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('request.invalid');
  });

  it('rejects a request that is not JSON-typed', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/overview',
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  it('rejects an unknown operation', async () => {
    const { status, reply } = await callApi(port, 'dropDatabase', {});
    expect(status).toBe(404);
    expect(reply.error.code).toBe('request.notFound');
  });

  it('refuses imports by path in browser mode', async () => {
    const { reply } = await callApi(port, 'startImport', { path: '/etc/passwd' });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('request.invalid');
  });
});
