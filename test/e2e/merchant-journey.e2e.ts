/**
 * One merchant's day in the window, in Chromium against the real browser-mode server: import
 * two real months of the UCI sample shop through the file input, train, look up
 * recommendations, read the charts, export a CSV, switch to Chinese and drop a broken file.
 * The steps share one server and one page and run in order.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobView } from '../../src-main/api/contract.ts';
import { formatMessage, type MessageKey } from '../../src-main/api/messages/index.ts';
import { startServer, type RunningServer } from '../../src-main/server/http-server.ts';
import {
  REPO_ROOT,
  VIEWS,
  chartIsPainted,
  openView,
  overviewText,
  saveScreenshot,
  untranslatedTexts,
  waitUntil,
} from './app-page.ts';
import { CHROMIUM_MISSING_MESSAGE, chromiumInstalled, launchBrowser, type TestBrowser } from './browser.ts';

const SAMPLE_MONTHS = ['online-retail-2010-12.csv.gz', 'online-retail-2011-01.csv.gz'].map((name) =>
  path.join(REPO_ROOT, 'resources', 'sample-shop', name),
);
const haveChromium = chromiumInstalled();

if (!haveChromium && process.env.CI !== 'true') {
  process.stderr.write(`Skipping the end-to-end tests: ${CHROMIUM_MISSING_MESSAGE}\n`);
}

describe.runIf(!haveChromium && process.env.CI === 'true')('end-to-end prerequisites', () => {
  it('finds chromium', () => {
    throw new Error(CHROMIUM_MISSING_MESSAGE);
  });
});

describe.runIf(haveChromium)('merchant journey', () => {
  let dir: string;
  let server: RunningServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shoprec-e2e-'));
    server = await startServer({ workspaceDir: path.join(dir, 'workspace'), rendererDir: path.join(REPO_ROOT, 'out', 'renderer') });
    browser = await launchBrowser('en-US');
    page = await browser.context.newPage();
    await page.goto(server.pageUrl);
    await page.waitForSelector('nav button[data-view="import"]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The server's job of `kind` whose label (file name, for imports) is `label`. */
  function findJob(kind: JobView['kind'], label?: string): JobView | undefined {
    return server.jobs.list().find((job) => job.kind === kind && (label === undefined || job.label === label));
  }

  it('imports two sample months through the file input', async () => {
    await page.setInputFiles('input[data-input="import"]', SAMPLE_MONTHS);

    await page.waitForFunction(() => document.querySelectorAll('table.imports tbody tr').length === 2, null, { timeout: 120_000 });
    const history = await page.locator('table.imports').innerText();
    expect(history).toContain('online-retail-2010-12.csv.gz');
    expect(history).toContain('online-retail-2011-01.csv.gz');
    expect(history).toContain('UCI Online Retail');

    const overview = server.workspace.overview();
    expect(overview.imports).toBe(2);
    await page.waitForSelector('[data-field="overview"]');
    // The header refreshes after the last import job reports back, a moment after the table.
    const orders = new Intl.NumberFormat('en-US').format(overview.orders);
    expect(await waitUntil(() => overviewText(page), (text) => text.includes(orders), 10_000)).toContain(orders);
  });

  it('trains from the Training view', async () => {
    await openView(page, 'training');
    await page.click('button[data-action="train"]');

    await page.waitForFunction(() => document.querySelector('[data-panel="serving"]')?.textContent?.includes('Serving model'), null, {
      timeout: 150_000,
    });
    expect(findJob('train')?.state).toBe('succeeded');
    expect(await page.locator('table.runs tbody tr').count()).toBe(1);
    await page.waitForFunction(() => document.querySelector('[data-panel="backend"]')?.textContent?.includes('Training runs on'));
  });

  it('shows a customer’s recommendations and bought-together products', async () => {
    await openView(page, 'recommendations');
    const customer = server.workspace.searchCustomers('', 1)[0];
    expect(customer).toBeDefined();

    await page.locator('input[type="search"]').first().fill(customer!.customerId);
    await page.locator('button.choice', { hasText: customer!.customerId }).first().click();
    await page.waitForSelector('table.recommendations tbody tr');
    expect(await page.locator('table.recommendations tbody tr').count()).toBeGreaterThan(0);

    const item = server.workspace.searchItems('', 1)[0];
    await page.locator('input[type="search"]').nth(1).fill(item!.sku);
    await page.locator('button.choice', { hasText: item!.sku }).first().click();
    await page.waitForSelector(`text=Often bought with`);
  });

  it('draws the sales and model charts with data', async () => {
    await openView(page, 'insights');
    const points = await waitUntil(
      () => page.locator('[data-chart="sales"]').getAttribute('data-points'),
      (value) => Number(value) > 0,
      20_000,
    );
    const weeks = server.workspace.salesOverTime('week').points.length;
    // Two series (orders and revenue) with one point per week each.
    expect(Number(points)).toBe(2 * weeks);
    expect(await waitUntil(() => chartIsPainted(page, 'sales'), Boolean, 10_000)).toBe(true);

    expect(Number(await page.locator('[data-chart="models"]').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await waitUntil(() => chartIsPainted(page, 'models'), Boolean, 10_000)).toBe(true);
    expect(await page.locator('[data-panel="traffic"]').innerText()).toContain('No traffic data yet');
  });

  it('previews and downloads the customer export', async () => {
    await openView(page, 'export');
    await page.check('input[name="export-format"][value="customers"]');
    await page.click('button[data-action="preview"]');
    await page.waitForSelector('table.preview tbody tr, main [role="alert"]', { timeout: 60_000 });
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
    const previewHeader = await page.locator('table.preview thead th').allInnerTexts();

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('button[data-action="save"]')]);
    const file = await download.path();
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((line) => line !== '');
    expect(lines[0]?.split(',')).toEqual(previewHeader);
    const saved = await page.locator('[data-result="saved"]').innerText();
    const rows = lines.length - 1;
    expect(rows).toBeGreaterThan(0);
    expect(saved).toContain(new Intl.NumberFormat('en-US').format(rows));
  });

  it('lists the trained model versions in the Knowledge view', async () => {
    await openView(page, 'knowledge');
    const versions = server.workspace.listModelVersions();
    await page.waitForSelector('table.versions tbody tr');
    expect(await page.locator('table.versions tbody tr').count()).toBe(versions.length);
    const serving = versions.find((version) => version.serving);
    expect(await page.locator('[data-field="serving-badge"]').count()).toBe(1);
    expect(await page.locator(`tr[data-version="${serving!.versionId}"] [data-field="serving-badge"]`).count()).toBe(1);
  });

  it('saves a screenshot of every view in English', async () => {
    for (const view of VIEWS) {
      await openView(page, view);
      expect(await untranslatedTexts(page, 'en')).toEqual([]);
      await saveScreenshot(page, 'en', view);
    }
  });

  it('switches to Chinese with no untranslated text', async () => {
    await openView(page, 'settings');
    await page.selectOption('select[data-field="language"]', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');

    for (const view of VIEWS) {
      await openView(page, view);
      if (view === 'insights') await waitUntil(() => chartIsPainted(page, 'sales'), Boolean, 10_000);
      expect(await untranslatedTexts(page, 'zh-CN')).toEqual([]);
      await saveScreenshot(page, 'zh-CN', view);
    }
  });

  it('rejects a binary file in Chinese and keeps the counts', async () => {
    await openView(page, 'import');
    const before = await overviewText(page);
    const junk = path.join(dir, 'junk.csv');
    await writeFile(junk, Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)));

    await page.setInputFiles('input[data-input="import"]', junk);
    const alert = page.locator('.jobs li', { hasText: 'junk.csv' }).locator('[role="alert"]');
    await alert.waitFor({ timeout: 60_000 });

    const failed = findJob('import', 'junk.csv');
    expect(failed?.state).toBe('failed');
    const expected = formatMessage('zh-CN', `error.${failed!.error!.code}` as MessageKey, failed!.error!.params);
    expect(await alert.innerText()).toBe(expected);
    expect(expected).toMatch(/[\u4e00-\u9fff]/);
    expect(await overviewText(page)).toBe(before);
    expect(server.workspace.overview().imports).toBe(2);
  });
});
