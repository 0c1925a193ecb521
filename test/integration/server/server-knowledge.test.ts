import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TOKEN, callApi, rawRequest, startTestServer, type TestServer, waitForJob as waitForServerJob } from './test-server.ts';

const PRODUCTS = ['TEA01', 'MUG02', 'SPN03', 'JAR04', 'LID05', 'CUP06'];
const CUSTOMERS = 12;
const DAYS_PER_CUSTOMER = 3;

/**
 * UCI Online Retail layout, invented rows: 12 customers with 3 invoices on 3 days each, two
 * products per invoice, so every customer keeps purchases for training after the last day is
 * set aside for testing.
 */
function ordersCsv(): string {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 500000;
  for (let customer = 0; customer < CUSTOMERS; customer += 1) {
    for (let day = 0; day < DAYS_PER_CUSTOMER; day += 1) {
      invoice += 1;
      const first = PRODUCTS[(customer + day) % PRODUCTS.length]!;
      const second = PRODUCTS[(customer + day + 1) % PRODUCTS.length]!;
      const date = `3/${1 + customer + day * 5}/2011 10:00`;
      lines.push(`${invoice},${first},ITEM ${first},1,${date},2.50,${15000 + customer},France`);
      lines.push(`${invoice},${second},ITEM ${second},2,${date},3.75,${15000 + customer},France`);
    }
  }
  return `${lines.join('\n')}\n`;
}

let test: TestServer;
let port: number;

beforeAll(async () => {
  test = await startTestServer();
  port = test.server.port;
});

afterAll(async () => {
  await test.close();
});

/** Waits for a job of this file's server. */
function waitForJob(jobId: string): Promise<any> {
  return waitForServerJob(port, jobId);
}

async function train(): Promise<any> {
  const queued = (await callApi(port, 'startTraining', { models: ['popularity', 'item-knn'] })).reply;
  expect(queued.ok).toBe(true);
  const done = await waitForJob(queued.value.jobId);
  expect(done.state).toBe('succeeded');
  return done;
}

describe('browser-mode knowledge operations', () => {
  it('reports no versions and no serving version before training', async () => {
    const summary = (await callApi(port, 'knowledgeSummary', {})).reply;
    expect(summary.ok).toBe(true);
    expect(summary.value.versions).toBe(0);
    expect(summary.value.serving).toBeNull();
    expect((await callApi(port, 'listModelVersions', {})).reply).toEqual({ ok: true, value: [] });
  });

  it('rolls back to a version of an older run and reports it serving', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/upload?name=orders.csv',
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/octet-stream' },
      body: ordersCsv(),
    });
    const imported = await waitForJob(JSON.parse(response.body).value.jobId);
    expect(imported.state).toBe('succeeded');
    expect(imported.result.lineItems).toBe(CUSTOMERS * DAYS_PER_CUSTOMER * 2);

    await train();
    await train();

    const versions = (await callApi(port, 'listModelVersions', {})).reply.value as any[];
    expect(versions).toHaveLength(4);
    const runs = [...new Set(versions.map((version) => version.runId))].sort((a, b) => a - b);
    expect(runs).toHaveLength(2);
    expect(versions.map((version) => version.model).sort()).toEqual(['item-knn', 'item-knn', 'popularity', 'popularity']);
    const newest = versions.find((version) => version.serving);
    expect(newest.runId).toBe(runs[1]);
    expect(newest.chosenByRun).toBe(true);

    const older = versions.find((version) => version.runId === runs[0] && version.model === 'popularity');
    const served = (await callApi(port, 'setServingVersion', { versionId: older.versionId })).reply;
    expect(served.ok).toBe(true);
    expect(served.value.versionId).toBe(older.versionId);

    const after = (await callApi(port, 'listModelVersions', {})).reply.value as any[];
    expect(after.filter((version) => version.serving).map((version) => version.versionId)).toEqual([older.versionId]);
    const summary = (await callApi(port, 'knowledgeSummary', {})).reply.value;
    expect(summary.versions).toBe(4);
    expect(summary.serving).toMatchObject({ versionId: older.versionId, runId: runs[0], model: 'popularity', source: 'pointer' });
    expect(summary.pointer.reason).toBe('rollback');

    const report = (await callApi(port, 'latestChangeReport', {})).reply;
    expect(report.ok).toBe(true);
    expect(report.value.trigger).toBe('training');
    expect(report.value.runId).toBe(runs[1]);
  });

  it('rejects a version that does not exist', async () => {
    const { reply } = await callApi(port, 'setServingVersion', { versionId: 9999 });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('knowledge.versionNotFound');
  });

  it('pseudonymises the stored customer IDs when turned on', async () => {
    const before = (await callApi(port, 'searchCustomers', { query: '15003' })).reply.value as any[];
    expect(before.map((customer) => customer.customerId)).toContain('15003');

    const { reply } = await callApi(port, 'setPseudonymiseCustomers', { enabled: true });
    expect(reply.ok).toBe(true);
    expect(reply.value.pseudonymiseCustomers).toBe(true);

    expect((await callApi(port, 'searchCustomers', { query: '15003' })).reply.value).toEqual([]);
    const all = (await callApi(port, 'searchCustomers', { query: '', limit: 100 })).reply.value as any[];
    expect(all).toHaveLength(CUSTOMERS);
    for (const customer of all) expect(customer.customerId).toMatch(/^c_[0-9a-f]{10}$/);
  });
});
