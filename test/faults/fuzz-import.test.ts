/**
 * Import fuzzing: mutated real exports (a slice of the UCI Online Retail data, a Shopify
 * export, a GBK Taobao export) and hostile files (huge cells, truncated gzip, a zip bomb named
 * .xlsx, files that vanish while read). Every case must end in a summary or a merchant-facing
 * ShopRecError whose message renders in both languages, within a time limit, without the
 * process growing without bound, and a failed import must leave the workspace as it was.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MessageKey } from '../../src-main/api/messages/index.ts';
import { formatMessage } from '../../src-main/api/messages/index.ts';
import { ShopRecError } from '../../src-main/core/errors.ts';
import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../src-main/core/workspace.ts';
import { REPO_ROOT, seededRandom } from './fault-helpers.ts';
import { MUTATIONS, hugeCell, zipBombWorkbook } from './mutations.ts';
import { importsList, tableCounts } from './workspace-state.ts';

/** Rounds of every mutation over every seed file: 3 seeds x 10 mutations x ROUNDS cases (3,000 by default). */
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 100);
const CASE_TIMEOUT_MS = 30_000;
const RSS_GROWTH_LIMIT = 400 * 1024 * 1024;

let dir: string;
let workspace: Workspace;
let seeds: { name: string; bytes: Buffer }[];
let outcomes = { cases: 0, imported: 0, refused: 0 };
const errorCodes = new Map<string, number>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-fuzz-'));
  workspace = Workspace.open(path.join(dir, 'workspace'));
  const uci = sampleShopFiles().find((file) => file.endsWith('2011-12.csv.gz'))!;
  const uciSlice = gunzipSync(readFileSync(uci)).toString('utf8').split('\n').slice(0, 300).join('\n');
  seeds = [
    { name: 'uci', bytes: Buffer.from(uciSlice) },
    { name: 'shopify', bytes: readFileSync(path.join(REPO_ROOT, 'test/fixtures/ingest/shopify-orders.csv')) },
    { name: 'taobao-gbk', bytes: readFileSync(path.join(REPO_ROOT, 'test/fixtures/platforms/taobao-orders-gbk.csv')) },
  ];
  await importOrderFile(workspace.db, writeCase('baseline.csv', seeds[0]!.bytes));
});

afterAll(() => {
  workspace?.close();
  rmSync(dir, { recursive: true, force: true });
  console.info(`fuzz-import: ${JSON.stringify(outcomes)} codes ${JSON.stringify(Object.fromEntries(errorCodes))}`);
});

function writeCase(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function snapshot(): unknown {
  return { counts: tableCounts(workspace.db as never), imports: importsList(workspace.db as never) };
}

/** A failure must be the merchant's to fix and render fully in both catalogues. */
function expectMerchantError(error: unknown, label: string): void {
  if (!(error instanceof ShopRecError)) throw new Error(`${label}: not a ShopRecError: ${String((error as Error)?.stack ?? error)}`);
  expect(error.kind, `${label}: ${error.code}`).toBe('user');
  for (const locale of ['en', 'zh-CN'] as const) {
    const text = formatMessage(locale, `error.${error.code}` as MessageKey, error.params);
    expect(text, `${label} ${locale}`).not.toMatch(/\{\w+\}/);
    expect(text.length, `${label} ${locale}`).toBeGreaterThan(0);
  }
  errorCodes.set(error.code, (errorCodes.get(error.code) ?? 0) + 1);
}

/** Imports one file with a time limit; checks the outcome and that a failure changed nothing. */
async function importCase(file: string, label: string, during?: () => void): Promise<void> {
  const before = snapshot();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${label}: no answer within ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS).unref());
  const importing = importOrderFile(workspace.db, file, { batchSize: 500 });
  during?.();
  outcomes.cases += 1;
  try {
    await Promise.race([importing, timeout]);
    outcomes.imported += 1;
  } catch (error) {
    expectMerchantError(error, label);
    expect(snapshot(), label).toEqual(before);
    outcomes.refused += 1;
  }
}

describe('import fuzzing', () => {
  it('survives mutated real exports', async () => {
    const random = seededRandom(20_251_204);
    const rssBefore = process.memoryUsage().rss;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const seed of seeds) {
        for (const [name, mutate] of Object.entries(MUTATIONS)) {
          const extension = name === 'gzipTruncated' ? '.csv.gz' : random() < 0.1 ? '.txt' : '.csv';
          const file = writeCase(`case-${round}-${seed.name}-${name}${extension}`, mutate(seed.bytes, random));
          await importCase(file, `${seed.name} ${name} round ${round}`);
          rmSync(file, { force: true });
        }
      }
    }
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT);
  });

  it('handles a 5 MB cell', async () => {
    for (const seed of seeds.slice(0, 2)) await importCase(writeCase(`huge-${seed.name}.csv`, hugeCell(seed.bytes)), `huge cell ${seed.name}`);
  });

  it('rejects a zip bomb dressed as a workbook or handles it in bounded memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    await importCase(writeCase('bomb.xlsx', zipBombWorkbook()), 'zip bomb');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT);
  });

  it('handles files that vanish or shrink while read', async () => {
    const body = seeds[0]!.bytes.toString('utf8').split('\n');
    const rows = Array.from({ length: 60 }, (_, i) => body.slice(1).map((line) => line.replace(/^(\d+)/, `$1${i}`)).join('\n'));
    const big = Buffer.from([body[0], ...rows].join('\n'));
    for (let i = 0; i < 6; i += 1) {
      const file = writeCase(`vanish-${i}.csv`, big);
      const act = i % 2 === 0 ? () => unlinkSync(file) : () => truncateSync(file, 1000);
      let timer: NodeJS.Timeout | undefined;
      await importCase(file, `vanish ${i}`, () => (timer = setTimeout(act, 5 + i * 15)));
      clearTimeout(timer);
      rmSync(file, { force: true });
    }
  });
});
