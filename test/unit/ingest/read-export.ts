import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openOrderExport } from '../../../src-main/core/ingest/open-order-export.ts';
import type { DetectedLayout, OrderLine, RejectedRow } from '../../../src-main/core/ingest/types.ts';

const testDir = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(testDir, '../../fixtures/ingest');
export const DATASETS = path.resolve(testDir, '../../../../shared/datasets');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export interface ReadExport {
  layout: DetectedLayout;
  lines: OrderLine[];
  rejected: RejectedRow[];
  rowsRead: number;
  blankRows: number;
  batches: number;
}

/** Opens an export and collects every batch, for assertions on small files. */
export async function readExport(filePath: string, batchSize?: number): Promise<ReadExport> {
  const reader = await openOrderExport(filePath, batchSize === undefined ? {} : { batchSize });
  const result: ReadExport = { layout: reader.layout, lines: [], rejected: [], rowsRead: 0, blankRows: 0, batches: 0 };
  for await (const batch of reader.batches()) {
    result.lines.push(...batch.lines);
    result.rejected.push(...batch.rejected);
    result.rowsRead += batch.rowsRead;
    result.blankRows += batch.blankRows;
    result.batches++;
  }
  return result;
}

/** Returns the code of the ShopRecError that `promise` rejects with, and its params. */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const { code, params } = error as { code: string; params: Record<string, unknown> };
    return { code, params };
  }
  throw new Error('expected the promise to reject');
}
