/**
 * The Training view's serving panel and the Knowledge view's version comparison, rendered to
 * HTML on the server side from a real workspace (one month of the UCI sample shop, trained
 * twice, then rolled back). The browser suite drives the window in Chromium; these checks also
 * run where Chromium is not installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSSRApp, ref, type Component } from 'vue';
import { renderToString } from 'vue/server-renderer';

import type { ModelVersionView, WorkspaceOverview } from '../../src-main/api/contract.ts';
import type { Locale } from '../../src-main/api/messages/index.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../src-main/core/workspace.ts';
import type { ApiClient } from '../../src-renderer/src/api/client.ts';
import { en } from '../../src-renderer/src/i18n/en.ts';
import { createAppI18n } from '../../src-renderer/src/i18n/index.ts';
import { zhCN } from '../../src-renderer/src/i18n/zh-CN.ts';
import { API_KEY, JOBS_KEY, WORKSPACE_KEY } from '../../src-renderer/src/state/context.ts';
import type { JobStore } from '../../src-renderer/src/state/jobs.ts';
import type { WorkspaceStore } from '../../src-renderer/src/state/workspace.ts';
import VersionComparisonPanel from '../../src-renderer/src/components/VersionComparisonPanel.vue';
import TrainingView from '../../src-renderer/src/views/TrainingView.vue';

const MONTH = 'online-retail-2011-01.csv.gz';
const MODELS = ['popularity', 'item-knn'] as const;

let root: string;
let workspace: Workspace;
let older: ModelVersionView;
let latestPick: ModelVersionView;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shoprec-training-view-'));
  workspace = Workspace.open(path.join(root, 'workspace'), { create: true });
  const file = sampleShopFiles().find((candidate) => candidate.endsWith(MONTH));
  expect(file).toBeDefined();
  await workspace.importFile(file!);
  await workspace.train({ models: [...MODELS] });
  await workspace.train({ models: [...MODELS] });

  const versions = workspace.listModelVersions();
  const runs = [...new Set(versions.map((version) => version.runId))].sort((a, b) => a - b);
  latestPick = versions.find((version) => version.runId === runs[1] && version.chosenByRun)!;
  older = versions.find((version) => version.runId === runs[0] && version.model !== latestPick.model)!;
  workspace.setServingVersion(older.versionId);
});

afterAll(() => {
  workspace?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  vi.unstubAllGlobals();
});

/** Renders `component` in `locale` with the workspace's real overview, as the window's store contains it. */
async function render(component: Component, locale: Locale, props: Record<string, unknown> = {}): Promise<string> {
  // createAppI18n reads the saved language and sets the page's lang, which Node does not have.
  vi.stubGlobal('localStorage', { getItem: () => locale, setItem: () => undefined });
  vi.stubGlobal('document', { documentElement: {} });
  vi.stubGlobal('navigator', { language: locale });

  const store: WorkspaceStore = {
    overview: ref<WorkspaceOverview | null>(workspace.overview()),
    imports: ref(workspace.listImports()),
    runs: ref(workspace.trainingRuns()),
    error: ref(null),
    version: ref(1),
    refresh: async () => undefined,
  };
  const jobs = { jobs: ref([]), ofKind: () => [] } as unknown as JobStore;
  const api = {
    call: () => {
      throw new Error('rendering on the server calls no operation');
    },
  } as unknown as ApiClient;

  const app = createSSRApp(component, props);
  app.use(createAppI18n());
  app.provide(API_KEY, api);
  app.provide(JOBS_KEY, jobs);
  app.provide(WORKSPACE_KEY, store);
  return renderToString(app);
}

/** Returns the text of `html`, tags removed and spaces collapsed. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Returns the serving panel's text. */
function servingPanel(html: string): string {
  const start = html.indexOf('data-panel="serving"');
  const end = html.indexOf('</section>', start);
  expect(start).toBeGreaterThan(-1);
  return plainText(html.slice(start, end));
}

/** Returns the text of the comparison table's row for `metric`. */
function metricRow(html: string, metric: string): string {
  const start = html.indexOf(`data-metric="${metric}"`);
  expect(start).toBeGreaterThan(-1);
  return plainText(html.slice(start, html.indexOf('</tr>', start)));
}

describe('Training view serving panel', () => {
  it('names the rolled-back version and the latest pick in English', async () => {
    const html = await render(TrainingView, 'en');
    const panel = servingPanel(html);

    expect(panel).toContain(`Serving model: ${en[`model.${older.model}`]}`);
    expect(panel).toContain(`Serving version ${older.versionId} (${en[`model.${older.model}`]}, training run ${older.runId}), which you went back to on`);
    expect(panel).toContain(`The latest training, run ${latestPick.runId}, picked ${en[`model.${latestPick.model}`]} (version ${latestPick.versionId})`);
    expect(html).toContain('data-action="serve-latest-pick"');
    // The metrics table lists the latest run, whose models do not serve after this rollback.
    expect(panel).not.toContain(` ${en['train.servingMark']} `);
  });

  it('names the rolled-back version and the latest pick in Chinese', async () => {
    const html = await render(TrainingView, 'zh-CN');
    const panel = servingPanel(html);

    expect(panel).toContain(`正在使用版本 ${older.versionId}（${zhCN[`model.${older.model}`]}，第 ${older.runId} 次训练）`);
    expect(panel).toContain(`最近一次训练（第 ${latestPick.runId} 次）选出的是 ${zhCN[`model.${latestPick.model}`]}（版本 ${latestPick.versionId}）`);
    expect(panel).toContain(zhCN['train.serveLatestPick'].replace('{model}', zhCN[`model.${latestPick.model}`]));
    expect(panel).not.toMatch(/\{\w+\}|serving\.|train\./);
  });

  it('drops the latest-pick note once it serves again', async () => {
    workspace.setServingVersion(latestPick.versionId);
    const html = await render(TrainingView, 'en');
    const panel = servingPanel(html);

    expect(panel).toContain(`Serving model: ${en[`model.${latestPick.model}`]}`);
    expect(panel).not.toContain('The latest training');
    expect(html).not.toContain('data-action="serve-latest-pick"');
    expect(panel).toContain(` ${en['train.servingMark']} `);
  });
});

describe('Version comparison panel', () => {
  it('compares a version with the serving one in English', async () => {
    const servingId = workspace.servingStatus()!.versionId;
    const other = workspace.listModelVersions().find((version) => version.versionId !== servingId)!;
    const comparison = workspace.compareVersions(servingId, other.versionId);
    const html = await render(VersionComparisonPanel, 'en', { comparison });
    const decimal = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

    expect(plainText(html)).toContain(`Version ${other.versionId} compared with the serving version ${servingId}`);
    for (const metric of ['ndcg10', 'hr10'] as const) {
      const row = metricRow(html, metric);
      expect(row).toContain(decimal.format(comparison.a.metrics![metric]));
      expect(row).toContain(decimal.format(comparison.b.metrics![metric]));
      // The sign of the difference as shown, after rounding to three decimals.
      const sign = Math.sign(Math.round(comparison.metricDelta![metric] * 1000));
      const delta = row.trim().split(' ').at(-1)!;
      expect(delta.startsWith('+')).toBe(sign > 0);
      expect(delta.startsWith('-')).toBe(sign < 0);
    }
    expect(comparison.overlap.customers).toBeGreaterThan(0);
    expect(plainText(html)).toContain(`For ${comparison.overlap.customers} sample customers`);
  });

  it('compares a version with the serving one in Chinese', async () => {
    const servingId = workspace.servingStatus()!.versionId;
    const other = workspace.listModelVersions().find((version) => version.versionId !== servingId)!;
    const comparison = workspace.compareVersions(servingId, other.versionId);
    const text = plainText(await render(VersionComparisonPanel, 'zh-CN', { comparison }));

    expect(text).toContain(`版本 ${other.versionId} 与当前启用的版本 ${servingId} 对比`);
    expect(text).toContain(`在 ${comparison.overlap.customers} 位抽样顾客中`);
    expect(text).not.toMatch(/\{\w+\}|knowledge\.|metric\./);
  });
});
