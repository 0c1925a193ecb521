import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import type { ExportFormat, ExportSummary } from '../../api/contract.ts';
import { formatMessage, type Locale, type MessageKey } from '../../api/messages/index.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { CustomerRecommender, DEFAULT_LIMIT, recommendForItem } from '../recommend/recommend.ts';
import type { Db } from '../store/database.ts';
import { csvRow, UTF8_BOM, type CsvCell } from './csv.ts';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['customers', 'items'];

export type ExportOptions = LongWorkOptions & { locale?: Locale; limit?: number };

/** Rows are buffered up to this many characters before each write. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Writes a recommendation CSV (UTF-8 with BOM so Excel detects the encoding, CRLF line ends).
 * The file is written under a temporary name in the target folder and renamed at the end, so a
 * failed or cancelled export leaves no partial file and never replaces an earlier one halfway.
 */
export async function writeExport(db: Db, format: ExportFormat, outPath: string, options: ExportOptions = {}): Promise<ExportSummary> {
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ShopRecError('export.unknownFormat', { format: String(format), formats: EXPORT_FORMATS.join(', ') });
  }
  const locale = options.locale ?? 'en';
  const limit = options.limit ?? DEFAULT_LIMIT;
  const rows = format === 'customers' ? customerRows(db, locale, limit) : itemRows(db, locale, limit);

  const target = path.resolve(outPath);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let file: FileHandle | null = null;
  let written = 0;
  try {
    file = await open(temporary, 'wx').catch((error: unknown) => rethrowWriteError(error, target));
    let buffer = UTF8_BOM;
    for (const { cells, done, total } of rows) {
      buffer += csvRow(cells);
      written += 1;
      if (buffer.length >= FLUSH_CHARS) {
        await file.write(buffer).catch((error: unknown) => rethrowWriteError(error, target));
        buffer = '';
        throwIfCancelled(options.signal);
        options.onProgress?.('export.write', done, total);
      }
    }
    await file.write(buffer).catch((error: unknown) => rethrowWriteError(error, target));
    await file.close().catch((error: unknown) => rethrowWriteError(error, target));
    file = null;
    throwIfCancelled(options.signal);
    await rename(temporary, target).catch((error: unknown) => rethrowWriteError(error, target));
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }

  const bytes = (await stat(target)).size;
  // The first row written is the header.
  return { format, path: target, rows: written - 1, bytes };
}

interface RowChunk {
  cells: CsvCell[];
  done: number;
  total: number;
}

/** Yields one row per customer and rank, for every customer with at least one purchase. */
function* customerRows(db: Db, locale: Locale, limit: number): Generator<RowChunk> {
  const recommender = new CustomerRecommender(db);
  const customers = db
    .prepare(
      `SELECT c.id, c.external_id AS externalId FROM customers c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'purchase')
       ORDER BY c.external_id`,
    )
    .all() as { id: number; externalId: string }[];

  yield { cells: ['customer_id', 'rank', 'sku', 'title', 'score', 'reason'], done: 0, total: customers.length };
  for (const [index, customer] of customers.entries()) {
    const result = recommender.recommend(customer.externalId, customer.id, limit);
    for (const item of result.items) {
      const reason = formatMessage(locale, item.reason.key as MessageKey, item.reason.params);
      yield { cells: [customer.externalId, item.rank, item.sku, item.title, roundScore(item.score), reason], done: index + 1, total: customers.length };
    }
  }
}

/** Yields one row per purchased item with its related items, joined with ", ". */
function* itemRows(db: Db, locale: Locale, limit: number): Generator<RowChunk> {
  const skus = db
    .prepare(
      `SELECT i.sku FROM items i WHERE EXISTS (SELECT 1 FROM events e WHERE e.item_id = i.id AND e.kind = 'purchase')
       ORDER BY i.sku`,
    )
    .pluck()
    .all() as string[];

  yield { cells: ['sku', 'title', 'related_skus', 'related_titles', 'reason'], done: 0, total: skus.length };
  for (const [index, sku] of skus.entries()) {
    const result = recommendForItem(db, sku, { limit });
    const top = result.boughtTogether[0];
    const reason = top ? formatMessage(locale, top.reason.key as MessageKey, top.reason.params) : '';
    yield {
      cells: [
        result.sku,
        result.title,
        result.boughtTogether.map((item) => item.sku).join(', '),
        result.boughtTogether.map((item) => item.title).join(', '),
        reason,
      ],
      done: index + 1,
      total: skus.length,
    };
  }
}

function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

function rethrowWriteError(error: unknown, file: string): never {
  const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  throw new ShopRecError('export.writeFailed', { file, reason }, { cause: error });
}
