/**
 * The streaming pass over a whole export: file bytes -> (gunzip) -> text decoder -> CSV records
 * -> order lines and rejected rows, yielded in batches so memory stays bounded by one read chunk
 * plus one batch whatever the file size.
 */
import { basename } from 'node:path';
import type { TextEncoding } from '../../api/contract.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import { CsvRecordReader } from './csv-records.ts';
import { cleanCell } from './clean-cell.ts';
import { createStreamingDecoder, InvalidUtf8Error } from './detect-encoding.ts';
import { toInvalidUtf8FileError } from './invalid-utf8.ts';
import { createLineAlignedChunks } from './line-aligned-chunks.ts';
import { openInput } from './open-input.ts';
import { isRejection, type RowConverter } from './formats/index.ts';
import { toFileError, type Container } from './sniff-container.ts';
import type { DetectedLayout, ParsedBatch } from './types.ts';

const MAX_RAW_CHARS = 4096;

/** First cells of footer rows: 合计/总计 totals, Excel "Grand total", eBay's download summary. */
const SUMMARY_ROW = /^(?:合计|总计|小计|汇总|total|totals|grand total|sum)(?:\s*[:：].*)?$|^\d+\s+record(?:s|\(s\))?\s+downloaded|^seller id\s*[:：]/i;

export interface StreamSource {
  filePath: string;
  container: Container;
  encoding: TextEncoding;
  layout: DetectedLayout;
  converter: RowConverter;
  batchSize: number;
  signal?: AbortSignal | undefined;
}

export async function* streamBatches(source: StreamSource): AsyncGenerator<ParsedBatch> {
  const { layout, converter, batchSize, signal } = source;
  const expectedColumns = layout.header.length;
  // Each record is converted before the next is read, so records can share one field array.
  const reader = new CsvRecordReader(layout.delimiter, { shareFieldArray: true });
  const decoder = createStreamingDecoder(source.encoding, { strictUtf8: true });
  const aligned = createLineAlignedChunks(source.encoding);
  const input = openInput(source.filePath, source.container);
  let batch = emptyBatch(0);
  // Text bytes handed to the decoder before the current chunk, to place an invalid UTF-8 byte.
  let decodedBytes = 0;
  let decoding: Buffer = Buffer.alloc(0);

  function decode(bytes: Buffer): string {
    if (bytes.length === 0) return '';
    decodedBytes += decoding.length;
    decoding = bytes;
    return decoder.write(bytes);
  }

  function addRecord(fields: string[]): void {
    const lineNumber = reader.recordLine;
    batch.rowsRead++;
    if (isBlank(fields)) {
      batch.blankRows++;
      return;
    }

    const problem = checkShape(fields, expectedColumns, reader.recordEnding);
    const result = problem ?? converter.convert(fields, lineNumber);
    if (isRejection(result)) {
      batch.rejected.push({ lineNumber, reason: result.reason, params: result.params, raw: reader.rawRecord(MAX_RAW_CHARS) });
    } else {
      if (Array.isArray(result)) batch.lines.push(...result);
      else batch.lines.push(result);
    }
  }

  function* drain(): Generator<ParsedBatch> {
    for (let fields = reader.next(); fields !== null; fields = reader.next()) {
      if (reader.recordLine <= layout.headerLineNumber) continue;
      addRecord(fields);
      if (batch.rowsRead >= batchSize) {
        batch.bytesRead = input.bytesRead();
        yield batch;
        batch = emptyBatch(0);
      }
    }
  }

  try {
    throwIfCancelled(signal);
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      input.countPlainBytes(chunk.length);
      reader.push(decode(aligned === null ? chunk : aligned.take(chunk)));
      for (const full of drain()) {
        throwIfCancelled(signal);
        yield full;
      }
    }
    if (aligned !== null) reader.push(decode(aligned.rest()));
    reader.push(decoder.end());
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw await toInvalidUtf8FileError(error, decodedBytes, decoding, source);
    throw toStreamError(error, source);
  } finally {
    input.stream.destroy();
  }

  reader.end();
  for (const full of drain()) {
    throwIfCancelled(signal);
    yield full;
  }
  if (batch.rowsRead > 0) {
    batch.bytesRead = input.bytesRead();
    throwIfCancelled(signal);
    yield batch;
  }
}

/** Order numbers are mostly digits; skipping them keeps the summary regex off the hot path. */
function isPlainNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && !text.includes(' ');
}

function emptyBatch(bytesRead: number): ParsedBatch {
  return { lines: [], rejected: [], rowsRead: 0, blankRows: 0, bytesRead };
}

export function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** Rejects rows whose cell count does not fit the header, and footer summary rows. */
export function checkShape(
  fields: readonly string[],
  expectedColumns: number,
  ending: CsvRecordReader['recordEnding'],
): { reason: 'truncatedLine' | 'wrongColumnCount' | 'summaryRow'; params: Record<string, string | number> } | null {
  if (ending === 'openQuote') return { reason: 'truncatedLine', params: {} };
  if (fields.length < expectedColumns) {
    if (ending === 'endOfFile') return { reason: 'truncatedLine', params: {} };
    return { reason: 'wrongColumnCount', params: { found: fields.length, expected: expectedColumns } };
  }
  // Spreadsheets pad rows with empty trailing cells; only extra cells with content are an error.
  for (let i = expectedColumns; i < fields.length; i++) {
    if (fields[i]?.trim() !== '') {
      return { reason: 'wrongColumnCount', params: { found: fields.length, expected: expectedColumns } };
    }
  }

  const first = cleanCell(fields[0]);
  if (first === null || isPlainNumber(first)) return null;
  return SUMMARY_ROW.test(first) ? { reason: 'summaryRow', params: { value: first } } : null;
}

function toStreamError(error: unknown, source: StreamSource): unknown {
  if (error instanceof ShopRecError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (source.container === 'gzip' && code.startsWith('Z_')) {
    return new ShopRecError('file.compressedCorrupt', { file: basename(source.filePath) }, { cause: error });
  }
  return toFileError(error, source.filePath);
}
