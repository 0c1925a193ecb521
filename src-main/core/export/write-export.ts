import path from 'node:path';

import { EXPORT_FORMATS, type ExportEncoding, type ExportFormat, type ExportSummary } from '../../api/contract.ts';
import type { Locale } from '../../api/messages/index.ts';
import { ShopRecError } from '../errors.ts';
import { servingChoice } from '../knowledge/serving-pointer.ts';
import { recordExport } from '../outcomes/record-export.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { Catalogue } from './catalogue.ts';
import { csvRow } from './csv.ts';
import { checkBaseUrl } from './formats/email-columns.ts';
import { FORMAT_WRITERS } from './formats/index.ts';
import type { ExportContext, FormatWriter, RecordedPair } from './formats/types.ts';
import { writeFileAtomically, type TextChunk } from './write-file.ts';

export { EXPORT_FORMATS };

export type ExportOptions = LongWorkOptions & {
  locale?: Locale;
  /** Recommendations per customer or product; each format has its own default. */
  limit?: number;
  /** Defaults to the encoding the target program reads best (see each format). */
  encoding?: ExportEncoding;
  /** Product page address for e-mail formats, with optional {sku} and {handle} placeholders. */
  baseUrl?: string;
  /** False for a preview: the file is written, but not stored as an export whose outcomes are measured. */
  record?: boolean;
};

/**
 * Writes a recommendation file in one of the export formats, then records what it recommended
 * to whom, so that later imports can measure how many recommendations were bought.
 */
export async function writeExport(db: Db, format: ExportFormat, outPath: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const writer = FORMAT_WRITERS[format] as FormatWriter | undefined;
  if (!writer) throw new ShopRecError('export.unknownFormat', { format: String(format), formats: EXPORT_FORMATS.join(', ') });
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl);

  // The run of the version that serves, which after a rollback is not the newest run.
  const runId = servingChoice(db).runId;
  const encoding = options.encoding ?? writer.defaultEncoding;
  const pairs: RecordedPair[] = [];
  let skippedCustomers = 0;
  const context: ExportContext = {
    db,
    catalogue: new Catalogue(db),
    locale: options.locale ?? 'en',
    limit: options.limit ?? writer.defaultLimit,
    baseUrl: options.baseUrl ?? null,
    record: (pair) => pairs.push(pair),
    skipCustomer: () => (skippedCustomers += 1),
  };
  writer.check?.(context);

  const target = path.resolve(outPath);
  let rows = 0;
  const chunks = function* (): Generator<TextChunk> {
    yield { text: csvRow(writer.header(context), writer.delimiter), done: 0, total: 0 };
    for (const row of writer.rows(context)) {
      rows += 1;
      yield { text: csvRow(row.cells, writer.delimiter), done: row.done, total: row.total };
    }
  };
  const bytes = await writeFileAtomically(target, chunks(), encoding, options);

  const exportId = options.record === false ? null : recordExport(db, { format, path: target, runId, pairs });
  return { format, path: target, rows, bytes, encoding, exportId, skippedCustomers };
}
