/**
 * What the Training view reads about the serving model (the `overview` operation) after a
 * rollback, against the real browser-mode server and one real month of the UCI sample shop.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelVersionView, ServingStatus, WorkspaceOverview } from '../../../src-main/api/contract.ts';
import { formatMessage, LOCALES } from '../../../src-main/api/messages/index.ts';
import { chosenServingMessages } from '../../../src-main/api/serving-messages.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import { TOKEN, callApi, rawRequest, startTestServer, type TestServer, waitForJob as waitForServerJob } from './test-server.ts';

const MONTH = 'online-retail-2011-01.csv.gz';
/** Fast candidates; two are enough for a run's pick and another version to differ. */
const MODELS = ['popularity', 'item-knn'];

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
  return waitForServerJob(port, jobId, 120);
}

async function train(): Promise<void> {
  const queued = (await callApi(port, 'startTraining', { models: MODELS })).reply;
  expect(queued.ok).toBe(true);
  expect((await waitForJob(queued.value.jobId)).state).toBe('succeeded');
}

async function overview(): Promise<WorkspaceOverview> {
  const { reply } = await callApi(port, 'overview', {});
  expect(reply.ok).toBe(true);
  return reply.value as WorkspaceOverview;
}

/** Formats the sentences the Training view and `shoprec models` show, with plain labels and dates. */
function sentences(status: ServingStatus, locale: (typeof LOCALES)[number]): string[] {
  return chosenServingMessages(status, (model) => `<${model}>`, (iso) => iso).map((message) =>
    formatMessage(locale, message.key, message.params),
  );
}

describe('serving status after a rollback', () => {
  let runs: number[];
  let latestPick: ModelVersionView;
  let older: ModelVersionView;

  it('imports a sample month and trains twice', async () => {
    const file = sampleShopFiles().find((candidate) => candidate.endsWith(MONTH));
    expect(file).toBeDefined();
    const response = await rawRequest(port, {
      method: 'POST',
      path: `/api/upload?name=${MONTH}`,
      headers: { 'x-shoprec-token': TOKEN, 'content-type': 'application/octet-stream' },
      body: await readFile(file!),
    });
    expect((await waitForJob(JSON.parse(response.body).value.jobId)).state).toBe('succeeded');

    await train();
    await train();

    const versions = (await callApi(port, 'listModelVersions', {})).reply.value as ModelVersionView[];
    runs = [...new Set(versions.map((version) => version.runId))].sort((a, b) => a - b);
    expect(runs).toHaveLength(2);
    latestPick = versions.find((version) => version.runId === runs[1] && version.chosenByRun)!;
    expect(latestPick).toBeDefined();
    older = versions.find((version) => version.runId === runs[0] && version.model !== latestPick.model)!;
    expect(older).toBeDefined();

    const before = await overview();
    expect(before.serving).toMatchObject({ versionId: latestPick.versionId, source: 'latest-run', pointer: null });
    expect(before.serving!.latestPick).toEqual({ versionId: latestPick.versionId, runId: runs[1], model: latestPick.model });
    expect(sentences(before.serving!, 'en')).toEqual([]);
  });

  it('reports the rolled-back version, not the latest pick', async () => {
    expect((await callApi(port, 'setServingVersion', { versionId: older.versionId })).reply.ok).toBe(true);

    const after = await overview();
    expect(after.latestRun!.runId).toBe(runs[1]);
    expect(after.serving).toMatchObject({ versionId: older.versionId, runId: runs[0], model: older.model, source: 'pointer' });
    expect(after.serving!.pointer!.reason).toBe('rollback');
    expect(after.serving!.pointer!.versionId).toBe(older.versionId);
    expect(after.serving!.metrics!.ndcg10).toBe(older.metrics!.ndcg10);
    expect(after.serving!.latestPick).toEqual({ versionId: latestPick.versionId, runId: runs[1], model: latestPick.model });
  });

  it('words the difference in both languages', async () => {
    const { serving } = await overview();
    for (const locale of LOCALES) {
      const [chosen, differs, ...rest] = sentences(serving!, locale);
      expect(rest).toEqual([]);
      expect(chosen).toContain(`<${older.model}>`);
      expect(chosen).toContain(String(older.versionId));
      expect(chosen).toContain(serving!.pointer!.since);
      expect(differs).toContain(`<${latestPick.model}>`);
      expect(differs).toContain(String(latestPick.versionId));
      expect(`${chosen} ${differs}`).not.toMatch(/\{\w+\}|serving\./);
    }
  });

  it('recommends and exports with the rolled-back version', async () => {
    const customer = (await callApi(port, 'searchCustomers', { query: '', limit: 1 })).reply.value[0];
    const picks = (await callApi(port, 'recommendForCustomer', { customerId: customer.customerId })).reply;
    expect(picks.ok).toBe(true);
    expect(picks.value.model).toBe(older.model);
    expect(picks.value.runId).toBe(runs[0]);

    const download = await rawRequest(port, { path: '/api/export/items', headers: { 'x-shoprec-token': TOKEN } });
    expect(download.status).toBe(200);
    const summary = JSON.parse(decodeURIComponent(String(download.headers['x-shoprec-export'])));
    const outcomes = (await callApi(port, 'outcomes', {})).reply.value as { exportId: number; runId: number | null }[];
    expect(outcomes.find((outcome) => outcome.exportId === summary.exportId)?.runId).toBe(runs[0]);
  });

  it('compares the serving version with the latest pick', async () => {
    const { reply } = await callApi(port, 'compareVersions', { a: older.versionId, b: latestPick.versionId });
    expect(reply.ok).toBe(true);
    expect(reply.value.a.versionId).toBe(older.versionId);
    expect(reply.value.b.versionId).toBe(latestPick.versionId);
    expect(reply.value.metricDelta.hr10).toBeCloseTo(latestPick.metrics!.hr10 - older.metrics!.hr10, 12);
    expect(reply.value.overlap.customers).toBeGreaterThan(0);
    expect(reply.value.overlap.meanShared).toBeGreaterThanOrEqual(0);
    expect(reply.value.overlap.meanShared).toBeLessThanOrEqual(10);

    const missing = (await callApi(port, 'compareVersions', { a: older.versionId, b: 9999 })).reply;
    expect(missing.ok).toBe(false);
    expect(missing.error.code).toBe('knowledge.versionNotFound');
  });

  it('serves the latest pick again when asked', async () => {
    expect((await callApi(port, 'setServingVersion', { versionId: latestPick.versionId })).reply.ok).toBe(true);

    const { serving } = await overview();
    expect(serving).toMatchObject({ versionId: latestPick.versionId, source: 'pointer' });
    expect(serving!.pointer!.reason).toBe('rollforward');
    expect(sentences(serving!, 'en')).toHaveLength(1);
  });

  it('serves the next run’s own pick after training again', async () => {
    expect((await callApi(port, 'setServingVersion', { versionId: older.versionId })).reply.ok).toBe(true);
    await train();

    const after = await overview();
    expect(after.serving!.source).toBe('latest-run');
    expect(after.serving!.runId).toBe(after.latestRun!.runId);
    expect(after.serving!.model).toBe(after.latestRun!.servingModel);
    expect(after.serving!.pointer).toBeNull();
  });
});
