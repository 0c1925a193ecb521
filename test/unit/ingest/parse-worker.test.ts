import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

import { CancelledError, ShopRecError } from '../../../src-main/core/errors.ts';
import { openOrderExport } from '../../../src-main/core/ingest/open-order-export.ts';
import type { ParsedBatch } from '../../../src-main/core/ingest/types.ts';
import { startParseWorker, withoutTsxLoader } from '../../../src-main/core/ingest/worker-batches.ts';
import { DATASETS } from './read-export.ts';

const ONLINE_RETAIL = path.join(DATASETS, 'online-retail/online_retail.csv.gz');
const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-parse-worker-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Batches from the worker; falling back to in-thread parsing fails the test. */
function workerBatches(filePath: string, batchSize: number, signal?: AbortSignal): AsyncGenerator<ParsedBatch> {
  const worker = startParseWorker(filePath, batchSize);
  if (worker === null) throw new Error('no parse worker started');
  return worker.batches(() => {
    throw new Error('fell back to parsing in this thread');
  }, signal);
}

async function collect(batches: AsyncIterable<ParsedBatch>): Promise<ParsedBatch[]> {
  const all: ParsedBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Builds a UCI-style export of `rows` distinct lines. */
function csvText(rows: number): string {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${536365 + Math.floor(i / 7)},${10000 + (i % 3000)},ITEM ${i % 3000},${1 + (i % 9)},12/1/2010 8:26,${(i % 50) + 0.5},${12000 + (i % 800)},United Kingdom`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parse worker', () => {
  it('matches in-thread batches on UCI', async () => {
    const inThread = await collect((await openOrderExport(ONLINE_RETAIL, { batchSize: 20_000 })).batches());
    const fromWorker = await collect(workerBatches(ONLINE_RETAIL, 20_000));

    expect(fromWorker.length).toBe(inThread.length);
    for (const [index, batch] of fromWorker.entries()) expect(batch).toEqual(inThread[index]);
    // `wc -l` of the unpacked file minus the header line (no cell of it contains a line break).
    expect(fromWorker.reduce((rows, batch) => rows + batch.rowsRead, 0)).toBe(541_909);
  }, 60_000);

  it('reports a truncated gzip file', async () => {
    const packed = gzipSync(csvText(60_000));
    const file = path.join(dir, 'truncated.csv.gz');
    writeFileSync(file, packed.subarray(0, Math.floor(packed.length / 2)));

    const inThread = await errorOf(collect((await openOrderExport(file)).batches()));
    const fromWorker = await errorOf(collect(workerBatches(file, 5000)));

    expect(fromWorker).toBeInstanceOf(ShopRecError);
    expect((fromWorker as ShopRecError).code).toBe('file.compressedCorrupt');
    expect((fromWorker as ShopRecError).toData()).toEqual((inThread as ShopRecError).toData());
  }, 30_000);

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    let seen = 0;
    const stopped = errorOf(
      (async () => {
        for await (const batch of workerBatches(ONLINE_RETAIL, 1000, controller.signal)) {
          seen += batch.rowsRead;
          if (seen >= 3000) controller.abort();
        }
      })(),
    );

    expect(await stopped).toBeInstanceOf(CancelledError);
    expect(seen).toBeLessThan(541_909);
  }, 30_000);
});

describe('withoutTsxLoader', () => {
  it('drops flags that preload tsx', () => {
    expect(withoutTsxLoader(['--import', 'tsx', '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutTsxLoader(['--import=tsx/esm', '--require', '/app/node_modules/tsx/dist/cjs/index.cjs'])).toEqual([]);
  });

  it('keeps other preloads', () => {
    const flags = ['--import', './telemetry-off.mjs', '--require=./my-tsx-helper.cjs', '--import', '/home/me/tsx/log.mjs'];
    expect(withoutTsxLoader(flags)).toEqual(flags);
  });

  it('starts a worker beside V8 flags', () => {
    // Node accepts --max-old-space-size in a worker only when the worker inherits it.
    const script = path.join(dir, 'start-worker.mts');
    const workerModule = pathToFileURL(path.resolve('src-main/core/ingest/worker-batches.ts')).href;
    writeFileSync(
      script,
      `import { startParseWorker } from ${JSON.stringify(workerModule)};
       const worker = startParseWorker(${JSON.stringify(ONLINE_RETAIL)}, 1000);
       if (worker === null) process.exit(3);
       for await (const batch of worker.batches(() => { throw new Error('parsed in this thread'); })) {
         console.log('rows', batch.rowsRead);
         break;
       }
       worker.close();`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', script], { encoding: 'utf8' });

    expect(run.stderr).not.toContain('failed to start');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('rows 1000');
  }, 60_000);
});
