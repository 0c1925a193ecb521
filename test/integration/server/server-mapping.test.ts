import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TOKEN, callApi, rawRequest, startTestServer, type TestServer, waitForJob as waitForServerJob } from './test-server.ts';

/** Invented shop-system columns no reader or synonym knows: 3 orders, 4 lines, 2 customers. */
const ODD_CSV = [
  'Beleg;Artikel;Menge;Belegdatum;Kunde',
  'B-1;TEA01;2;2024-03-01;K7',
  'B-1;MUG02;1;2024-03-01;K7',
  'B-2;TEA01;1;2024-03-04;K9',
  'B-3;SPN03;4;2024-03-09;K7',
  '',
].join('\n');

let test: TestServer;
let port: number;

beforeAll(async () => {
  test = await startTestServer();
  port = test.server.port;
});

afterAll(async () => {
  await test.close();
});

async function upload(name: string, body: string): Promise<any> {
  const response = await rawRequest(port, {
    method: 'POST',
    path: `/api/upload?name=${encodeURIComponent(name)}`,
    headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/octet-stream' },
    body,
  });
  return JSON.parse(response.body);
}

/** Waits for a job of this file's server. */
function waitForJob(jobId: string): Promise<any> {
  return waitForServerJob(port, jobId);
}

describe('browser-mode column mapping', () => {
  it('imports a kept upload with a mapping', async () => {
    const failed = await waitForJob((await upload('odd.csv', ODD_CSV)).value.jobId);
    expect(failed.state).toBe('failed');
    expect(['file.unrecognisedColumns', 'file.missingColumn']).toContain(failed.error.code);
    expect(typeof failed.source).toBe('string');

    const preview = (await callApi(port, 'previewImport', { source: failed.source })).reply;
    expect(preview.ok).toBe(true);
    expect(preview.value.fileName).toBe('odd.csv');
    expect(preview.value.header).toEqual(['Beleg', 'Artikel', 'Menge', 'Belegdatum', 'Kunde']);
    expect(preview.value.sampleRows).toHaveLength(4);

    const mapping = { orderId: 'Beleg', sku: 'Artikel', quantity: 'Menge', orderedAt: 'Belegdatum', customerId: 'Kunde' };
    const queued = (await callApi(port, 'importWithMapping', { source: failed.source, mapping })).reply;
    expect(queued.ok).toBe(true);
    const done = await waitForJob(queued.value.jobId);
    expect(done.state).toBe('succeeded');
    expect(done.result.lineItems).toBe(4);
    expect((await callApi(port, 'overview', {})).reply.value.orders).toBe(3);

    // The upload is deleted once its import succeeded.
    const gone = (await callApi(port, 'previewImport', { source: failed.source })).reply;
    expect(gone.ok).toBe(false);
    expect(gone.error.code).toBe('request.invalid');
  });

  it('rejects a mapping with an unknown field', async () => {
    const { reply } = await callApi(port, 'importWithMapping', { source: 'x', mapping: { colour: 'Farbe' } });
    expect(reply.ok).toBe(false);
    expect(reply.error.params.detail).toMatch(/unknown field "colour"/);
  });

  it('lists no outcomes or traffic before any export', async () => {
    expect((await callApi(port, 'outcomes', {})).reply).toEqual({ ok: true, value: [] });
    const traffic = (await callApi(port, 'trafficMetrics', { bucket: 'week' })).reply;
    expect(traffic.ok).toBe(true);
    expect(traffic.value.totals).toEqual([]);
  });
});
