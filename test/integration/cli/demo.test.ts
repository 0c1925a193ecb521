import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import { parseJson, runCli, tempDir, type CliResult } from './run-cli.ts';

const MONTHS = 2;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Data rows of a gzip-compressed CSV with one header line, counted without the importer. */
function dataRows(file: string): number {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length - 1;
}

/** Data rows of a CSV file the export wrote: lines after the header, CRLF or LF. */
function exportedRows(file: string): number {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  return lines.length - 1;
}

describe('shoprec demo', () => {
  let workspace: string;
  let demo: CliResult;
  let json: Record<string, any>;

  beforeAll(async () => {
    workspace = path.join(tempDir(), 'demo');
    demo = await runCli(['demo', '--workspace', workspace, '--months', String(MONTHS), '--json']);
    json = parseJson(demo);
    // The demo trains every candidate, the sequential model for 8 epochs, on two shared cores.
  }, 300_000);

  it('imports the first sample months in order', () => {
    expect(demo.code).toBe(0);
    const files = sampleShopFiles().slice(0, MONTHS);
    expect(json.workspace).toBe(workspace);
    expect(json.imports.map((entry: { fileName: string }) => entry.fileName)).toEqual(files.map((file) => path.basename(file)));

    const expectedRows = files.reduce((total, file) => total + dataRows(file), 0);
    expect(json.import.rows).toBe(expectedRows);
    expect(json.import.lineItems).toBeGreaterThan(0);
    expect(json.import.lineItems + json.import.returns + json.import.rejected + json.import.duplicates).toBe(expectedRows);
  });

  it('reports every model with metrics between 0 and 1', () => {
    const models = ['popularity', 'item-knn', 'ease', 'als', 'sequential'];
    expect(Object.keys(json.train.models).sort()).toEqual([...models].sort());
    const best = Math.max(...models.map((model) => json.train.models[model].ndcg10 as number));
    expect(json.train.models[json.train.servingModel].ndcg10).toBe(best);
    expect(json.train.backend.labelKey).toMatch(/^backend\./);
    for (const model of models) {
      const metrics = json.train.models[model];
      for (const name of ['hr10', 'ndcg10', 'recall20', 'coverage']) {
        expect(metrics[name], `${model} ${name}`).toBeGreaterThanOrEqual(0);
        expect(metrics[name], `${model} ${name}`).toBeLessThanOrEqual(1);
      }
      expect(metrics.evaluatedCustomers).toBeGreaterThan(0);
    }
  });

  it('writes both CSV files with a UTF-8 BOM', () => {
    for (const [format, file] of Object.entries(json.files as Record<string, string>)) {
      expect(path.dirname(file), format).toBe(workspace);
      const bytes = readFileSync(file);
      expect([...bytes.subarray(0, 3)], format).toEqual(UTF8_BOM);
      expect(exportedRows(file), format).toBe(json.exports[format].rows);
    }
  });

  it('trains again with one model', async () => {
    const result = await runCli(['train', '--workspace', workspace, '--models', 'popularity', '--json']);
    expect(result.code).toBe(0);
    const run = parseJson(result);
    expect(run.runId).toBeGreaterThan(json.train.runId);
    expect(Object.keys(run.models)).toEqual(['popularity']);
    expect(run.servingModel).toBe('popularity');
  });

  it('recommends products for a known customer', async () => {
    // 17850 bought on several days of December 2010 in the UCI data.
    const result = await runCli(['recommend', '--customer', '17850', '--limit', '5', '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);
    const recommendations = parseJson(result);
    expect(recommendations.items.length).toBeGreaterThan(0);
    expect(recommendations.items.length).toBeLessThanOrEqual(5);
    expect(recommendations.items.map((item: { rank: number }) => item.rank)).toEqual(
      recommendations.items.map((_: unknown, index: number) => index + 1),
    );
  });

  it('explains recommendations in Chinese', async () => {
    const result = await runCli(['recommend', '--item', '85123A', '--limit', '3', '--workspace', workspace, '--lang', 'zh-CN']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('一起购买的商品');
    expect(result.stdout).toMatch(/推荐理由/);
  });

  it('fails for an unknown customer', async () => {
    const result = await runCli(['recommend', '--customer', 'no-such-customer', '--workspace', workspace]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('No customer with the ID no-such-customer was found in this shop.');
  });

  it('exports the items format with a limit', async () => {
    const out = path.join(tempDir(), 'items.csv');
    const result = await runCli(['export', '--format', 'items', '--out', out, '--limit', '2', '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);
    const summary = parseJson(result);
    expect(summary.path).toBe(out);
    expect(summary.format).toBe('items');
    expect(exportedRows(out)).toBe(summary.rows);
    expect(readFileSync(out).length).toBe(summary.bytes);
  });

  it('exports magento links as plain UTF-8', async () => {
    const out = path.join(tempDir(), 'magento.csv');
    const result = await runCli(['export', '--format', 'magento-links', '--out', out, '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);
    const summary = parseJson(result);
    expect(summary.encoding).toBe('utf-8');
    expect(readFileSync(out).subarray(0, 4).toString('utf8')).toBe('sku,');
  });

  it('lists export outcomes as JSON', async () => {
    const result = await runCli(['outcomes', '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);
    const { outcomes } = parseJson(result);
    const formats = outcomes.map((outcome: { format: string }) => outcome.format);
    expect(formats).toContain('customers');
    expect(formats).toContain('magento-links');
    for (const outcome of outcomes) expect(outcome.recommendedPairs).toBeGreaterThan(0);
  });
});
