import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TOKEN, callApi, rawRequest, startTestServer, type TestServer, waitForJob as waitForServerJob } from './test-server.ts';

/** UCI Online Retail layout, invented rows: 2 invoices, 3 customers, 5 lines. */
const ORDERS_CSV = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '900001,TEA01,GREEN TEA TIN,6,12/1/2010 9:15,2.55,14001,United Kingdom',
  '900001,MUG02,WHITE ENAMEL MUG,4,12/1/2010 9:15,1.95,14001,United Kingdom',
  '900002,TEA01,GREEN TEA TIN,2,12/2/2010 10:30,2.55,14002,France',
  '900002,SPN03,WOODEN SPOON SET,1,12/2/2010 10:30,4.25,14002,France',
  '900003,MUG02,WHITE ENAMEL MUG,3,12/3/2010 11:00,1.95,14003,Germany',
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
  expect(response.status).toBe(200);
  return JSON.parse(response.body);
}

/** Waits for a job of this file's server. */
function waitForJob(jobId: string): Promise<any> {
  return waitForServerJob(port, jobId);
}

describe('browser-mode import', () => {
  it('rejects an empty file and leaves the workspace unchanged', async () => {
    const before = (await callApi(port, 'overview', {})).reply.value;

    const queued = await upload('empty.csv', '');
    expect(queued.ok).toBe(true);
    expect(queued.value.kind).toBe('import');
    const job = await waitForJob(queued.value.jobId);

    expect(job.state).toBe('failed');
    expect(job.error.code).toBe('file.empty');
    expect(job.error.params.file).toBe('empty.csv');
    const after = (await callApi(port, 'overview', {})).reply.value;
    expect(after.imports).toBe(before.imports);
    expect(after.lineItems).toBe(before.lineItems);
    expect((await callApi(port, 'listImports', {})).reply.value).toEqual([]);
  });

  it('imports an uploaded UCI export', async () => {
    const queued = await upload('orders.csv', ORDERS_CSV);
    const job = await waitForJob(queued.value.jobId);

    expect(job.state).toBe('succeeded');
    expect(job.label).toBe('orders.csv');
    const imports = (await callApi(port, 'listImports', {})).reply.value;
    expect(imports).toHaveLength(1);
    expect(imports[0].fileName).toBe('orders.csv');
    expect(imports[0].format).toBe('online-retail');
    expect(imports[0].rows).toBe(5);
    expect(imports[0].lineItems).toBe(5);
    expect(imports[0].rejected).toBe(0);
    const overview = (await callApi(port, 'overview', {})).reply.value;
    expect(overview.orders).toBe(3);
    expect(overview.customers).toBe(3);
    expect(overview.items).toBe(3);
  });

  it('queues a second upload behind a running one', async () => {
    const first = await upload('orders-copy-1.csv', ORDERS_CSV.replaceAll('9000', '9100'));
    const second = await upload('orders-copy-2.csv', ORDERS_CSV.replaceAll('9000', '9200'));
    const jobs = (await callApi(port, 'listJobs', {})).reply.value;
    expect(jobs.map((job: any) => job.jobId)).toContain(second.value.jobId);

    expect((await waitForJob(first.value.jobId)).state).toBe('succeeded');
    expect((await waitForJob(second.value.jobId)).state).toBe('succeeded');
    expect((await callApi(port, 'listImports', {})).reply.value).toHaveLength(3);
  });

  it('cancels a queued job before it starts', async () => {
    const running = await upload('orders-copy-3.csv', ORDERS_CSV.replaceAll('9000', '9300'));
    const queued = await upload('orders-copy-4.csv', ORDERS_CSV.replaceAll('9000', '9400'));
    const { reply } = await callApi(port, 'cancelJob', { jobId: queued.value.jobId });

    expect(reply.ok).toBe(true);
    const cancelled = await waitForJob(queued.value.jobId);
    expect(['cancelled', 'succeeded']).toContain(cancelled.state);
    await waitForJob(running.value.jobId);
    const names = (await callApi(port, 'listImports', {})).reply.value.map((item: any) => item.fileName);
    expect(names.includes('orders-copy-4.csv')).toBe(cancelled.state === 'succeeded');
  });

  it('reports an unknown job', async () => {
    const { reply } = await callApi(port, 'getJob', { jobId: 'no-such-job' });
    expect(reply.error.code).toBe('job.notFound');
  });
});
